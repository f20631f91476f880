import { and, eq } from 'drizzle-orm';
import type { Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, groups, roundDepartments, rounds } from './schema';

/**
 * Every change to a round starts here: lock the round's row, then read it, and refuse a published
 * round in one wording. A refusal is thrown as `Refusal`, which rolls the transaction back and
 * reaches the user as is.
 */

/** A refusal found inside a transaction: it rolls the transaction back and reaches the user as is. */
export class Refusal extends Error {}

/** The one refusal of every change to a published round. */
export function publishedRoundMessage(r: Pick<Round, 'slug' | 'name'>): string {
  return `评价轮次 ${r.slug}（${r.name}）已发布，成绩已冻结，不能再修改；如需更正，请管理员先撤回发布（须写明理由）`;
}

/** Throws the published-round refusal when `round` is published. */
export function refuseIfPublished(round: Pick<Round, 'slug' | 'name' | 'status'>): void {
  if (round.status === 'published') throw new Refusal(publishedRoundMessage(round));
}

export interface LockOptions {
  /**
   * `update` (imports, status changes, publishing, settings, enrolment) excludes everyone else;
   * `share` (one department's save, review decision or evaluation) only excludes those, so saves of
   * different departments run side by side and each locks just its own membership row besides.
   */
  strength?: 'update' | 'share';
  /** Refuse a published round (every change but the few allowed on one). */
  unpublished?: boolean;
}

/**
 * Locks the round's row for this transaction, then reads the round: what the caller checks is what
 * stays true until it commits. Refused when there is no such round, and with `unpublished` when it
 * is published.
 */
export async function lockRound(tx: Tx, slug: string, opts: LockOptions = {}): Promise<Round> {
  const [row] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)).for(opts.strength ?? 'update');
  const round = row ? await selectRound(tx, slug) : null;
  if (!round) throw new Refusal(`评价轮次 ${slug} 不存在`);
  if (opts.unpublished) refuseIfPublished(round);
  return round;
}

/**
 * The department's membership row in the round, locked for this transaction: the per-department
 * lock that serialises its saves, decisions and evaluations. Refused when it is not enrolled.
 */
export async function lockMember(tx: Tx, round: Pick<Round, 'id' | 'slug'>, code: string): Promise<{ departmentId: number; group: string; name: string }> {
  const [member] = await tx
    .select({ departmentId: departments.id, group: groups.name, name: departments.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(and(eq(roundDepartments.roundId, round.id), eq(departments.code, code)))
    .for('update', { of: roundDepartments });
  if (!member) throw new Refusal(`单位 ${code} 不在评价轮次 ${round.slug} 中`);
  return member;
}
