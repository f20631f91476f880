import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { parseDepartment, type Department, type PanelRule, type Policy, type Problem, type System } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { departments, groups, indicatorSystems, roundDepartments, roundReviewers, rounds, submissions, type RoundStatus, type SubmissionStatus } from './schema';
import { selectAssignments, selectCurrentEvaluations, withEvaluations, type EvaluationRow } from './evaluation-data';
import { loadSystemVersion } from './systems';

/** A round as the app shows it. */
export interface Round {
  id: number;
  slug: string;
  name: string;
  year: number;
  status: RoundStatus;
  policy: Policy;
  systemVersionId: number;
  systemId: string;
  systemVersion: number;
  systemName: string;
  showRankingToDepartments: boolean;
  deadline: Date | null;
  panelRule: PanelRule;
  /** Decimal text, or null: reviewers' spreads are never flagged. */
  spreadThreshold: string | null;
  createdAt: Date;
  createdBy: string;
}

const roundColumns = {
  id: rounds.id,
  slug: rounds.slug,
  name: rounds.name,
  year: rounds.year,
  status: rounds.status,
  policy: rounds.policy,
  systemVersionId: rounds.systemVersionId,
  systemId: indicatorSystems.systemId,
  systemVersion: indicatorSystems.version,
  systemName: indicatorSystems.name,
  showRankingToDepartments: rounds.showRankingToDepartments,
  deadline: rounds.deadline,
  panelRule: rounds.panelRule,
  spreadThreshold: rounds.spreadThreshold,
  createdAt: rounds.createdAt,
  createdBy: rounds.createdBy,
};

function toRound(r: { policy: string } & Omit<Round, 'policy'>): Round {
  return { ...r, policy: r.policy as Policy };
}

export async function selectRounds(db: Db | Tx): Promise<Round[]> {
  const rows = await db
    .select(roundColumns)
    .from(rounds)
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, rounds.systemVersionId))
    .orderBy(desc(rounds.year), desc(rounds.slug));
  return rows.map(toRound);
}

export async function selectRound(db: Db | Tx, slug: string): Promise<Round | null> {
  const [row] = await db
    .select(roundColumns)
    .from(rounds)
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, rounds.systemVersionId))
    .where(eq(rounds.slug, slug));
  return row ? toRound(row) : null;
}

/** The submission each department is scored on. */
export interface ScoredVersion {
  id: number;
  version: number;
  status: string;
  departmentId: number;
  code: string;
  /** The department's group in the round: the bureau's decision, whatever the submission says. */
  group: string;
}

/**
 * Per department, the latest version that is not a draft: a department editing a new draft keeps
 * its last submitted figures in the ranking until it submits again. After imports (never drafts)
 * this is simply the current version. Ordered by department code.
 */
export async function selectScoredVersions(db: Db | Tx, roundId: number): Promise<ScoredVersion[]> {
  const rows = await db
    .selectDistinctOn([submissions.departmentId], {
      id: submissions.id,
      version: submissions.version,
      status: submissions.status,
      departmentId: submissions.departmentId,
      code: departments.code,
      group: groups.name,
    })
    .from(submissions)
    .innerJoin(departments, eq(departments.id, submissions.departmentId))
    .innerJoin(roundDepartments, and(eq(roundDepartments.roundId, submissions.roundId), eq(roundDepartments.departmentId, submissions.departmentId)))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(submissions.roundId, roundId), ne(submissions.status, 'draft')))
    .orderBy(asc(submissions.departmentId), desc(submissions.version));
  return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const CHUNK = 1000;

/**
 * The departments of the given submission rows, parsed back through the engine's validator.
 * Submission rows never change, so `known` (id → department, e.g. just imported) skips the
 * round trip for those. Stored data was validated on the way in: a failure means it was edited by hand.
 */
