import { eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { D, parseDecimal, PANEL_RULES, type PanelRule } from '@/lib/scoring';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { rounds, type RoundStatus } from './schema';
import { actorOf, lockRoundRow, publishedRoundMessage, Refusal } from './web-change';

/**
 * A round's status between 填报中 and 评审中, and its settings: bureau-only, each change with its
 * audit entry in the same transaction. Publishing and withdrawing are db/publication's.
 */

export type RoundAdminResult = { ok: true; message: string } | { ok: false; message: string };

const DENIED: RoundAdminResult = { ok: false, message: '只有财政局管理员可以管理评价轮次' };

async function guarded(viewer: Viewer | null, db: Db | undefined, fn: (db: Db, viewer: Viewer) => Promise<RoundAdminResult>): Promise<RoundAdminResult> {
  if (!viewer || !can(viewer, 'round:manage')) return DENIED;
  try {
    return await fn(db ?? (await getDb()), viewer);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
}

export const STATUS_ZH: Record<RoundStatus, string> = { collecting: '填报中', reviewing: '评审中', published: '已发布' };

/**
 * Ends collection (填报中 → 评审中: departments can change only what the bureau returns) or reopens it
 * (评审中 → 填报中, with a reason). Publishing is its own step.
 */
export function setCollecting(viewer: Viewer | null, slug: string, to: 'collecting' | 'reviewing', reason: string, meta: { address?: string | null } = {}, db?: Db) {
  return guarded(viewer, db, (db, viewer) =>
    db.transaction(async (tx) => {
      const round = await lockRoundRow(tx, slug);
      if (round.status === 'published') throw new Refusal(publishedRoundMessage(round));
      if (round.status === to) throw new Refusal(`评价轮次 ${slug} 已是“${STATUS_ZH[to]}”`);
      const why = reason.trim();
      if (to === 'collecting' && !why) throw new Refusal('重新开放填报须写明理由');
      await tx.update(rounds).set({ status: to }).where(eq(rounds.id, round.id));
      await writeAudit(tx, actorOf(viewer, meta.address), { action: 'round.status', round, before: { status: round.status }, after: { status: to, ...(why ? { reason: why } : {}) } });
      return { ok: true as const, message: to === 'reviewing' ? `评价轮次 ${slug} 已结束填报，进入评审` : `评价轮次 ${slug} 已重新开放填报` };
    }),
  );
}

export interface RoundSettings {
  name?: string;
  /** ISO date (yyyy-mm-dd) or '' for none. */
  deadline?: string;
  panelRule?: PanelRule;
  /** Decimal text or '' for none. */
  spreadThreshold?: string;
  showRankingToDepartments?: boolean;
}

/** A spread threshold as typed: '' for none, else 0–100 with at most 2 decimals. */
export function parseThreshold(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const p = parseDecimal(t);
  if (!p.ok || p.value.isNeg() || p.value.decimalPlaces() > 2 || p.value.gt(100)) throw new Refusal('分差阈值应为 0–100 之间、最多 2 位小数的分数');
  return p.value.toFixed(2);
}

/** The end of the deadline's day in China, where the bureau works. */
export function deadlineOf(date: string): Date {
  return new Date(`${date}T23:59:59+08:00`);
}

/**
 * Changes the round's settings. On a published round only who sees the ranking may change: the
 * rest shaped the frozen figures.
 */
export function updateRoundSettings(viewer: Viewer | null, slug: string, settings: RoundSettings, meta: { address?: string | null } = {}, db?: Db) {
  return guarded(viewer, db, (db, viewer) =>
    db.transaction(async (tx) => {
      const round = await lockRoundRow(tx, slug);
      const next: Partial<typeof rounds.$inferInsert> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const set = <K extends keyof typeof rounds.$inferInsert>(key: K, value: (typeof rounds.$inferInsert)[K], old: unknown) => {
        if (JSON.stringify(value ?? null) === JSON.stringify(old ?? null)) return;
        next[key] = value;
        before[key] = old ?? null;
        after[key] = value ?? null;
      };
      if (settings.name !== undefined) {
        const name = settings.name.trim();
        if (!name || name.length > 100) throw new Refusal('轮次名称须为 1–100 个字');
        set('name', name, round.name);
      }
      if (settings.deadline !== undefined) {
        if (settings.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(settings.deadline)) throw new Refusal('截止日期格式应为 年-月-日');
        set('deadline', settings.deadline ? deadlineOf(settings.deadline) : null, round.deadline);
      }
      if (settings.panelRule !== undefined) {
        if (!PANEL_RULES.includes(settings.panelRule)) throw new Refusal('评审专家评分的合成方式无效');
        set('panelRule', settings.panelRule, round.panelRule);
      }
      if (settings.spreadThreshold !== undefined) {
        set('spreadThreshold', parseThreshold(settings.spreadThreshold), round.spreadThreshold === null ? null : new D(round.spreadThreshold).toFixed(2));
      }
      if (settings.showRankingToDepartments !== undefined) set('showRankingToDepartments', settings.showRankingToDepartments, round.showRankingToDepartments);
      const changed = Object.keys(next);
      if (changed.length === 0) return { ok: true as const, message: '设置未变' };
      if (round.status === 'published' && changed.some((k) => k !== 'showRankingToDepartments')) throw new Refusal(publishedRoundMessage(round));
      await tx.update(rounds).set(next).where(eq(rounds.id, round.id));
      await writeAudit(tx, actorOf(viewer, meta.address), { action: 'round.settings', round, before, after });
      return { ok: true as const, message: '设置已保存' };
    }),
  );
}

/** Whether departments see the whole ranking list of the round (a setting allowed on a published round too). */
export function setRankingVisibility(viewer: Viewer | null, slug: string, visible: boolean, meta: { address?: string | null } = {}, db?: Db) {
  return updateRoundSettings(viewer, slug, { showRankingToDepartments: visible }, meta, db);
}
