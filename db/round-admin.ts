import { eq } from 'drizzle-orm';
import type { PanelRule } from '@/lib/scoring';
import { D } from '@/lib/scoring';
import { writeAudit, type Actor } from './audit';
import type { Tx } from './client';
import { lockRound, Refusal, refuseIfPublished } from './round-lock';
import { rounds, type RoundStatus } from './schema';

/**
 * A round's status between 填报中 and 评审中, and its settings, each change with its audit entry in
 * the caller's transaction. Publishing and withdrawing are db/publication's.
 */

export const STATUS_ZH: Record<RoundStatus, string> = { collecting: '填报中', reviewing: '评审中', published: '已发布' };

/** The end of the deadline's day in China, where the bureau works. */
export function deadlineOf(date: string): Date {
  return new Date(`${date}T23:59:59+08:00`);
}

/**
 * Ends collection (填报中 → 评审中: departments can change only what the bureau returns) or reopens it
 * (评审中 → 填报中, with a reason). Returns the message for the admin.
 */
export async function setStatus(tx: Tx, slug: string, to: 'collecting' | 'reviewing', reason: string, actor: Actor): Promise<string> {
  const round = await lockRound(tx, slug, { unpublished: true });
  if (round.status === to) throw new Refusal(`评价轮次 ${slug} 已是“${STATUS_ZH[to]}”`);
  const why = reason.trim();
  if (to === 'collecting' && !why) throw new Refusal('重新开放填报须写明理由');
  await tx.update(rounds).set({ status: to }).where(eq(rounds.id, round.id));
  await writeAudit(tx, actor, { action: 'round.status', round, before: { status: round.status }, after: { status: to, ...(why ? { reason: why } : {}) } });
  return to === 'reviewing' ? `评价轮次 ${slug} 已结束填报，进入评审` : `评价轮次 ${slug} 已重新开放填报`;
}

/** Settings already checked: each key present is the new value. */
export interface SettingValues {
  name?: string;
  /** yyyy-mm-dd, or null for none. */
  deadline?: string | null;
  panelRule?: PanelRule;
  /** Two-decimal text, or null for none. */
  spreadThreshold?: string | null;
  showRankingToDepartments?: boolean;
}

/**
 * Stores the settings that differ from the round's, with their before and after in the audit log.
 * On a published round only who sees the ranking may change: the rest shaped the frozen figures.
 * Returns whether anything changed.
 */
export async function saveSettings(tx: Tx, slug: string, values: SettingValues, actor: Actor): Promise<boolean> {
  const round = await lockRound(tx, slug);
  const next: Partial<typeof rounds.$inferInsert> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set = <K extends keyof typeof rounds.$inferInsert>(key: K, value: (typeof rounds.$inferInsert)[K], old: unknown) => {
    if (JSON.stringify(value ?? null) === JSON.stringify(old ?? null)) return;
    next[key] = value;
    before[key] = old ?? null;
    after[key] = value ?? null;
  };
  if (values.name !== undefined) set('name', values.name, round.name);
  if (values.deadline !== undefined) set('deadline', values.deadline ? deadlineOf(values.deadline) : null, round.deadline);
  if (values.panelRule !== undefined) set('panelRule', values.panelRule, round.panelRule);
  if (values.spreadThreshold !== undefined) set('spreadThreshold', values.spreadThreshold, round.spreadThreshold === null ? null : new D(round.spreadThreshold).toFixed(2));
  if (values.showRankingToDepartments !== undefined) set('showRankingToDepartments', values.showRankingToDepartments, round.showRankingToDepartments);
  const changed = Object.keys(next);
  if (changed.length === 0) return false;
  if (changed.some((k) => k !== 'showRankingToDepartments')) refuseIfPublished(round);
  await tx.update(rounds).set(next).where(eq(rounds.id, round.id));
  await writeAudit(tx, actor, { action: 'round.settings', round, before, after });
  return true;
}
