import { envDbOptions, openDb, type DbHandle } from './client';
import { DataDirBusyError } from './lock';

/** Exit status for input the user must fix (spec: bad input → 2); anything else that fails is 1. */
export const EXIT_BAD_INPUT = 2;

export class UsageError extends Error {}

/**
 * Runs a command against the configured database and always closes it, so PGlite's folder lock is
 * released. A folder held by the running app is reported in one plain line.
 */
export async function runWithDb(fn: (handle: DbHandle) => Promise<number | void>): Promise<void> {
  let status = 0;
  // A handle of its own (not the app's getDb): commands never seed demo data.
  let handle: DbHandle | undefined;
  try {
    handle = await openDb(envDbOptions());
    status = (await fn(handle)) ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      status = EXIT_BAD_INPUT;
    } else if (e instanceof DataDirBusyError || (e instanceof Error && e.cause instanceof DataDirBusyError)) {
      process.stderr.write(`${e.message}\n`);
      status = 1;
    } else {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      status = 1;
    }
  } finally {
    await handle?.close().catch(() => {});
  }
  process.exitCode = status;
}
