import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireDirLock } from './lock';
import * as schema from './schema';

/** Both drivers' databases extend PgDatabase, so every query in db/ works on either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; otherwise PGlite. */
  url?: string;
  /** PGlite data folder; omitted means in memory (tests). */
  dataDir?: string;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /**
   * In-memory PGlite only: start from this dump of a data folder (PGlite dumpDataDir) instead of an
   * empty one. The tests start every database from one migrated dump: migrating costs seconds each time.
   */
  template?: Blob;
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db', 'migrations');
export const DEFAULT_DATA_DIR = './data/pglite';

// Serialises migrations when several app processes start against one server.
const MIGRATION_LOCK = 7_202_103;

export async function openDb(options: OpenOptions = {}): Promise<DbHandle> {
  if (options.url) return openPostgres(options.url, options.migrate ?? true);
  return openPglite(options.dataDir, options.migrate ?? true, options.template);
}

async function openPostgres(url: string, runMigrations: boolean): Promise<DbHandle> {
  if (runMigrations) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const mdb = drizzlePostgres(client, { schema });
      await mdb.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        await migratePostgres(mdb, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await mdb.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
      }
    } finally {
      await client.end();
    }
  }
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema });
  return { db: db as unknown as Db, driver: 'postgres', close: () => client.end() };
}

async function openPglite(dataDir: string | undefined, runMigrations: boolean, template?: Blob): Promise<DbHandle> {
  let release = () => {};
  if (dataDir) {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    release = acquireDirLock(dir);
  }
  try {
    const client = dataDir ? await PGlite.create(path.resolve(dataDir)) : await PGlite.create(template ? { loadDataDir: template } : {});
    const db = drizzlePglite(client, { schema });
    if (runMigrations) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Where the app's database is, from the environment. */
export function envDbOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) return { url };
  return { dataDir: env.DATA_DIR?.trim() || DEFAULT_DATA_DIR };
}

// On globalThis so hot reloads in `next dev` reuse the open handle instead of opening the folder twice.
const store = globalThis as unknown as { __scorecardDb?: Promise<DbHandle> };

/** The app's database, opened (and migrated, and in demo mode seeded) once per process. */
export function getDbHandle(): Promise<DbHandle> {
  if (!store.__scorecardDb) {
    const opening = (async () => {
      const handle = await openDb(envDbOptions());
      if (process.env.SCORECARD_DEMO === '1') {
        const { seedDemo } = await import('./demo');
        await seedDemo(handle.db);
      }
      const { ensureFirstAccounts } = await import('./first-accounts');
      await ensureFirstAccounts(handle.db, { demo: process.env.SCORECARD_DEMO === '1', announce: Boolean(process.env.NEXT_RUNTIME) });
      return handle;
    })();
    store.__scorecardDb = opening;
    opening.catch(() => {
      if (store.__scorecardDb === opening) store.__scorecardDb = undefined;
    });
  }
  return store.__scorecardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const opening = store.__scorecardDb;
  store.__scorecardDb = undefined;
  if (opening) await (await opening).close();
}
