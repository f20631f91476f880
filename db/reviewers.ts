import { and, asc, eq, inArray } from 'drizzle-orm';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { lockRound, Refusal } from './round-lock';
import { departments, roundDepartments } from './schema';
import { users } from './schema-auth';
import { roundReviewers } from './schema-cycle';

/** Assigning reviewers (评审专家) to departments of a round, audited. */

/**
 * Assigns (or, with `assign` false, unassigns) one reviewer account to the given departments, in
 * the caller's transaction. Scores a reviewer already gave stay stored; an unassigned reviewer's
 * scores no longer count. Returns the message for the admin; refusals are thrown.
 */
export async function assignReviewer(tx: Tx, slug: string, username: string, codes: string[], assign: boolean, actor: Actor): Promise<string> {
  const round = await lockRound(tx, slug, { unpublished: true });
  const [reviewer] = await tx.select({ id: users.id, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.username, username.trim().toLowerCase()));
  if (!reviewer || reviewer.role !== 'reviewer') throw new Refusal(`没有评审专家账号 ${username}（请先在“账号管理”中新增角色为评审专家的账号）`);
  if (reviewer.disabledAt && assign) throw new Refusal(`账号 ${username} 已停用`);
  const members = await tx
    .select({ id: departments.id, code: departments.code })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .where(and(eq(roundDepartments.roundId, round.id), inArray(departments.code, codes)));
  const unknown = codes.filter((c) => !members.some((m) => m.code === c));
  if (unknown.length) throw new Refusal(`不在本轮中的单位：${unknown.join('、')}`);
  const ids = members.map((m) => m.id);
  let changed: { departmentId: number }[];
  if (assign) {
    changed = await tx
      .insert(roundReviewers)
      .values(ids.map((departmentId) => ({ roundId: round.id, reviewerId: reviewer.id, departmentId, createdBy: actor.name })))
      .onConflictDoNothing()
      .returning({ departmentId: roundReviewers.departmentId });
  } else {
    changed = await tx
      .delete(roundReviewers)
      .where(and(eq(roundReviewers.roundId, round.id), eq(roundReviewers.reviewerId, reviewer.id), inArray(roundReviewers.departmentId, ids)))
      .returning({ departmentId: roundReviewers.departmentId });
  }
  if (changed.length === 0) return '指派未变';
  const changedCodes = members.filter((m) => changed.some((c) => c.departmentId === m.id)).map((m) => m.code);
  await writeAudit(tx, actor, {
    action: 'round.reviewers',
    round,
    targetUser: { id: reviewer.id, username },
    after: { [assign ? 'assigned' : 'unassigned']: changedCodes },
  });
  return `${assign ? '已指派' : '已取消指派'} ${username}：${changedCodes.length} 个单位`;
}

export interface ReviewerAssignmentRow {
  username: string;
  codes: string[];
}

/** Every reviewer account, with the departments of this round it evaluates. */
export async function listReviewerAssignments(roundId: number, db?: Db): Promise<ReviewerAssignmentRow[]> {
  const handle = db ?? (await getDb());
  const reviewers = await handle.select({ id: users.id, username: users.username }).from(users).where(eq(users.role, 'reviewer')).orderBy(asc(users.username));
  const rows = await handle
    .select({ reviewerId: roundReviewers.reviewerId, code: departments.code })
    .from(roundReviewers)
    .innerJoin(departments, eq(departments.id, roundReviewers.departmentId))
    .where(eq(roundReviewers.roundId, roundId))
    .orderBy(asc(departments.code));
  return reviewers.map((r) => ({ username: r.username, codes: rows.filter((x) => x.reviewerId === r.id).map((x) => x.code) }));
}
