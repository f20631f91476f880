import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { sourceToCohort, type CohortSource } from '@/lib/interchange/source';
import { departmentToJson, type Cohort, type Department, type Policy, type Problem, type System } from '@/lib/scoring';
import { getDb, type Db, type Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, groups, importBatches, indicatorSystems, roundDepartments, rounds, submissions, type SubmissionStatus } from './schema';
import { writeAudit } from './audit';
import { takeSnapshot } from './snapshot';
import { loadSystemVersion, resolveSystemRef, storeSystemVersion, type SystemRef } from './systems';

export type ImportSource = CohortSource;

export interface ImportRequest {
  roundSlug: string;
  /** Required when the round does not exist yet: a built-in id, a stored system id, or a system@1 document. */
  system?: SystemRef;
  source: ImportSource;
  /** Who is importing; recorded on every row written. */
  actor: string;
  fileName?: string;
  /** For a new round: overrides the cohort file's round name / year (a table file has neither). */
  roundName?: string;
  year?: number;
  /** For a new round: the interpolation policy; defaults to the system's. */
  policy?: Policy;
  /** The signed-in user behind `actor`, and their address, for the audit log (null: command line). */
  actorId?: number | null;
  address?: string | null;
  /** Status of the new submission versions; an import by the bureau counts as submitted. */
  status?: SubmissionStatus;
}

export type Rejected = { ok: false; problems: Problem[] };

export type ImportResult =
  | {
      ok: true;
      round: string;
      roundCreated: boolean;
      departments: number;
      newDepartments: number;
      /** Department code → the version number just stored. */
      versions: Record<string, number>;
      batchId: number;
      snapshotId: number;
    }
  | Rejected;

const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CHUNK = 500;

/** A refusal discovered inside the transaction; it rolls back and is reported like a validation problem. */
class ImportRefused extends Error {}

function fail(...messages: string[]): Rejected {
  return { ok: false, problems: messages.map((message) => ({ message })) };
}

function lockedMessage(r: Pick<Round, 'slug' | 'name'>): string {
  return `评价轮次 ${r.slug}（${r.name}）已锁定，不能再导入或修改填报；如需更正，请管理员先解锁该轮次`;
}

/** A 4-digit slug is taken as the year of a new round. */
function defaultYear(slug: string): number | undefined {
  return /^\d{4}$/.test(slug) ? Number(slug) : undefined;
}

interface Plan {
  system: System;
  document: unknown;
  existing: Round | null;
  cohort: Cohort;
  roundName: string;
  year: number;
  policy: Policy;
}

/** Everything that can be checked before writing: the round, the system and every row of the file. */
async function plan(db: Db | Tx, req: ImportRequest): Promise<{ ok: true; plan: Plan } | Rejected> {
  const slug = req.roundSlug.trim();
  if (!SLUG.test(slug)) return fail(`轮次标识“${req.roundSlug}”无效：只能用字母、数字、- 和 _，如 2021`);
  const existing = await selectRound(db, slug);
  let system: System;
  let document: unknown;
  if (existing) {
    if (existing.status === 'locked') return fail(lockedMessage(existing));
    ({ system } = await loadSystemVersion(db, existing.systemVersionId));
    if (req.system !== undefined) {
      const r = await resolveSystemRef(db, req.system);
      if (!r.ok) return { ok: false, problems: r.errors.map((message) => ({ field: 'system', message })) };
      const [same] = await db
        .select({ same: sql<boolean>`${indicatorSystems.document} = ${JSON.stringify(r.document)}::jsonb` })
        .from(indicatorSystems)
        .where(eq(indicatorSystems.id, existing.systemVersionId));
      if (r.system.id !== existing.systemId || !same?.same) {
        return fail(
          `评价轮次 ${slug} 使用指标体系 ${existing.systemId}（第 ${existing.systemVersion} 版），与给出的体系不同；一个轮次的体系不能更换，请新建轮次`,
        );
      }
    }
    document = undefined;
  } else {
    if (req.system === undefined) {
      return fail(`评价轮次 ${slug} 不存在；新建轮次须指定指标体系（--system 内置体系代码或 system@1 文件）`);
    }
    const r = await resolveSystemRef(db, req.system);
    if (!r.ok) return { ok: false, problems: r.errors.map((message) => ({ field: 'system', message })) };
    system = r.system;
    document = r.document;
  }

  const fileRound = req.source.kind === 'cohort' ? roundOfCohortJson(req.source.json) : undefined;
  const year = req.year ?? fileRound?.year ?? existing?.year ?? defaultYear(slug);
  const roundName = req.roundName ?? fileRound?.name ?? existing?.name ?? (year ? `${year}年度部门整体支出绩效评价` : undefined);
  if (!existing && (year === undefined || !roundName)) {
    return fail(`新建评价轮次 ${slug} 须给出年度（--year）`);
  }

  const parsed = sourceToCohort(req.source, system, { name: roundName!, year: year! });
  if (!parsed.ok) return parsed;
  if (req.source.kind === 'cohort' && parsed.cohort.system !== system.id) {
    return fail(`文件声明的指标体系为 ${parsed.cohort.system}，而评价轮次 ${slug} 使用 ${system.id}`);
  }
  return {
    ok: true,
    plan: { system, document, existing, cohort: parsed.cohort, roundName: roundName!, year: year!, policy: req.policy ?? existing?.policy ?? system.interpolation },
  };
}

