import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDb, type DbHandle } from '../client';

/**
 * Every database test runs on PGlite, and a second time on a real PostgreSQL server when
 * TEST_DATABASE_URL names one (CI does). Never DATABASE_URL: tests must not touch the app's data.
 */
export type Backend = 'pglite' | 'postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
export const backends: Backend[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb extends DbHandle {
  backend: Backend;
  /** Another independent handle on the same database (its own connection pool); PostgreSQL only. */
  second?: () => Promise<DbHandle>;
  /** The test database's URL on PostgreSQL, for child processes and the app's own handle. */
  url?: string;
}

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The migrated dump made by ./global-setup, read once per test file; none outside the unit suite. */
let template: Blob | undefined;
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  if (!file) return undefined;
  return (template ??= new Blob([fs.readFileSync(file)]));
}

/**
 * A database of its own: in-memory PGlite, or a fresh `scorecard_test_<random>` database on the
 * server, created here and dropped by `close`.
 */
export async function openTestDb(backend: Backend): Promise<TestDb> {
  if (backend === 'pglite') return { ...(await openDb({ template: pgliteTemplate() })), backend };
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `scorecard_test_${randomBytes(6).toString('hex')}`;
  // UTF8 whatever the server's locale: the data is Chinese.
  await admin((sql) => sql.unsafe(`create database ${name} encoding 'UTF8' template template0`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString() });
  const extra: DbHandle[] = [];
  return {
    ...handle,
    backend,
    url: url.toString(),
    second: async () => {
      const h = await openDb({ url: url.toString(), migrate: false });
      extra.push(h);
      return h;
    },
    close: async () => {
      for (const h of extra) await h.close();
      await handle.close();
      await admin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}