export async function loadSubmissions(db: Db | Tx, rows: ScoredVersion[], system: System, known?: Map<number, Department>): Promise<Department[]> {
  const missing = rows.filter((r) => !known?.has(r.id)).map((r) => r.id);
  const data = new Map<number, unknown>();
  for (let i = 0; i < missing.length; i += CHUNK) {
    const part = await db
      .select({ id: submissions.id, data: submissions.data })
      .from(submissions)
      .where(inArray(submissions.id, missing.slice(i, i + CHUNK)));
    for (const r of part) data.set(r.id, r.data);
  }
  const problems: Problem[] = [];
  const out: Department[] = [];
  rows.forEach((r, i) => {
    const d = known?.get(r.id) ?? parseDepartment(data.get(r.id), i, system, problems);
    // Scored in the group the round gives it; evaluations come from their own table (withEvaluations).
    if (d) out.push({ ...d, group: r.group || d.group, judgements: {} });
  });
  if (problems.length) {
    const first = problems[0]!;
    throw new Error(`已存储的填报数据无法通过校验（${first.department ?? ''} ${first.field ?? ''}：${first.message}）`);
  }
  return out;
}

/**
 * What a round is scored on: each department's scored submission, in its round group, with its
 * judgement leaves from the evaluations (pending where there is none yet).
 */
export async function loadRoundDepartments(
  db: Db | Tx,
  round: Pick<Round, 'id' | 'systemVersionId' | 'panelRule' | 'spreadThreshold'>,
  scored?: ScoredVersion[],
): Promise<{ system: System; departments: Department[]; rows: ScoredVersion[]; evaluations: EvaluationRow[] }> {
  const { system } = await loadSystemVersion(db, round.systemVersionId);
  const rows = scored ?? (await selectScoredVersions(db, round.id));
  // One after another: `db` may be a transaction, which runs one query at a time anyway.
  const submitted = await loadSubmissions(db, rows, system);
  const evaluations = await selectCurrentEvaluations(db, round.id);
  const assignments = await selectAssignments(db, round.id);
  const departments = withEvaluations(system, submitted, rows.map((r) => r.departmentId), evaluations, assignments, round);
  return { system, departments, rows, evaluations };
}

/** Departments registered in the round with their group, in code order (template rows). */
export async function selectRoundMembers(db: Db | Tx, roundId: number): Promise<{ code: string; name: string; group: string }[]> {
  return db
    .select({ code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, roundId))
    .orderBy(asc(groups.name), asc(departments.code));
}

export async function countRoundMembers(db: Db | Tx): Promise<Map<number, number>> {
  const rows = await db.select({ roundId: roundDepartments.roundId, n: count() }).from(roundDepartments).groupBy(roundDepartments.roundId);
  return new Map(rows.map((r) => [r.roundId, r.n]));
}

/** One enrolled department of a round, with its group; null when it is not in the round. */
export async function selectMember(db: Db | Tx, roundId: number, code: string): Promise<{ id: number; code: string; name: string; group: string } | null> {
  const [member] = await db
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(roundDepartments.roundId, roundId), eq(departments.code, code)));
  return member ?? null;
}

/** The row id of a department code, for the audit log's reference. */
export async function departmentRef(db: Db | Tx, code: string): Promise<{ id: number; code: string }> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (!row) throw new Error(`没有代码为 ${code} 的部门`);
  return { id: row.id, code };
}

/** Department id → the status of its current submission version, for one round. */
export async function selectCurrentStatuses(db: Db | Tx, roundId: number): Promise<Map<number, SubmissionStatus>> {
  const rows = await db
    .select({ departmentId: submissions.departmentId, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.roundId, roundId), eq(submissions.isCurrent, true)));
  return new Map(rows.map((r) => [r.departmentId, r.status]));
}

/** The slugs of the rounds a department takes part in. */
export async function selectDepartmentRoundSlugs(db: Db | Tx, departmentId: number): Promise<Set<string>> {
  const rows = await db.select({ slug: rounds.slug }).from(roundDepartments).innerJoin(rounds, eq(rounds.id, roundDepartments.roundId)).where(eq(roundDepartments.departmentId, departmentId));
  return new Set(rows.map((r) => r.slug));
}

/** The slugs of the rounds a reviewer has departments to evaluate in. */
export async function selectReviewerRoundSlugs(db: Db | Tx, reviewerId: number): Promise<Set<string>> {
  const rows = await db.selectDistinct({ slug: rounds.slug }).from(roundReviewers).innerJoin(rounds, eq(rounds.id, roundReviewers.roundId)).where(eq(roundReviewers.reviewerId, reviewerId));
  return new Set(rows.map((r) => r.slug));
}
