import type { Writable } from 'node:stream';
import type { DbHandle } from '@/db/client';

/**
 * Where a command reads its environment and writes its output. The entry files pass the process's
 * own streams; tests pass their own, so every command runs in-process, and through a slow reader.
 */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** An open database to use instead of opening the one the environment names (tests). */
  db?: DbHandle;
}

export type Main = (argv: string[], io: CliIo) => Promise<number>;

/** Exit status for input the user must fix (spec: bad input → 2); anything else that fails is 1. */
export const EXIT_BAD_INPUT = 2;

/** A failure the user can fix: each line goes to stderr and the command exits with status 2. */
export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly status = EXIT_BAD_INPUT,
  ) {
    super(lines.join('\n'));
  }
}

/** The reader of our output went away (`| head`): stop quietly. */
export class OutputClosed extends Error {}

/**
 * Writes to a stream and waits while its buffer is full, so output of any size goes out at the
 * pace of the reader and never piles up in memory.
 */
export class Out {
  private closed = false;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closed = true;
    });
  }

  async write(text: string | Uint8Array): Promise<void> {
    if (this.closed || this.stream.destroyed) throw new OutputClosed();
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
      if (this.closed || this.stream.destroyed) throw new OutputClosed();
    }
  }

  /** Resolves once everything written so far has been handed to the operating system. */
  flush(): Promise<void> {
    if (this.closed || this.stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.stream.write('', () => resolve()));
  }
}

export function writeLines(stream: Writable, lines: string[]): void {
  for (const line of lines) stream.write(`${line}\n`);
}

/**
 * Runs a command's `main` as the process: the exit status is set only after stdout and stderr have
 * drained (never `process.exit` right after a write, which cut piped output at 64 KiB).
 */
export function runCli(main: Main): void {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  const out = new Out(process.stdout);
  const err = new Out(process.stderr);
  main(process.argv.slice(2), io)
    .catch((e: unknown) => reportFailure(e, io))
    .then(async (code) => {
      await Promise.all([out.flush(), err.flush()]);
      process.exitCode = code;
      // Everything is written; a handle someone forgot to close must not keep the command alive.
      setTimeout(() => process.exit(code), 10_000).unref();
    });
}

/** What `main` did not handle itself: usage errors are status 2, anything else 1, never a stack trace unless asked. */
export function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof OutputClosed) return 0;
  if (e instanceof CliError) {
    writeLines(io.stderr, e.lines);
    return e.status;
  }
  const code = String((e as { code?: unknown }).code ?? '');
  if (code.startsWith('ERR_PARSE_ARGS')) {
    writeLines(io.stderr, [(e as Error).message]);
    return EXIT_BAD_INPUT;
  }
  const debug = io.env.SCORECARD_DEBUG === '1';
  writeLines(io.stderr, [
    debug && e instanceof Error && e.stack ? e.stack : `出错：${e instanceof Error ? e.message : String(e)}${debug ? '' : '（设置 SCORECARD_DEBUG=1 可看到详细信息）'}`,
  ]);
  return 1;
}
