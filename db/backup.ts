import fs from 'node:fs';
import path from 'node:path';
import { is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { MIGRATIONS_FOLDER, type Db, type Tx } from './client';
import * as schema from './schema';

/**
 * A complete, versioned backup of the database, and its restore, on PGlite and PostgreSQL alike.
 *
 * Generic over the drizzle schema: every table exported from db/schema (so a table added there is
 * backed up without touching this file), in foreign-key order, every column, every row. The file
 * is NDJSON, written and read one line at a time:
 *
 *   {"format":"dept-scorecard/backup@1", "migrations":[…], "tables":[{name, columns, rows}…], …}
 *   {"table":"rounds","columns":[…],"rows":3}
 *   {"id":1,"slug":"2021",…}                     ← one line per row, as PostgreSQL's row_to_json
 *   …
 *   {"end":true,"tables":14,"rows":1234}
 *
 * Rows travel as PostgreSQL's own JSON text and go back through json_populate_recordset, so every
 * value (numeric scale, microseconds, jsonb) comes back exactly, and JavaScript never rounds one.
 * Users are backed up with their password hashes (no password is stored anywhere).
 */

export const BACKUP_FORMAT = 'dept-scorecard/backup@1';

export interface BackupTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references (foreign keys), other than itself. */
  references: string[];
}

