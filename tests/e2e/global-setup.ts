import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = path.resolve(__dirname, '../..');
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, server: ChildProcess, log: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server (npm start) exited with ${server.exitCode}:\n${log()}`);
    try {
      // The first request opens the database, migrates it and seeds the demo rounds.
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server (npm start) did not answer ${url} within ${timeoutMs / 1000}s:\n${log()}`);
}

/** Builds the current code, then serves it with demo data from a temporary data folder. */
export default async function setup(project: TestProject) {
  const build = spawnSync(nextBin, ['build'], { cwd: root, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SCORECARD_DEMO: '1', DATA_DIR: path.join(tmp, 'pglite'), NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) };
  delete env.DATABASE_URL; // always the embedded database: the suite must not touch a real server
  let output = '';
  // npm start's server (scripts/serve.mjs): it tells the app each request's real client address.
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '-p', String(port), '-H', '127.0.0.1'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (b) => (output += b));
  server.stderr!.on('data', (b) => (output += b));

  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null && server.pid) {
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(-server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${baseURL}/`, server, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  project.provide('baseURL', baseURL);
  return stop;
}
