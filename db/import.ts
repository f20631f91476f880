import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { ProblemList } from '@/lib/interchange/limits';
import { sourceToCohort, type CohortSource } from '@/lib/interchange/source';
import { ROUND_SLUG } from '@/lib/interchange/text-rules';
import { DEFAULT_GROUP, departmentToJson, type Cohort, type Department, type Policy, type Problem, type System } from '@/lib/scoring';
import { getDb, type Db, type Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, groups, importBatches, indicatorSystems, roundDepartments, rounds, submissions, type SubmissionStatus } from './schema';
import { writeAudit } from './audit';
import { writeImportedEvaluations } from './evaluations';
import { undeclaredGroupMessage } from '@/lib/interchange/group-names';
import { groupFor, importGroupProblems } from './import-groups';
import { lockRound, publishedRoundMessage, Refusal } from './round-lock';
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

/** `more`: problems found beyond the listed ones (lib/interchange/limits). */
export type Rejected = { ok: false; problems: Problem[]; more?: number };

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
      /** The bureau's judgement scores stored from the file (the unchanged ones are not repeated). */
      evaluations: number;
    }
  | Rejected;

const CHUNK = 500;

function fail(...messages: string[]): Rejected {
  return { ok: false, problems: messages.map((message) => ({ message })) };
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
  if (!ROUND_SLUG.test(slug)) return fail(`轮次标识“${req.roundSlug}”无效：只能用字母、数字、- 和 _，如 2021`);
  const existing = await selectRound(db, slug);
  let system: System;
  let document: unknown;
  if (existing) {
    if (existing.status === 'published') return fail(publishedRoundMessage(existing));
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
  // A new round declares the groups its file names; an existing one refuses groups it has not declared.
  const groupProblems = existing ? await importGroupProblems(db, existing.id, req.source) : [];
  if (!parsed.ok || groupProblems.length) {
    // The first 200 are listed, the rest counted (lib/interchange/limits).
    const all = new ProblemList();
    all.push(...(parsed.ok ? [] : parsed.problems), ...groupProblems);
    all.more += !parsed.ok && 'more' in parsed ? (parsed.more ?? 0) : 0;
    return { ok: false, ...all.result() };
  }
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
 * then one transaction creates the round if needed (declaring the file's groups), enrols new
 * departments in their declared group (a department already in the round keeps its group), adds a
 * new submission version per department (earlier versions stay), and stores the file's judgement
 * scores as the bureau's evaluations (spec §7) apart from the departments' data. Nothing is scored:
 * an open round is scored when read. The round row is locked for the duration, so concurrent
 * imports queue instead of allocating the same version twice.
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
    // A refusal found under the lock rolls the transaction back and is reported like a validation problem.
    if (e instanceof Refusal) return fail(e.message);
    throw e;
  }
}

/**
 * The import's one transaction, in its phases: the round (created if new, then locked), the
 * departments of the master list, their membership in the round's groups, a new submission version
 * for each, the file's judgement scores as the bureau's evaluations, and the audit entry.
 */
async function write(tx: Tx, slug: string, p: Plan, req: ImportRequest): Promise<ImportResult & { ok: true }> {
  const { round, roundCreated } = await createOrLockRound(tx, slug, p, req);
  // Sorted by code so concurrent imports touching the same departments lock them in one order.
  const incoming = [...p.cohort.departments].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const { ids: deptIds, existed } = await upsertDepartments(tx, incoming);
  const groupOf = await enrolInGroups(tx, round, incoming, deptIds);
  const newDepartments = incoming.filter((d) => !existed.has(d.code)).length;
  const batchId = await recordBatch(tx, round, req, incoming.length, newDepartments);
  const versions = await appendVersions(tx, round, incoming, deptIds, groupOf, batchId, req);
  // A draft changes no score; its judgement figures are not an evaluation either.
  const evaluated =
    req.status === 'draft'
      ? 0
      : await writeImportedEvaluations(
          tx,
          round.id,
          incoming.map((d) => ({ departmentId: deptIds.get(d.code)!, scores: Object.entries(d.judgements).map(([leaf, v]) => ({ leaf, score: v.toFixed(2) })) })),
          req.actor,
          batchId,
        );
  await writeAudit(tx, { id: req.actorId ?? null, name: req.actor, address: req.address ?? null }, {
    action: 'round.import',
    round,
    before: { existingDepartments: existed.size },
    after: { batchId, file: req.fileName ?? null, departments: incoming.length, newDepartments: incoming.length - existed.size, versions, evaluations: evaluated },
  });
  return { ok: true, round: slug, roundCreated, departments: incoming.length, newDepartments, versions, batchId, evaluations: evaluated };
}

/**
 * A new round is created with the file's system; then the round's row is locked (serialising
 * imports into one round: version numbers, is_current) and refused if it is published.
 */
async function createOrLockRound(tx: Tx, slug: string, p: Plan, req: ImportRequest): Promise<{ round: Round; roundCreated: boolean }> {
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
  const round = await lockRound(tx, slug, { unpublished: true });
  // A round created meanwhile by a concurrent import with another system would make our validation moot.
  if (versionId !== undefined && round.systemVersionId !== versionId) {
    throw new Refusal(`评价轮次 ${slug} 刚被另一次导入以不同的指标体系创建，请重新导入`);
  }
  if (roundCreated) {
    const declared = [...new Set(p.cohort.departments.map((d) => d.group))].sort();
    await tx.insert(groups).values(declared.map((name) => ({ roundId: round.id, name })));
  }
  return { round, roundCreated };
}

/** The file's departments in the master list (names updated), with their row ids and which existed before. */
async function upsertDepartments(tx: Tx, incoming: Department[]): Promise<{ ids: Map<string, number>; existed: Set<string> }> {
  const codes = incoming.map((d) => d.code);
  const existed = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await tx.select({ code: departments.code }).from(departments).where(inArray(departments.code, codes.slice(i, i + CHUNK)));
    for (const r of rows) existed.add(r.code);
  }
  const ids = new Map<string, number>();
  for (let i = 0; i < incoming.length; i += CHUNK) {
    const rows = await tx
      .insert(departments)
      .values(incoming.slice(i, i + CHUNK).map((d) => ({ code: d.code, name: d.name })))
      .onConflictDoUpdate({ target: departments.code, set: { name: sql`excluded.name` } })
      .returning({ id: departments.id, code: departments.code });
    for (const r of rows) ids.set(r.code, r.id);
  }
  return { ids, existed };
}

