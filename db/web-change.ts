import { and, eq } from 'drizzle-orm';
import { departmentToRow } from '@/lib/interchange/table';
import type { Department, Problem } from '@/lib/scoring';
import type { Viewer } from '@/lib/auth/roles';
import type { Actor } from './audit';
import type { Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, groups, roundDepartments, rounds } from './schema';
import type { ChangeResult } from './submissions';

/** What the web's writes share on top of db/submissions and db/rounds: who acts, refusals, and what changed. */

/** A refusal found inside a transaction: it rolls the transaction back and reaches the user as is. */
export class Refusal extends Error {}

export function actorOf(viewer: Viewer, address?: string | null): Actor {
  return { id: viewer.id, name: viewer.username, address: address ?? null };
}

/** The one refusal of every change to a published round. */
export function publishedRoundMessage(r: Pick<Round, 'slug' | 'name'>): string {
  return `评价轮次 ${r.slug}（${r.name}）已发布，成绩已冻结，不能再修改；如需更正，请管理员先撤回发布（须写明理由）`;
}

/**
 * Locks the round's row for this transaction and returns the round. `update` (imports, status
 * changes, publishing, settings) excludes everyone else; `share` (one department's save, review
 * decision or evaluation) only excludes those, so saves of different departments run side by side
 * and each locks just its own row besides.
 */
export async function lockRoundRow(tx: Tx, slug: string, strength: 'update' | 'share' = 'update'): Promise<Round> {
  const [row] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)).for(strength);
  const round = row ? await selectRound(tx, slug) : null;
  if (!round) throw new Refusal(`评价轮次 ${slug} 不存在`);
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

/** A refused change as one line, for refusals that are not about a form field (conflict, locked round). */
export function refusalText(r: Extract<ChangeResult, { ok: false }>): string {
  return r.problems.map((p: Problem) => p.message).join('；');
}

/** The cells that differ between two versions, for the audit log: {before: {key: old}, after: {key: new}}. */
export function cellChanges(before: Department | null, after: Department): { before: Record<string, string | null>; after: Record<string, string | null> } {
  const a = before ? departmentToRow(before) : {};
  const b = departmentToRow(after);
  const out = { before: {} as Record<string, string | null>, after: {} as Record<string, string | null> };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) {
      out.before[key] = a[key] ?? null;
      out.after[key] = b[key] ?? null;
    }
  }
  return out;
}


/** The row id of a department code, for the audit log's reference. */
export async function departmentRef(tx: Tx, code: string): Promise<{ id: number; code: string }> {
  const [row] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (!row) throw new Error(`没有代码为 ${code} 的部门`);
  return { id: row.id, code };
}
