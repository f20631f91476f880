import { eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { selectRound } from './round-data';
import { rounds } from './schema';
import { takeSnapshot } from './snapshot';

export type LockResult = { ok: true; snapshotId?: number } | { ok: false; message: string };

/**
 * Locks a round: from now on every import and edit is refused, and the snapshot taken here is the
 * published ranking. Locking a locked round changes nothing.
 */
export async function lockRound(slug: string, actor: string, db?: Db): Promise<LockResult> {
  const handle = db ?? (await getDb());
  return handle.transaction(async (tx) => {
    const [row] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)).for('update');
    const round = row ? await selectRound(tx, slug) : null;
    if (!round) return { ok: false, message: `评价轮次 ${slug} 不存在` };
    if (round.status === 'locked') return { ok: true };
    await tx.update(rounds).set({ status: 'locked' }).where(eq(rounds.id, round.id));
    const snap = await takeSnapshot(tx, round, { reason: 'lock', actor });
    return { ok: true, snapshotId: snap.id };
  });
}

/** Reopens a locked round for changes. Who unlocked it, and why, belongs in the audit log (issue 5). */
export async function unlockRound(slug: string, db?: Db): Promise<LockResult> {
  const handle = db ?? (await getDb());
  const updated = await handle.update(rounds).set({ status: 'open' }).where(eq(rounds.slug, slug)).returning({ id: rounds.id });
  return updated.length ? { ok: true } : { ok: false, message: `评价轮次 ${slug} 不存在` };
}