function roundOfCohortJson(raw: unknown): { name?: string; year?: number } | undefined {
  const round = (raw as { round?: { name?: unknown; year?: unknown } } | null)?.round;
  if (!round || typeof round !== 'object') return undefined;
  return {
    ...(typeof round.name === 'string' && round.name.trim() ? { name: round.name.trim() } : {}),
    ...(typeof round.year === 'number' && Number.isInteger(round.year) ? { year: round.year } : {}),
  };
}

/**
 * Imports a cohort into a round, all or nothing. Validation happens before anything is written;
 * then one transaction creates the round if needed, registers new departments and groups, adds a
 * new submission version per department (earlier versions stay), and stores a fresh score snapshot
 * of the whole round. The round row is locked for the duration, so concurrent imports queue
 * instead of allocating the same version twice.
 */
export async function importCohort(req: ImportRequest, db?: Db | Tx): Promise<ImportResult> {
  const handle = db ?? (await getDb());
  const planned = await plan(handle, req);
  if (!planned.ok) return planned;
  const p = planned.plan;
  const slug = req.roundSlug.trim();
  try {
    return await handle.transaction((tx) => write(tx, slug, p, req));
  } catch (e) {
    if (e instanceof ImportRefused) return fail(e.message);
    throw e;
  }
}

