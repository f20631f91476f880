import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { D } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { submissions } from './schema';
import { evaluations, roundReviewers } from './schema-cycle';

/**
 * Storing evaluations of judgement leaves (评价人评分, spec §7): the bureau's (reviewer null) or an
 * assigned reviewer's. Every score is a new row; the one it replaces stays.
 */

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

/** Whether the department has handed something in (not only a draft): evaluators score a submission, not an empty form. */
export async function hasScoredSubmission(db: Db | Tx, roundId: number, departmentId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.roundId, roundId), eq(submissions.departmentId, departmentId), ne(submissions.status, 'draft')))
    .limit(1);
  return Boolean(row);
}

/** Whether a reviewer is assigned to a department of a round (the data-layer half of `evaluation:score`). */
export async function isAssigned(db: Db | Tx, roundId: number, reviewerId: number, departmentId: number): Promise<boolean> {
  const [row] = await db
    .select({ r: roundReviewers.reviewerId })
    .from(roundReviewers)
    .where(and(eq(roundReviewers.roundId, roundId), eq(roundReviewers.reviewerId, reviewerId), eq(roundReviewers.departmentId, departmentId)));
  return Boolean(row);
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
