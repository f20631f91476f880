import { envDbOptions, openDb, type DbHandle } from '@/db/client';
import { DataDirBusyError } from '@/db/lock';
import { CliError, type CliIo } from './io';

/**
 * Runs a command against the database the environment names (or the one a test passes) and always
 * closes what it opened, so PGlite's folder lock is released. A folder held by the running app is
 * one plain line, status 1.
 */
export async function withDb<T>(io: CliIo, fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  if (io.db) return fn(io.db);
  let handle: DbHandle;
  try {
    handle = await openDb(envDbOptions(io.env));
  } catch (e) {
    if (e instanceof DataDirBusyError || (e instanceof Error && e.cause instanceof DataDirBusyError)) throw new CliError([e.message], 1);
    throw e;
  }
  try {
    return await fn(handle);
  } finally {
    await handle.close().catch(() => {});
  }
}