/**
 * Each department's group in the round: a department already enrolled keeps its own (checked again
 * under the lock: a group move may have happened since the file was checked), a new one joins the
 * declared group its row names. Returns code → group.
 */
async function enrolInGroups(tx: Tx, round: Round, incoming: Department[], deptIds: Map<string, number>): Promise<Map<string, string>> {
  const groupRows = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.roundId, round.id));
  const groupIds = new Map(groupRows.map((g) => [g.name, g.id]));
  const declared = groupRows.map((g) => g.name);
  const enrolled = new Map<number, string>();
  for (let i = 0; i < incoming.length; i += CHUNK) {
    const ids = incoming.slice(i, i + CHUNK).map((d) => deptIds.get(d.code)!);
    const rows = await tx
      .select({ departmentId: roundDepartments.departmentId, group: groups.name })
      .from(roundDepartments)
      .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
      .where(and(eq(roundDepartments.roundId, round.id), inArray(roundDepartments.departmentId, ids)));
    for (const r of rows) enrolled.set(r.departmentId, r.group);
  }
  const groupOf = new Map<string, string>();
  for (const d of incoming) {
    const current = enrolled.get(deptIds.get(d.code)!);
    const named = d.group === DEFAULT_GROUP ? '' : d.group;
    if (current && named && named !== current) throw new Refusal(`单位 ${d.code} 在本轮属于分组“${current}”，文件中为“${named}”；请刷新后重新导入`);
    const group = groupFor(named, current, declared);
    if (!groupIds.has(group)) throw new Refusal(undeclaredGroupMessage(group, declared));
    groupOf.set(d.code, group);
  }
  for (let i = 0; i < incoming.length; i += CHUNK) {
    await tx
      .insert(roundDepartments)
      .values(incoming.slice(i, i + CHUNK).map((d) => ({ roundId: round.id, departmentId: deptIds.get(d.code)!, groupId: groupIds.get(groupOf.get(d.code)!)! })))
      .onConflictDoNothing({ target: [roundDepartments.roundId, roundDepartments.departmentId] });
  }
  return groupOf;
}

/** The import batch every row written carries. */
async function recordBatch(tx: Tx, round: Round, req: ImportRequest, count: number, newCount: number): Promise<number> {
  const [batch] = await tx
    .insert(importBatches)
    .values({
      roundId: round.id,
      fileName: req.fileName ?? null,
      format: req.source.kind === 'cohort' ? 'cohort@1' : 'table',
      departmentCount: count,
      newDepartmentCount: newCount,
      createdBy: req.actor,
    })
    .returning({ id: importBatches.id });
  return batch!.id;
}

/** A new current submission version per department (earlier versions stay); returns code → version. */
async function appendVersions(
  tx: Tx,
  round: Round,
  incoming: Department[],
  deptIds: Map<string, number>,
  groupOf: Map<string, string>,
  batchId: number,
  req: ImportRequest,
): Promise<Record<string, number>> {
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
      // The department's own data; the file's judgement scores are the bureau's evaluations, kept apart.
      data: departmentToJson({ ...d, group: groupOf.get(d.code)!, judgements: {} }),
      importBatchId: batchId,
      createdBy: req.actor,
    };
  });
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(submissions).values(values.slice(i, i + CHUNK));
  return versions;
}
