import { and, eq, ne } from 'drizzle-orm';
import { departmentToRow } from '@/lib/interchange/table';
import { can, type Viewer } from '@/lib/auth/roles';
import { combinePanel, D, fmtScore, indexSystem, type System } from '@/lib/scoring';
import { getDb, type Db } from './client';
import { isAssigned } from './evaluations';
import { selectAssignments, selectCurrentEvaluations, selectEvaluationHistory } from './evaluation-data';
import { selectRound, type Round } from './round-data';
import { departments, groups, roundDepartments, roundReviewers, submissions, type SubmissionStatus } from './schema';
import { getSubmission } from './submissions';
import { loadSystemVersion } from './systems';

/**
 * What an evaluator sees of one department's judgement leaves: the department's self-score, the
 * scores given (a reviewer sees only its own; the bureau sees every reviewer's, the combined score
 * and the spread), and the history of every score.
 */

export interface LeafEvaluation {
  code: string;
  name: string;
  weight: string;
  points: string[];
  /** The department's own figure (自评). */
  self: string | null;
  scores: { by: string; score: string; comment: string | null; at: Date }[];
  /** The score that counts (bureau, or the panel combined), or null while pending. */
  combined: string | null;
  spread: string | null;
  flagged: boolean;
  trimmed: boolean;
}

export interface DepartmentEvaluation {
  round: Round;
  code: string;
  name: string;
  group: string;
  /** Current submission status; null when nothing is handed in. */
  status: SubmissionStatus | null;
  /** The assigned reviewers; empty: the bureau evaluates. */
  panel: string[];
  leaves: LeafEvaluation[];
  /** Every score ever given, oldest first (the bureau only). */
  history: { leaf: string; by: string; score: string; comment: string | null; at: Date; current: boolean }[];
  /** The submission's values (inputs, checklist answers, grades, self-scores) keyed by table column. */
  values: Record<string, string>;
  system: System;
}

export async function loadDepartmentEvaluation(viewer: Viewer | null, slug: string, code: string, db?: Db): Promise<DepartmentEvaluation | null> {
  if (!viewer) return null;
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const [member] = await handle
    .select({ id: departments.id, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(roundDepartments.roundId, round.id), eq(departments.code, code)));
  if (!member) return null;
  const bureau = can(viewer, 'submission:review');
  if (!bureau && !can(viewer, 'evaluation:score', { departmentCode: code, assigned: await isAssigned(handle, round.id, viewer.id, member.id) })) return null;

  const current = await getSubmission(slug, code, undefined, handle);
  const [scored] = await handle
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.roundId, round.id), eq(submissions.departmentId, member.id), ne(submissions.status, 'draft')))
    .limit(1);
  const { system } = current ?? (await loadSystemVersion(handle, round.systemVersionId));
  const idx = indexSystem(system);
  const panel = (await selectAssignments(handle, round.id)).get(member.id) ?? [];
  const given = await selectCurrentEvaluations(handle, round.id, [member.id]);
  const threshold = round.spreadThreshold === null ? null : new D(round.spreadThreshold);
  const self = current?.department.self_scores ?? {};
  const leaves: LeafEvaluation[] = idx.judgementLeaves.map(({ leaf }) => {
    const points = leaf.rule.kind === 'judgement' ? leaf.rule.points : [];
    const mine = given.filter((g) => g.indicator === leaf.code && (bureau ? true : g.reviewerId === viewer.id));
    const counting = panel.length ? given.filter((g) => g.indicator === leaf.code && panel.some((p) => p.reviewerId === g.reviewerId)) : given.filter((g) => g.indicator === leaf.code && g.reviewerId === null);
    const complete = panel.length ? counting.length === panel.length : counting.length === 1;
    const p = bureau && complete && panel.length ? combinePanel(counting.map((c) => ({ by: c.by, score: new D(c.score) })), round.panelRule, { spreadThreshold: threshold }) : null;
    const shown = bureau ? (panel.length ? counting : mine) : mine;
    return {
      code: leaf.code,
      name: leaf.name,
      weight: leaf.weight.toFixed(),
      points,
      self: self[leaf.code] ? fmtScore(self[leaf.code]!) : null,
      scores: shown.map((g) => ({ by: g.by, score: new D(g.score).toFixed(2), comment: g.comment, at: g.createdAt })),
      combined: bureau && complete ? (p ? fmtScore(p.score) : new D(counting[0]!.score).toFixed(2)) : null,
      spread: p ? fmtScore(p.spread) : null,
      flagged: p?.flagged ?? false,
      trimmed: p?.trimmed ?? false,
    };
  });
  const history = bureau
    ? (await selectEvaluationHistory(handle, round.id, member.id)).map((h) => ({ leaf: h.indicator, by: h.by, score: new D(h.score).toFixed(2), comment: h.comment, at: h.createdAt, current: h.isCurrent }))
    : [];
  const values: Record<string, string> = {};
  if (current) {
    const { code: _c, name: _n, group: _g, ...row } = departmentToRow({ ...current.department, judgements: {} });
    Object.assign(values, row);
  }
  return { round, code, name: member.name, group: member.group, status: scored ? (current?.status ?? null) : current ? 'draft' : null, panel: panel.map((p) => p.username), leaves, history, values, system };
}

/** The departments a reviewer evaluates in a round, with how far it has got; null if it has none there. */
export async function loadReviewerWork(viewer: Viewer | null, slug: string, db?: Db) {
  if (!viewer || viewer.role !== 'reviewer') return null;
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const assigned = await handle
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundReviewers)
    .innerJoin(departments, eq(departments.id, roundReviewers.departmentId))
    .innerJoin(roundDepartments, and(eq(roundDepartments.roundId, roundReviewers.roundId), eq(roundDepartments.departmentId, roundReviewers.departmentId)))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(roundReviewers.roundId, round.id), eq(roundReviewers.reviewerId, viewer.id)))
    .orderBy(groups.name, departments.code);
  if (assigned.length === 0) return null;
  const current = await handle
    .select({ departmentId: submissions.departmentId, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.roundId, round.id), eq(submissions.isCurrent, true)));
  const mine = (await selectCurrentEvaluations(handle, round.id, assigned.map((a) => a.id))).filter((e) => e.reviewerId === viewer.id);
  const { system } = await loadSystemVersion(handle, round.systemVersionId);
  const leaves = indexSystem(system).judgementLeaves.length;
  return {
    round,
    leaves,
    departments: assigned.map((a) => ({
      code: a.code,
      name: a.name,
      group: a.group,
      status: current.find((c) => c.departmentId === a.id)?.status ?? null,
      scored: mine.filter((m) => m.departmentId === a.id).length,
    })),
  };
}