/** Every table of the drizzle schema, parents before children. */
export function backupTables(): BackupTable[] {
  const tables = new Map<string, BackupTable>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const name = config.schema ? `${config.schema}.${config.name}` : config.name;
    const pk = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    const references = [...new Set(config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name))].filter((n) => n !== config.name);
    tables.set(name, { name, columns: config.columns.map((c) => c.name), primaryKey: pk, references });
  }
  const ordered: BackupTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: BackupTable) => {
    if (state.get(t.name) === 'done') return;
    if (state.get(t.name) === 'visiting') throw new Error(`foreign keys form a cycle through ${t.name}: backup cannot order the tables`);
    state.set(t.name, 'visiting');
    for (const r of t.references) {
      const parent = tables.get(r);
      if (parent) visit(parent);
    }
    state.set(t.name, 'done');
    ordered.push(t);
  };
  // Alphabetical first, so the order is stable whatever order the schema files export in.
  for (const t of [...tables.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

/** The migrations this program applies, by tag: a backup says which schema its rows fit. */
export function migrationTags(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

const ident = (name: string) => sql.raw(name.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.'));

/** Rows of a raw query, whichever driver ran it (postgres.js gives an array, PGlite `{rows}`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function query<T>(db: Db | Tx, q: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(q));
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  created_at: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
}

const FETCH = 500;

/**
 * Writes the whole database, one line at a time, from one consistent snapshot (a repeatable-read,
 * read-only transaction: the app may keep running against PostgreSQL meanwhile).
 */
export async function writeBackup(db: Db, write: (line: string) => Promise<void>): Promise<{ tables: number; rows: number }> {
  const tables = backupTables();
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    // Timestamps in UTC, so the same data always gives the same file.
    await tx.execute(sql`set local timezone = 'UTC'`);
    const counts: number[] = [];
    for (const t of tables) {
      const [row] = await query<{ n: string | number }>(tx, sql`select count(*) as n from ${ident(t.name)}`);
      counts.push(Number(row!.n));
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      created_at: new Date().toISOString(),
      migrations: migrationTags(),
      tables: tables.map((t, i) => ({ name: t.name, columns: t.columns, rows: counts[i]! })),
    };
    await write(JSON.stringify(header));
    let total = 0;
    for (const [i, t] of tables.entries()) {
      await write(JSON.stringify({ table: t.name, columns: t.columns, rows: counts[i] }));
      const order = t.primaryKey.length ? sql.join(t.primaryKey.map(ident), sql`, `) : sql.raw('ctid');
      // A cursor reads a table of any size in pieces, inside the snapshot.
      await tx.execute(sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${ident(t.name)} t order by ${order}`);
      let n = 0;
      while (true) {
        const rows = await query<{ j: string }>(tx, sql.raw(`fetch ${FETCH} from backup_rows`));
        for (const r of rows) await write(r.j);
        n += rows.length;
        if (rows.length < FETCH) break;
      }
      await tx.execute(sql`close backup_rows`);
      if (n !== counts[i]) throw new Error(`table ${t.name}: counted ${counts[i]} rows, read ${n}`);
      total += n;
    }
    await write(JSON.stringify({ end: true, tables: tables.length, rows: total }));
    return { tables: tables.length, rows: total };
  });
}

export type RestoreResult = { ok: true; tables: number; rows: number } | { ok: false; message: string };

/** A refusal the user can act on; everything written so far is rolled back. */
export class RestoreRefused extends Error {}

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_ROWS = 1000;

/** Row counts of the non-empty tables. */
async function nonEmpty(db: Db | Tx, tables: BackupTable[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const [row] = await query<{ n: string | number }>(db, sql`select count(*) as n from ${ident(t.name)}`);
    if (Number(row!.n) > 0) out.push(`${t.name} ${row!.n} 行`);
  }
  return out;
}

/**
 * Restores a backup into this database, all or nothing, in one transaction. A database holding any
 * row is refused unless `replace` (then every table is emptied first). Sequences continue after the
 * restored ids. `lines` are the file's lines in order.
 */
export async function restoreBackup(db: Db, lines: AsyncIterable<string>, opts: { replace?: boolean } = {}): Promise<RestoreResult> {
  const tables = backupTables();
  const known = new Map(tables.map((t) => [t.name, t]));
  const it = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | null> => {
    while (true) {
      const r = await it.next();
      if (r.done) return null;
      lineNo++;
      if (r.value.trim() !== '') return r.value;
    }
  };
  const parse = (line: string): Record<string, unknown> => {
    try {
      const v = JSON.parse(line) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new RestoreRefused(`备份文件第 ${lineNo} 行不是有效的 JSON 对象：文件已损坏或不完整`);
  };

  try {
    const first = await next();
    if (first === null) throw new RestoreRefused('备份文件是空的');
    const header = parse(first) as Partial<BackupHeader>;
    if (header.format !== BACKUP_FORMAT) {
      throw new RestoreRefused(`不是本程序的备份文件（format 应为 ${BACKUP_FORMAT}，实为 ${JSON.stringify(header.format ?? null)}）`);
    }
    const ours = migrationTags();
    const theirs = Array.isArray(header.migrations) ? header.migrations.map(String) : [];
    if (theirs.length > ours.length || theirs.some((t, i) => t !== ours[i])) {
      throw new RestoreRefused(`备份来自数据库结构不同（或更新）的程序版本（迁移 ${theirs.join(', ')}；本程序 ${ours.join(', ')}）：请用相同或更新版本的程序恢复`);
    }

    return await db.transaction(async (tx) => {
      const occupied = await nonEmpty(tx, tables);
      if (occupied.length && !opts.replace) {
        throw new RestoreRefused(`数据库不是空的（${occupied.join('，')}）；恢复会替换其中的全部数据，确需如此请加 --replace`);
      }
      if (occupied.length) await tx.execute(sql`truncate table ${sql.join(tables.map((t) => ident(t.name)), sql`, `)} restart identity cascade`);

      let total = 0;
      let sections = 0;
      let line = await next();
      while (line !== null) {
        const section = parse(line);
        if (section.end === true) {
          if (section.rows !== total) throw new RestoreRefused(`备份文件声明 ${String(section.rows)} 行，实际读到 ${total} 行：文件已损坏`);
          break;
        }
        const name = String(section.table ?? '');
        const table = known.get(name);
        if (!table) throw new RestoreRefused(`备份文件第 ${lineNo} 行：本程序没有数据表 ${JSON.stringify(section.table ?? null)}`);
        const columns = Array.isArray(section.columns) ? section.columns.map(String) : [];
        const missing = columns.filter((c) => !table.columns.includes(c));
        if (missing.length) throw new RestoreRefused(`备份文件中数据表 ${name} 的列 ${missing.join(', ')} 在本程序中不存在`);
        const expected = Number(section.rows);
        sections++;
        let n = 0;
        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (!batch.length) return;
          const cols = sql.join(columns.map(ident), sql`, `);
          // json_populate_recordset turns each value into the column's own type; columns the backup
          // lacks (an older program) take their defaults.
          await tx.execute(
            sql`insert into ${ident(name)} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${ident(name)}, ${`[${batch.join(',')}]`}::json)`,
          );
          batch = [];
          bytes = 0;
        };
        while (n < expected) {
          const row = await next();
          if (row === null) throw new RestoreRefused(`备份文件在数据表 ${name} 的第 ${n + 1} 行处结束：文件不完整`);
          parse(row);
          batch.push(row);
          bytes += row.length;
          n++;
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        }
        await flush();
        total += n;
        line = await next();
        if (line === null) throw new RestoreRefused('备份文件没有结束标记：文件不完整');
      }
      if (line === null) throw new RestoreRefused('备份文件没有结束标记：文件不完整');

      // Serial and identity columns continue after the restored ids.
      for (const t of tables) {
        for (const c of t.columns) {
          const [seq] = await query<{ s: string | null }>(tx, sql`select pg_get_serial_sequence(${t.name}, ${c}) as s`);
          if (!seq?.s) continue;
          await tx.execute(sql`select setval(${seq.s}, coalesce((select max(${ident(c)}) from ${ident(t.name)}), 0) + 1, false)`);
        }
      }
      return { ok: true as const, tables: sections, rows: total };
    });
  } catch (e) {
    if (e instanceof RestoreRefused) return { ok: false, message: e.message };
    throw e;
  }
}
