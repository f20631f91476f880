import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { D, indexSystem, parseDecimal, type System } from '@/lib/scoring';
import { writeAudit } from './audit';
import { getDb, type Db, type Tx } from './client';
import { BUREAU, selectAssignments } from './evaluation-data';
import { type Round } from './round-data';
import { submissions } from './schema';
import { evaluations, roundReviewers } from './schema-cycle';
import { loadSystemVersion } from './systems';
import { actorOf, lockMember, lockRoundRow, publishedRoundMessage, Refusal } from './web-change';

/**
 * Evaluating judgement leaves (评价人评分, spec §7): the bureau for a department without a panel,
 * or each assigned reviewer with a comment. Every score is a new row; the one it replaces stays.
 * Each call holds a share lock on the round and the department's own row lock, like a save.
 */

export type EvaluateResult = { ok: true; message: string; changed: number } | { ok: false; message: string };

export interface LeafScoreInput {
  score: string;
  comment?: string;
}

/** Checks scores against the system: judgement leaves only, 0 ≤ score ≤ weight, at most 2 decimals. */
export function checkScores(system: System, scores: Record<string, LeafScoreInput>, opts: { commentRequired: boolean }): { leaf: string; score: string; comment: string | null }[] {
  const idx = indexSystem(system);
  const out: { leaf: string; score: string; comment: string | null }[] = [];
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

/**
 * Stores scores for one department by one evaluator (null: the bureau) in the caller's
 * transaction: a new current row for each score that differs from the current one. Returns what
 * changed, for the audit entry.
 */
export async function writeEvaluations(
  tx: Tx,
  roundId: number,
  departmentId: number,
  reviewerId: number | null,
  scores: { leaf: string; score: string; comment: string | null }[],
  actor: string,
  importBatchId: number | null = null,
): Promise<{ before: Record<string, string | null>; after: Record<string, string> }> {
  const mine = reviewerId === null ? isNull(evaluations.reviewerId) : eq(evaluations.reviewerId, reviewerId);
  const current = await tx
    .select({ id: evaluations.id, indicator: evaluations.indicator, score: evaluations.score, comment: evaluations.comment, reviewerId: evaluations.reviewerId })
    .from(evaluations)
    .where(and(eq(evaluations.roundId, roundId), eq(evaluations.departmentId, departmentId), eq(evaluations.isCurrent, true), mine));
  const own = current.filter((c) => c.reviewerId === reviewerId);
  const before: Record<string, string | null> = {};
  const after: Record<string, string> = {};
  const replaced: number[] = [];
  const rows: (typeof evaluations.$inferInsert)[] = [];
  for (const s of scores) {
    const old = own.find((c) => c.indicator === s.leaf);
    if (old && new D(old.score).eq(s.score) && (old.comment ?? null) === s.comment) continue;
    if (old) replaced.push(old.id);
    before[s.leaf] = old ? new D(old.score).toFixed(2) : null;
    after[s.leaf] = s.score;
    rows.push({ roundId, departmentId, indicator: s.leaf, reviewerId, score: s.score, comment: s.comment, isCurrent: true, importBatchId, createdBy: actor });
  }
  if (replaced.length) await tx.update(evaluations).set({ isCurrent: false }).where(inArray(evaluations.id, replaced));
  if (rows.length) await tx.insert(evaluations).values(rows);
  return { before, after };
}

async function guarded(fn: () => Promise<EvaluateResult>): Promise<EvaluateResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
}

/** The department must have handed something in: evaluators score a submission, not an empty form. */
async function requireSubmitted(tx: Tx, round: Round, departmentId: number, name: string): Promise<void> {
  const [row] = await tx
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.roundId, round.id), eq(submissions.departmentId, departmentId), ne(submissions.status, 'draft')))
    .limit(1);
  if (!row) throw new Refusal(`${name} 尚未提交填报，暂不能评议`);
}

interface Request {
  slug: string;
  code: string;
  scores: Record<string, LeafScoreInput>;
}

/**
 * The bureau evaluates a department's judgement leaves. Refused for a department that has a panel
 * of reviewers (their combined score counts), and a changed score needs a reason.
 */