async function write(tx: Tx, slug: string, p: Plan, req: ImportRequest): Promise<ImportResult & { ok: true }> {
  let roundCreated = false;
  let versionId: number | undefined;
  if (!p.existing) {
    versionId = await storeSystemVersion(tx, p.system, p.document, req.actor);
    const created = await tx
      .insert(rounds)
      .values({ slug, name: p.roundName, year: p.year, systemVersionId: versionId, policy: p.policy, createdBy: req.actor })
      .onConflictDoNothing({ target: rounds.slug })
      .returning({ id: rounds.id });
    roundCreated = created.length > 0;
  }
  // The row lock serialises imports into one round (version numbers, is_current, the snapshot).
  const [locked] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)).for('update');
  const round = locked ? await selectRound(tx, slug) : null;
  if (!round) throw new ImportRefused(`评价轮次 ${slug} 已被删除`);
  if (round.status === 'locked') throw new ImportRefused(lockedMessage(round));
  // A round created meanwhile by a concurrent import with another system would make our validation moot.
  if (versionId !== undefined && round.systemVersionId !== versionId) {
    throw new ImportRefused(`评价轮次 ${slug} 刚被另一次导入以不同的指标体系创建，请重新导入`);
  }

  // Sorted by code so concurrent imports touching the same departments lock them in one order.
  const incoming = [...p.cohort.departments].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = incoming.map((d) => d.code);
  const before = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await tx.select({ code: departments.code }).from(departments).where(inArray(departments.code, codes.slice(i, i + CHUNK)));
    for (const r of rows) before.add(r.code);
  }
  const deptIds = new Map<string, number>();
  for (let i = 0; i < incoming.length; i += CHUNK) {
    const rows = await tx
      .insert(departments)
      .values(incoming.slice(i, i + CHUNK).map((d) => ({ code: d.code, name: d.name })))
      .onConflictDoUpdate({ target: departments.code, set: { name: sql`excluded.name` } })
      .returning({ id: departments.id, code: departments.code });
    for (const r of rows) deptIds.set(r.code, r.id);
  }

  const groupNames = [...new Set(incoming.map((d) => d.group))].sort();
  await tx
    .insert(groups)
    .values(groupNames.map((name) => ({ roundId: round.id, name })))
    .onConflictDoNothing({ target: [groups.roundId, groups.name] });
  const groupRows = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.roundId, round.id));
  const groupIds = new Map(groupRows.map((g) => [g.name, g.id]));
  for (let i = 0; i < incoming.length; i += CHUNK) {
    await tx
      .insert(roundDepartments)
      .values(incoming.slice(i, i + CHUNK).map((d) => ({ roundId: round.id, departmentId: deptIds.get(d.code)!, groupId: groupIds.get(d.group)! })))
      .onConflictDoUpdate({ target: [roundDepartments.roundId, roundDepartments.departmentId], set: { groupId: sql`excluded.group_id` } });
  }

  const [batch] = await tx
    .insert(importBatches)
    .values({
      roundId: round.id,
      fileName: req.fileName ?? null,
      format: req.source.kind === 'cohort' ? 'cohort@1' : 'table',
      departmentCount: incoming.length,
      newDepartmentCount: codes.filter((c) => !before.has(c)).length,
      createdBy: req.actor,
    })
    .returning({ id: importBatches.id });

  const ids = [...deptIds.values()];
  const lastVersion = new Map<number, number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await tx
      .select({ departmentId: submissions.departmentId, v: max(submissions.version) })
      .from(submissions)
      .where(and(eq(submissions.roundId, round.id), inArray(submissions.departmentId, part)))
      .groupBy(submissions.departmentId);
    for (const r of rows) lastVersion.set(r.departmentId, r.v ?? 0);
    await tx
      .update(submissions)
      .set({ isCurrent: false })
      .where(and(eq(submissions.roundId, round.id), eq(submissions.isCurrent, true), inArray(submissions.departmentId, part)));
  }
  const versions: Record<string, number> = {};
  const byDepartment = new Map(incoming.map((d) => [deptIds.get(d.code)!, d]));
  const values = incoming.map((d) => {
    const departmentId = deptIds.get(d.code)!;
    const version = (lastVersion.get(departmentId) ?? 0) + 1;
    versions[d.code] = version;
    return {
      roundId: round.id,
      departmentId,
      version,
      isCurrent: true,
      status: req.status ?? ('submitted' as const),
      data: departmentToJson(d),
      importBatchId: batch!.id,
      createdBy: req.actor,
    };
  });
  // The snapshot may reuse what was just validated instead of reading it back.
  const known = new Map<number, Department>();
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = await tx.insert(submissions).values(values.slice(i, i + CHUNK)).returning({ id: submissions.id, departmentId: submissions.departmentId });
    for (const r of rows) known.set(r.id, byDepartment.get(r.departmentId)!);
  }

  const snap = await takeSnapshot(tx, round, { reason: 'import', actor: req.actor, importBatchId: batch!.id, known });
  await writeAudit(tx, { id: req.actorId ?? null, name: req.actor, address: req.address ?? null }, {
    action: 'round.import',
    round,
    before: { existingDepartments: before.size },
    after: { batchId: batch!.id, file: req.fileName ?? null, departments: incoming.length, newDepartments: codes.length - before.size, versions, snapshotId: snap.id },
  });
  return {
    ok: true,
    round: slug,
    roundCreated,
    departments: incoming.length,
    newDepartments: codes.filter((c) => !before.has(c)).length,
    versions,
    batchId: batch!.id,
    snapshotId: snap.id,
  };
}
