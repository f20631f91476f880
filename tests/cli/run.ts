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
 * Runs `npm run <script>` as a real process whose stdout is a pipe read slowly (not at all for half
 * a second, then through a slow consumer), the way `… | jq` reads when jq is busy.
 */
export function spawnSlowly(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.join('scripts', `${script}.ts`), ...args], {
      env: { ...process.env, SCORECARD_DEMO: '', ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sink = slowSink({ delayMs: 2, highWaterMark: 16_384 });
    const err: Buffer[] = [];
    // Not read at first: the pipe fills and the command must wait for its reader.
    const timer = setTimeout(() => child.stdout.pipe(sink.stream), 500);
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    let code: number | null = null;
    let exited = false;
    let drained = false;
    const done = () => exited && drained && resolve({ code: code ?? 1, stdout: sink.text(), stderr: Buffer.concat(err).toString('utf8') });
    sink.stream.on('finish', () => {
      drained = true;
      done();
    });
    child.on('close', (c) => {
      clearTimeout(timer);
      code = c;
      exited = true;
      // A command that wrote nothing: nothing was piped yet.
      if (!child.stdout.listenerCount('data') && !child.stdout.readableFlowing) child.stdout.pipe(sink.stream);
      done();
    });
  });
}
