import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DbHandle } from '@/db/client';
import type { CliIo, Main } from '@/scripts/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A stream that takes at most `highWaterMark` bytes before saying "wait", and takes its time over
 * each piece: a command that does not wait for 'drain' loses output or piles it up in memory.
 */
export function slowSink(opts: { delayMs?: number; highWaterMark?: number } = {}): { stream: Writable; text: () => string; maxBuffered: () => number } {
  const parts: Buffer[] = [];
  let maxBuffered = 0;
  const stream: Writable = new Writable({
    highWaterMark: opts.highWaterMark ?? 1024,
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      maxBuffered = Math.max(maxBuffered, stream.writableLength);
      setTimeout(cb, opts.delayMs ?? 0);
    },
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8'), maxBuffered: () => maxBuffered };
}

/** Runs a command's main in this process, as `npm run <command> -- …args` would. */
export async function runMain(main: Main, args: string[], opts: { env?: Record<string, string | undefined>; db?: DbHandle; slow?: boolean; stdin?: NodeJS.ReadableStream } = {}): Promise<CliRun> {
  const out = slowSink({ delayMs: opts.slow ? 1 : 0, highWaterMark: opts.slow ? 1024 : 1 << 20 });
  const err = slowSink({ highWaterMark: 1 << 20 });
  const io: CliIo & { stdin?: NodeJS.ReadableStream } = { stdout: out.stream, stderr: err.stream, env: { ...(opts.env ?? {}) } as NodeJS.ProcessEnv, ...(opts.db ? { db: opts.db } : {}), ...(opts.stdin ? { stdin: opts.stdin } : {}) };
  const code = await main(args, io);
  await new Promise<void>((r) => out.stream.end(r));
  await new Promise<void>((r) => err.stream.end(r));
  return { code, stdout: out.text(), stderr: err.text() };
}

/**
 * Runs `npm run <script>` as a real process whose stdout is a pipe read slowly (paused at first,
 * then a little at a time), the way `… | jq` reads when jq is busy.
 */
export function spawnSlowly(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.join('scripts', `${script}.ts`), ...args], {
      env: { ...process.env, SCORECARD_DEMO: '', ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.pause();
    const timer = setTimeout(() => {
      // Read 16 KiB every few milliseconds from then on.
      const tick = setInterval(() => {
        let chunk: Buffer | null;
        let n = 0;
        while (n < 16_384 && (chunk = child.stdout.read() as Buffer | null) !== null) {
          out.push(chunk);
          n += chunk.length;
        }
      }, 5);
      child.stdout.on('end', () => clearInterval(tick));
    }, 500);
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let chunk: Buffer | null;
      while ((chunk = child.stdout.read() as Buffer | null) !== null) out.push(chunk);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
