import { eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { lockRound, unlockRound } from './rounds';
import { rounds } from './schema';
import { actorOf, lockRoundRow, Refusal } from './web-change';

/** Locking, unlocking and the per-round display setting: bureau-only, each with its audit entry in the same transaction. */

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

/** Locks a round: imports, saves and review decisions are refused from now on, and the scores are kept as a snapshot. */
export function lockRoundBy(viewer: Viewer | null, slug: string, meta: { address?: string | null } = {}, db?: Db) {
  return guarded(viewer, db, (db, viewer) =>
    db.transaction(async (tx) => {
      const round = await lockRoundRow(tx, slug);
      if (round.status === 'locked') throw new Refusal(`评价轮次 ${slug} 已经锁定`);
      const r = await lockRound(slug, viewer.username, tx);
      if (!r.ok) throw new Refusal(r.message);
      await writeAudit(tx, actorOf(viewer, meta.address), { action: 'round.lock', round, before: { status: 'open' }, after: { status: 'locked', snapshotId: r.snapshotId ?? null } });
      return { ok: true as const, message: `评价轮次 ${slug} 已锁定，得分已存为快照` };
    }),
  );
}

/** Unlocks a round for a correction; the reason goes into the audit log. */
export function unlockRoundBy(viewer: Viewer | null, slug: string, reason: string, meta: { address?: string | null } = {}, db?: Db) {
  return guarded(viewer, db, (db, viewer) =>
    db.transaction(async (tx) => {
      if (!reason.trim()) throw new Refusal('解锁须写明理由');
      const round = await lockRoundRow(tx, slug);
      if (round.status !== 'locked') throw new Refusal(`评价轮次 ${slug} 未锁定`);
      const r = await unlockRound(slug, tx);
      if (!r.ok) throw new Refusal(r.message);
      await writeAudit(tx, actorOf(viewer, meta.address), { action: 'round.unlock', round, before: { status: 'locked' }, after: { status: 'open', reason: reason.trim() } });
      return { ok: true as const, message: `评价轮次 ${slug} 已解锁` };
    }),
  );
}

/**
 * Whether departments see the whole ranking list of the round. Allowed on a locked round too: it
 * changes who sees the published figures, not the figures, and publishing usually follows the lock.
 */
export function setRankingVisibility(viewer: Viewer | null, slug: string, visible: boolean, meta: { address?: string | null } = {}, db?: Db) {
  return guarded(viewer, db, (db, viewer) =>
    db.transaction(async (tx) => {
      const round = await lockRoundRow(tx, slug);
      if (round.showRankingToDepartments === visible) return { ok: true as const, message: '设置未变' };
      await tx.update(rounds).set({ showRankingToDepartments: visible }).where(eq(rounds.id, round.id));
      await writeAudit(tx, actorOf(viewer, meta.address), {
        action: 'round.settings',
        round,
        before: { showRankingToDepartments: round.showRankingToDepartments },
        after: { showRankingToDepartments: visible },
      });
      return { ok: true as const, message: visible ? '各部门现在可以查看本轮完整排名' : '各部门现在只能看到本单位的排名' };
    }),
  );
}
