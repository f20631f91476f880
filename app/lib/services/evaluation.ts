import { writeAudit } from '@/db/audit';
import type { Db, Tx } from '@/db/client';
import { BUREAU, selectAssignments, selectCurrentEvaluations, selectEvaluationHistory, selectReviewerDepartments } from '@/db/evaluation-data';
import { hasScoredSubmission, isAssigned, writeEvaluations } from '@/db/evaluations';
import { selectCurrentStatuses, selectMember, selectRound, type Round } from '@/db/round-data';
import { lockMember, lockRound, Refusal, refuseIfPublished } from '@/db/round-lock';
import type { SubmissionStatus } from '@/db/schema';
import { getSubmission } from '@/db/submissions';
import { loadSystemVersion } from '@/db/systems';
import { departmentToRow } from '@/lib/interchange/table';
import { can, type Viewer } from '@/lib/auth/roles';
import { combinePanel, D, fmtScore, indexSystem, parseDecimal, type Decimal, type System } from '@/lib/scoring';
import { actorOf, handleOf, inTransaction, type Meta } from './context';

/**
 * Evaluating judgement leaves (评价人评分, spec §7): the bureau for a department without a panel,
 * or each assigned reviewer with a comment. Every score is a new row; the one it replaces stays.
 * Each call holds a share lock on the round and the department's own row lock, like a save.
 * Also what an evaluator sees of one department, and a reviewer's list of units.
 */

export { BUREAU };

export type EvaluateResult = { ok: true; message: string; changed: number } | { ok: false; message: string };

export interface LeafScoreInput {
  score: string;
  comment?: string;
}

interface Request {
  slug: string;
  code: string;
  scores: Record<string, LeafScoreInput>;
}

type CheckedScore = { leaf: string; score: string; comment: string | null };

/** Checks scores against the system: judgement leaves only, 0 ≤ score ≤ weight, at most 2 decimals. */
export function checkScores(system: System, scores: Record<string, LeafScoreInput>, opts: { commentRequired: boolean }): CheckedScore[] {
  const idx = indexSystem(system);
  const out: CheckedScore[] = [];
  for (const [code, input] of Object.entries(scores)) {
    const leaf = idx.judgementLeaves.find((l) => l.leaf.code === code)?.leaf;
    if (!leaf) throw new Refusal(`指标 ${code} 不是评议类指标（评价人评分）`);
    const text = input.score.trim();
    if (text === '') continue;
    const p = parseDecimal(text);
    if (!p.ok) throw new Refusal(`${leaf.name}：${p.message}`);
    if (p.value.isNeg() || p.value.gt(leaf.weight)) throw new Refusal(`${leaf.name}：评分 ${text} 超出 0–${leaf.weight}`);
    if (p.value.decimalPlaces() > 2) throw new Refusal(`${leaf.name}：评分 ${text} 最多 2 位小数`);
    const comment = input.comment?.trim() || null;
    if (opts.commentRequired && !comment) throw new Refusal(`${leaf.name}：请写明评分意见`);
    out.push({ leaf: code, score: p.value.toFixed(2), comment });
  }
  return out;
}

/** The department must have handed something in: evaluators score a submission, not an empty form. */
async function requireSubmitted(tx: Tx, round: Round, member: { departmentId: number; name: string }): Promise<void> {
  if (!(await hasScoredSubmission(tx, round.id, member.departmentId))) throw new Refusal(`${member.name} 尚未提交填报，暂不能评议`);
}

/**
 * The bureau evaluates a department's judgement leaves. Refused for a department that has a panel
 * of reviewers (their combined score counts), and a changed score needs a reason.
 */
export async function evaluateAsBureau(viewer: Viewer | null, req: Request, meta: Meta = {}, db?: Db): Promise<EvaluateResult> {
  if (!viewer || !can(viewer, 'submission:review')) return { ok: false, message: '只有财政局管理员可以以财政局名义评议' };
  return inTransaction(db, async (tx): Promise<EvaluateResult> => {
    const round = await lockRound(tx, req.slug, { strength: 'share', unpublished: true });
    const member = await lockMember(tx, round, req.code);
    const panel = (await selectAssignments(tx, round.id)).get(member.departmentId) ?? [];
    if (panel.length) throw new Refusal(`${member.name} 由评审专家（${panel.map((p) => p.username).join('、')}）评议，财政局不另行评分`);
    await requireSubmitted(tx, round, member);
    const { system } = await loadSystemVersion(tx, round.systemVersionId);
    const scores = checkScores(system, req.scores, { commentRequired: false });
    const changes = await writeEvaluations(tx, round.id, member.departmentId, null, scores, viewer.username);
    // Changing a score already given needs a reason, as an adjustment did (the throw rolls it back).
    const unexplained = scores.filter((x) => !x.comment && changes.before[x.leaf] !== undefined && changes.before[x.leaf] !== null);
    if (unexplained.length) {
      throw new Refusal(`修改已有的评分须写明理由（${unexplained.map((x) => indexSystem(system).byCode.get(x.leaf)?.leaf.name ?? x.leaf).join('、')}）`);
    }
    const n = Object.keys(changes.after).length;
    if (n === 0) return { ok: true, message: '评分未变', changed: 0 };
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: 'evaluation.score',
      round,
      department: { id: member.departmentId, code: req.code },
      before: { evaluator: BUREAU, values: changes.before },
      after: { evaluator: BUREAU, values: changes.after, comments: Object.fromEntries(scores.filter((s) => s.comment).map((s) => [s.leaf, s.comment])) },
    });
    return { ok: true, message: `已保存 ${n} 项评分`, changed: n };
  });
}

