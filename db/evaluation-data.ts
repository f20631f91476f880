import { and, asc, eq, inArray } from 'drizzle-orm';
import { combinePanel, D, indexSystem, type Department, type PanelRule, type System } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { departments, groups, roundDepartments } from './schema';
import { users } from './schema-auth';
import { evaluations, roundReviewers } from './schema-cycle';

/**
 * Reading the evaluations of a round and turning them into the departments' judgement scores
 * (spec §7): a department with assigned reviewers is scored by its panel once every reviewer has
 * scored a leaf; any other department by the bureau's evaluation. A leaf without either is pending.
 */

/** Who the bureau is in explanations and lists. */
export const BUREAU = '财政局';

export interface EvaluationRow {
  id: number;
  departmentId: number;
  indicator: string;
  /** null: the bureau. */
  reviewerId: number | null;
  /** The reviewer's username, or BUREAU. */
  by: string;
  score: string;
  comment: string | null;
  createdBy: string;
  createdAt: Date;
}

const columns = {
  id: evaluations.id,
  departmentId: evaluations.departmentId,
  indicator: evaluations.indicator,
  reviewerId: evaluations.reviewerId,
  username: users.username,
  score: evaluations.score,
  comment: evaluations.comment,
  createdBy: evaluations.createdBy,
  createdAt: evaluations.createdAt,
};

type Raw = { username: string | null } & Omit<EvaluationRow, 'by'>;
const toRow = ({ username, ...r }: Raw): EvaluationRow => ({ ...r, by: username ?? BUREAU });

/** The current evaluations of a round (optionally of some departments), oldest first. */
export async function selectCurrentEvaluations(db: Db | Tx, roundId: number, departmentIds?: number[]): Promise<EvaluationRow[]> {
  const rows = await db
    .select(columns)
    .from(evaluations)
    .leftJoin(users, eq(users.id, evaluations.reviewerId))
    .where(and(eq(evaluations.roundId, roundId), eq(evaluations.isCurrent, true), departmentIds ? inArray(evaluations.departmentId, departmentIds) : undefined))
    .orderBy(asc(evaluations.id));
  return rows.map(toRow);
}

/** Every evaluation ever given to one department in a round, current or replaced, oldest first. */
export async function selectEvaluationHistory(db: Db | Tx, roundId: number, departmentId: number): Promise<(EvaluationRow & { isCurrent: boolean })[]> {
  const rows = await db
    .select({ ...columns, isCurrent: evaluations.isCurrent })
    .from(evaluations)
    .leftJoin(users, eq(users.id, evaluations.reviewerId))
    .where(and(eq(evaluations.roundId, roundId), eq(evaluations.departmentId, departmentId)))
    .orderBy(asc(evaluations.id));
  return rows.map(({ isCurrent, ...r }) => ({ ...toRow(r), isCurrent }));
}

export interface Assignment {
  reviewerId: number;
  username: string;
}

/** department id → its assigned reviewers, by username. */
export async function selectAssignments(db: Db | Tx, roundId: number): Promise<Map<number, Assignment[]>> {
  const rows = await db
    .select({ departmentId: roundReviewers.departmentId, reviewerId: roundReviewers.reviewerId, username: users.username })
    .from(roundReviewers)
    .innerJoin(users, eq(users.id, roundReviewers.reviewerId))
    .where(eq(roundReviewers.roundId, roundId))
    .orderBy(asc(users.username));
  const out = new Map<number, Assignment[]>();
  for (const r of rows) {
    const list = out.get(r.departmentId) ?? [];
    list.push({ reviewerId: r.reviewerId, username: r.username });
    out.set(r.departmentId, list);
  }
  return out;
}

export interface PanelSettings {
  panelRule: PanelRule;
  spreadThreshold: string | null;
}

/**
 * The departments with their judgement scores set from the evaluations. `departmentIds[i]` is the
 * row id of `departments[i]`.
 */
export function withEvaluations(
  system: System,
  departments: Department[],
  departmentIds: number[],
  current: EvaluationRow[],
  assignments: Map<number, Assignment[]>,
  settings: PanelSettings,
): Department[] {
  const leaves = indexSystem(system).judgementLeaves.map((l) => l.leaf.code);
  const byDept = new Map<number, EvaluationRow[]>();
  for (const e of current) {
    const list = byDept.get(e.departmentId) ?? [];
    list.push(e);
    byDept.set(e.departmentId, list);
  }
  const threshold = settings.spreadThreshold === null ? null : new D(settings.spreadThreshold);
  return departments.map((d, i) => {
    const id = departmentIds[i]!;
    const given = byDept.get(id) ?? [];
    const panel = assignments.get(id) ?? [];
    const judgements: Department['judgements'] = {};
    const panels: NonNullable<Department['panels']> = {};
    for (const leaf of leaves) {
      if (panel.length === 0) {
        const bureau = given.find((e) => e.indicator === leaf && e.reviewerId === null);
        if (bureau) judgements[leaf] = new D(bureau.score);
        continue;
      }
      const scores = panel.map((r) => given.find((e) => e.indicator === leaf && e.reviewerId === r.reviewerId));
      if (scores.some((s) => !s)) continue; // pending until every assigned reviewer has scored it
      const p = combinePanel(
        scores.map((s) => ({ by: s!.by, score: new D(s!.score), ...(s!.comment ? { comment: s!.comment } : {}) })),
        settings.panelRule,
        { spreadThreshold: threshold },
      );
      judgements[leaf] = p.score;
      panels[leaf] = p;
    }
    return { ...d, judgements, ...(Object.keys(panels).length ? { panels } : {}) };
  });
}

/** The departments a reviewer is assigned in a round, with their group, by group and code. */
export async function selectReviewerDepartments(db: Db | Tx, roundId: number, reviewerId: number): Promise<{ id: number; code: string; name: string; group: string }[]> {
  return db
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundReviewers)
    .innerJoin(departments, eq(departments.id, roundReviewers.departmentId))
    .innerJoin(roundDepartments, and(eq(roundDepartments.roundId, roundReviewers.roundId), eq(roundDepartments.departmentId, roundReviewers.departmentId)))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(roundReviewers.roundId, roundId), eq(roundReviewers.reviewerId, reviewerId)))
    .orderBy(groups.name, departments.code);
}
