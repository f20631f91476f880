import { and, desc, eq, max, sql } from 'drizzle-orm';
import { builtinSystem, BUILTIN_SYSTEM_DOCUMENTS, loadSystem, parseSystem, type System } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { indicatorSystems } from './schema';

export interface SystemVersion {
  /** Row id, what rounds point at. */
  id: number;
  systemId: string;
  version: number;
  system: System;
}

// Stored versions never change, so a parsed system can be kept for the life of the process.
const parsed = new Map<string, System>();

function systemFromDocument(key: string, document: unknown): System {
  let system = parsed.get(key);
  if (!system) {
    system = loadSystem(document).system;
    parsed.set(key, system);
  }
  return system;
}

/** The System of a stored version row. */
export async function loadSystemVersion(db: Db | Tx, id: number): Promise<SystemVersion> {
  const [row] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.id, id));
  if (!row) throw new Error(`指标体系版本 ${id} 不存在`);
  return { id, systemId: row.systemId, version: row.version, system: systemFromDocument(`${row.systemId}@${row.version}`, row.document) };
}

/** What `--system` named: a built-in id, a system id already stored, or a system@1 document. */
export type SystemRef = string | Record<string, unknown>;

export type ResolvedSystem = { ok: true; system: System; document: unknown } | { ok: false; errors: string[] };

/** Validates a system reference without writing anything. */
export async function resolveSystemRef(db: Db | Tx, ref: SystemRef): Promise<ResolvedSystem> {
  if (typeof ref !== 'string') {
    const r = parseSystem(ref);
    if (!r.ok || !r.system) return { ok: false, errors: r.errors };
    return { ok: true, system: r.system, document: ref };
  }
  const builtin = builtinSystem(ref);
  if (builtin) return { ok: true, system: builtin, document: BUILTIN_SYSTEM_DOCUMENTS[ref] };
  const [row] = await db
    .select()
    .from(indicatorSystems)
    .where(eq(indicatorSystems.systemId, ref))
    .orderBy(desc(indicatorSystems.version))
    .limit(1);
  if (row) return { ok: true, system: systemFromDocument(`${row.systemId}@${row.version}`, row.document), document: row.document };
  const known = Object.keys(BUILTIN_SYSTEM_DOCUMENTS).join('、');
  return { ok: false, errors: [`找不到指标体系“${ref}”：内置体系有 ${known}，也可给出 system@1 文件`] };
}

/**
 * The version row holding exactly this document: an identical document reuses its version, a
 * changed one becomes the next version. Serialised per system id so two imports cannot both take
 * the same version number.
 */
export async function storeSystemVersion(tx: Tx, system: System, document: unknown, actor: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`indicator_systems:${system.id}`}))`);
  const doc = JSON.stringify(document);
  const [same] = await tx
    .select({ id: indicatorSystems.id })
    .from(indicatorSystems)
    .where(and(eq(indicatorSystems.systemId, system.id), sql`${indicatorSystems.document} = ${doc}::jsonb`))
    .orderBy(desc(indicatorSystems.version))
    .limit(1);
  if (same) return same.id;
  const [last] = await tx
    .select({ v: max(indicatorSystems.version) })
    .from(indicatorSystems)
    .where(eq(indicatorSystems.systemId, system.id));
  const [row] = await tx
    .insert(indicatorSystems)
    .values({ systemId: system.id, version: (last?.v ?? 0) + 1, name: system.name, document: sql`${doc}::jsonb`, createdBy: actor })
    .returning({ id: indicatorSystems.id });
  return row!.id;
}