/** A reviewer scores the judgement leaves of a department assigned to it, each with a comment. */
export async function scoreAsReviewer(viewer: Viewer | null, req: Request, meta: Meta = {}, db?: Db): Promise<EvaluateResult> {
  const denied = { ok: false as const, message: '您没有被指派评议该单位' };
  if (!viewer || viewer.role !== 'reviewer') return denied;
  return inTransaction(db, async (tx): Promise<EvaluateResult> => {
    // Whether it is assigned comes first: an unassigned reviewer learns nothing of the round's state.
    const round = await lockRound(tx, req.slug, { strength: 'share' });
    const member = await lockMember(tx, round, req.code).catch(() => null);
    if (!member || !can(viewer, 'evaluation:score', { departmentCode: req.code, assigned: await isAssigned(tx, round.id, viewer.id, member.departmentId) })) return denied;
    refuseIfPublished(round);
    await requireSubmitted(tx, round, member);
    const { system } = await loadSystemVersion(tx, round.systemVersionId);
    const scores = checkScores(system, req.scores, { commentRequired: true });
    const changes = await writeEvaluations(tx, round.id, member.departmentId, viewer.id, scores, viewer.username);
    const n = Object.keys(changes.after).length;
    if (n === 0) return { ok: true, message: '评分未变', changed: 0 };
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: 'evaluation.score',
      round,
      department: { id: member.departmentId, code: req.code },
      before: { evaluator: viewer.username, values: changes.before },
      after: { evaluator: viewer.username, values: changes.after, comments: Object.fromEntries(scores.map((s) => [s.leaf, s.comment])) },
    });
    return { ok: true, message: `已保存 ${n} 项评分`, changed: n };
  });
}

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

/**
 * What an evaluator sees of one department's judgement leaves: the department's self-score, the
 * scores given (a reviewer sees only its own; the bureau sees every reviewer's, the combined score
 * and the spread), and the history of every score (the bureau only). Null for anyone else.
 */
export async function loadDepartmentEvaluation(viewer: Viewer | null, slug: string, code: string, db?: Db): Promise<DepartmentEvaluation | null> {
  const bureau = can(viewer, 'submission:review');
  // Refused before any read unless the viewer could see it were it assigned (a reviewer).
  if (!viewer || (!bureau && !can(viewer, 'evaluation:score', { departmentCode: code, assigned: true }))) return null;
  const handle = await handleOf(db);
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const member = await selectMember(handle, round.id, code);
  if (!member) return null;
  if (!bureau && !can(viewer, 'evaluation:score', { departmentCode: code, assigned: await isAssigned(handle, round.id, viewer.id, member.id) })) return null;

  const current = await getSubmission(slug, code, undefined, handle);
  const scored = await hasScoredSubmission(handle, round.id, member.id);
  const { system } = current ?? (await loadSystemVersion(handle, round.systemVersionId));
  const panel = (await selectAssignments(handle, round.id)).get(member.id) ?? [];
  const given = await selectCurrentEvaluations(handle, round.id, [member.id]);
  const self = current?.department.self_scores ?? {};
  const leaves = leafEvaluations(system, round, { bureau, viewerId: viewer.id, panel, given, self });
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

/** Each judgement leaf as the viewer may see it: a reviewer its own scores, the bureau every counting score and the combination. */
function leafEvaluations(
  system: System,
  round: Round,
  s: {
    bureau: boolean;
    viewerId: number;
    panel: { reviewerId: number }[];
    given: Awaited<ReturnType<typeof selectCurrentEvaluations>>;
    self: Partial<Record<string, Decimal>>;
  },
): LeafEvaluation[] {
  const threshold = round.spreadThreshold === null ? null : new D(round.spreadThreshold);
  const { bureau, panel, given } = s;
  return indexSystem(system).judgementLeaves.map(({ leaf }) => {
    const points = leaf.rule.kind === 'judgement' ? leaf.rule.points : [];
    const mine = given.filter((g) => g.indicator === leaf.code && (bureau ? true : g.reviewerId === s.viewerId));
    const counting = panel.length ? given.filter((g) => g.indicator === leaf.code && panel.some((p) => p.reviewerId === g.reviewerId)) : given.filter((g) => g.indicator === leaf.code && g.reviewerId === null);
    const complete = panel.length ? counting.length === panel.length : counting.length === 1;
    const p = bureau && complete && panel.length ? combinePanel(counting.map((c) => ({ by: c.by, score: new D(c.score) })), round.panelRule, { spreadThreshold: threshold }) : null;
    const shown = bureau ? (panel.length ? counting : mine) : mine;
    return {
      code: leaf.code,
      name: leaf.name,
      weight: leaf.weight.toFixed(),
      points,
      self: s.self[leaf.code] ? fmtScore(s.self[leaf.code]!) : null,
      scores: shown.map((g) => ({ by: g.by, score: new D(g.score).toFixed(2), comment: g.comment, at: g.createdAt })),
      combined: bureau && complete ? (p ? fmtScore(p.score) : new D(counting[0]!.score).toFixed(2)) : null,
      spread: p ? fmtScore(p.spread) : null,
      flagged: p?.flagged ?? false,
      trimmed: p?.trimmed ?? false,
    };
  });
}

/** The departments a reviewer evaluates in a round, with how far it has got; null if it has none there. */
export async function loadReviewerWork(viewer: Viewer | null, slug: string, db?: Db) {
  if (!viewer || viewer.role !== 'reviewer') return null;
  const handle = await handleOf(db);
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const assigned = await selectReviewerDepartments(handle, round.id, viewer.id);
  if (assigned.length === 0) return null;
  const statuses = await selectCurrentStatuses(handle, round.id);
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
      status: statuses.get(a.id) ?? null,
      scored: mine.filter((m) => m.departmentId === a.id).length,
    })),
  };
}