export function evaluateAsBureau(viewer: Viewer | null, req: Request, meta: { address?: string | null } = {}, db?: Db): Promise<EvaluateResult> {
  return guarded(async () => {
    if (!viewer || !can(viewer, 'submission:review')) return { ok: false, message: '只有财政局管理员可以以财政局名义评议' };
    const handle = db ?? (await getDb());
    return handle.transaction(async (tx) => {
      const round = await lockRoundRow(tx, req.slug, 'share');
      if (round.status === 'published') throw new Refusal(publishedRoundMessage(round));
      const member = await lockMember(tx, round, req.code);
      const panel = (await selectAssignments(tx, round.id)).get(member.departmentId) ?? [];
      if (panel.length) throw new Refusal(`${member.name} 由评审专家（${panel.map((p) => p.username).join('、')}）评议，财政局不另行评分`);
      await requireSubmitted(tx, round, member.departmentId, member.name);
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
  });
}

/** Whether a reviewer is assigned to a department of a round (the data-layer half of `evaluation:score`). */
export async function isAssigned(db: Db | Tx, roundId: number, reviewerId: number, departmentId: number): Promise<boolean> {
  const [row] = await db
    .select({ r: roundReviewers.reviewerId })
    .from(roundReviewers)
    .where(and(eq(roundReviewers.roundId, roundId), eq(roundReviewers.reviewerId, reviewerId), eq(roundReviewers.departmentId, departmentId)));
  return Boolean(row);
}

/** A reviewer scores the judgement leaves of a department assigned to it, each with a comment. */
export function scoreAsReviewer(viewer: Viewer | null, req: Request, meta: { address?: string | null } = {}, db?: Db): Promise<EvaluateResult> {
  return guarded(async () => {
    const denied = { ok: false as const, message: '您没有被指派评议该单位' };
    if (!viewer || viewer.role !== 'reviewer') return denied;
    const handle = db ?? (await getDb());
    return handle.transaction(async (tx) => {
      const round = await lockRoundRow(tx, req.slug, 'share');
      const member = await lockMember(tx, round, req.code).catch(() => null);
      if (!member || !can(viewer, 'evaluation:score', { departmentCode: req.code, assigned: await isAssigned(tx, round.id, viewer.id, member.departmentId) })) return denied;
      if (round.status === 'published') throw new Refusal(publishedRoundMessage(round));
      await requireSubmitted(tx, round, member.departmentId, member.name);
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
  });
}

/**
 * The bureau's evaluations from an import, for many departments at once: only scores that differ
 * from the current ones become new rows. Returns how many were stored.
 */
export async function writeImportedEvaluations(
  tx: Tx,
  roundId: number,
  entries: { departmentId: number; scores: { leaf: string; score: string }[] }[],
  actor: string,
  importBatchId: number,
): Promise<number> {
  const CHUNK = 500;
  const ids = entries.filter((e) => e.scores.length).map((e) => e.departmentId);
  const current = new Map<string, { id: number; score: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .select({ id: evaluations.id, departmentId: evaluations.departmentId, indicator: evaluations.indicator, score: evaluations.score })
      .from(evaluations)
      .where(and(eq(evaluations.roundId, roundId), isNull(evaluations.reviewerId), eq(evaluations.isCurrent, true), inArray(evaluations.departmentId, ids.slice(i, i + CHUNK))));
    for (const r of rows) current.set(`${r.departmentId}|${r.indicator}`, r);
  }
  const replaced: number[] = [];
  const rows: (typeof evaluations.$inferInsert)[] = [];
  for (const e of entries) {
    for (const s of e.scores) {
      const old = current.get(`${e.departmentId}|${s.leaf}`);
      if (old && new D(old.score).eq(s.score)) continue;
      if (old) replaced.push(old.id);
      rows.push({ roundId, departmentId: e.departmentId, indicator: s.leaf, reviewerId: null, score: s.score, comment: null, isCurrent: true, importBatchId, createdBy: actor });
    }
  }
  for (let i = 0; i < replaced.length; i += CHUNK) await tx.update(evaluations).set({ isCurrent: false }).where(inArray(evaluations.id, replaced.slice(i, i + CHUNK)));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(evaluations).values(rows.slice(i, i + CHUNK));
  return rows.length;
}
