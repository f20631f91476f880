/**
 * `npm run bench:pages`: the rankings page with a generated round of 1,000 departments in one group.
 * Measures the server's response time for the page (target ≤ 300 ms) and, in headless Chromium,
 * the time from navigation start until the ranking table and the chart are on screen (target ≤ 1.5 s).
 * Then the 试算 page of one unit whose change moves its group's scale (target ≤ 200 ms).
 *
 * Needs a production build: it runs `next build` when there is none, or always with `--build`.
 * Uses its own temporary data folder and port, so it never touches ./data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openDb } from '@/db/client';
import { importCohort } from '@/db/import';
import { startSession } from '@/db/sessions';
import { createUser } from '@/db/users';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { builtinSystem } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';

const N = Number(process.env.BENCH_PAGE_DEPARTMENTS ?? 1000);
const SERVER_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 20);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 7);
const SERVER_TARGET_MS = 300;
const WHATIF_TARGET_MS = 200;
const BROWSER_TARGET_MS = 1500;
const ROOT = path.resolve(__dirname, '..');
const NEXT = path.join(ROOT, 'node_modules', '.bin', 'next');
const SLUG = 'bench';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function line(label: string, ms: number[], target?: number) {
  const med = median(ms);
  const verdict = target ? `  target ≤ ${target} ms: ${med <= target ? 'met' : 'MISSED'}` : '';
  console.log(
    `${label.padEnd(78)} ${med.toFixed(0).padStart(7)} ms (median of ${ms.length}; min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})${verdict}`,
  );
}

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

async function seed(dataDir: string) {
  const system = builtinSystem('julu-2021')!;
  const json = syntheticCohort(system, N, { seed: 2021, groups: ['乡镇'], round: { name: `基准测试轮次（${N} 个单位）`, year: 2099 } });
  const handle = await openDb({ dataDir });
  try {
    const t = performance.now();
    const r = await importCohort({ roundSlug: SLUG, system: 'julu-2021', source: { kind: 'cohort', json }, actor: 'bench', fileName: 'bench.json' }, handle.db);
    if (!r.ok) throw new Error(`synthetic import failed: ${r.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
    const ms = performance.now() - t;
    // Every page needs a login: the bench reads as a leader, with a session made here.
    const u = await createUser({ username: 'bench', password: 'a leader reads the ranking', role: 'leader' }, { id: null, name: 'bench' }, handle.db);
    if (!u.ok) throw new Error(u.message);
    return { ms, session: await startSession(handle.db, u.id, {}), first: json.departments[0]! };
  } finally {
    await handle.close();
  }
}

async function startServer(dataDir: string, port: number): Promise<{ server: ChildProcess; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  delete env.SCORECARD_DEMO;
  let log = '';
  const server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '-p', String(port), '-H', '127.0.0.1'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (b) => (log += b));
  server.stderr!.on('data', (b) => (log += b));
  const stop = async () => {
    if (server.exitCode !== null || !server.pid) return;
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  };
  const until = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server (npm start) exited:\n${log}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      return { server, stop };
    } catch {
      if (Date.now() > until) {
        await stop();
        throw new Error(`the server (npm start) did not come up:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

async function timeRequest(url: string, session: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
  await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

export async function run(): Promise<void> {
  console.log(`\n== Rankings page with ${N.toLocaleString('en')} departments in one group (npm start, PGlite)`);
  const force = process.argv.includes('--build');
  if (force || !fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('building the app (next build)…');
    const b = spawnSync(NEXT, ['build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (b.status !== 0) throw new Error(`next build failed:\n${b.stdout}\n${b.stderr}`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const dataDir = path.join(tmp, 'pglite');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let stop: (() => Promise<void>) | undefined;
  try {
    const { ms: importMs, session, first } = await seed(dataDir);
    console.log(`${'import of the generated round (setup, not a target)'.padEnd(78)} ${importMs.toFixed(0).padStart(7)} ms`);
    const port = await freePort();
    ({ stop } = await startServer(dataDir, port));
    const url = `http://127.0.0.1:${port}/rounds/${SLUG}`;

    // The first request opens the database and scores the round; later ones reuse the score cache.
    const cold = await timeRequest(url, session);
    console.log(`${'server response, first request (opens the DB, scores 1,000 departments)'.padEnd(78)} ${cold.toFixed(0).padStart(7)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < SERVER_RUNS; i++) warm.push(await timeRequest(url, session));
    line('server response, GET /rounds/bench (full HTML)', warm, SERVER_TARGET_MS);

    // 试算: the first unit's 预算调整率 set to 0.01%, below every other value in the band, so the
    // group's minimum moves and every in-band unit is rescored on that leaf.
    const whatIfUrl = `http://127.0.0.1:${port}/rounds/${SLUG}/departments/${first.code}/whatif?budget_adjusted=${(Number(first.inputs.budget) / 10_000).toFixed(4)}`;
    const whatIfCold = await timeRequest(whatIfUrl, session);
    const whatIfHtml = await (await fetch(whatIfUrl, { headers: { cookie: `${SESSION_COOKIE}=${session}` } })).text();
    if (!whatIfHtml.includes('whatif-others')) throw new Error('the bench what-if moved no other unit: it measures the wrong case');
    console.log(`${'试算 page, first request (group table built once per scoring)'.padEnd(78)} ${whatIfCold.toFixed(0).padStart(7)} ms`);
    const whatIfWarm: number[] = [];
    for (let i = 0; i < SERVER_RUNS; i++) whatIfWarm.push(await timeRequest(whatIfUrl, session));
    line('server response, GET …/whatif?budget_adjusted=… (a change that moves the scale)', whatIfWarm, WHATIF_TARGET_MS);

    const shown: number[] = [];
    const interactive: number[] = [];
    for (let i = 0; i < BROWSER_RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: session, url }]);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // Milliseconds since navigation start when both the first table row and drawn bars exist.
      const ms = await page.waitForFunction(
        () => {
          const row = document.querySelector('[data-testid="ranking-table"] tbody tr');
          const bars = document.querySelectorAll('[data-testid="ranking-chart"] svg path').length;
          return row && bars > 10 ? window.performance.now() : 0;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      const value = (await ms.jsonValue()) as number;
      const rows = await page.$$eval('[data-testid="ranking-table"] tbody tr', (r) => r.length);
      if (rows < 25) throw new Error(`only ${rows} table rows shown`);
      // The first paint carries the server's SVG of the chart; the interactive one replaces it after hydration.
      const live = await page.waitForFunction(
        () => (document.querySelector('[data-testid="ranking-chart"]')?.getAttribute('data-drawn') === 'client' ? window.performance.now() : 0),
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      const liveValue = (await live.jsonValue()) as number;
      // The first run fills the server's view cache and the OS file cache; each run has a cold browser cache.
      if (i > 0) {
        shown.push(value);
        interactive.push(liveValue);
      }
      await context.close();
    }
    line('headless Chromium: navigation start → table rows and chart bars shown', shown, BROWSER_TARGET_MS);
    line('headless Chromium: navigation start → interactive chart drawn (hydrated)', interactive);
  } finally {
    await browser.close();
    await stop?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
