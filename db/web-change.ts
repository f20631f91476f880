import { eq } from 'drizzle-orm';
import { departmentToRow } from '@/lib/interchange/table';
import type { Department, Problem } from '@/lib/scoring';
import type { Viewer } from '@/lib/auth/roles';
import type { Actor } from './audit';
import type { Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, rounds } from './schema';
import type { ChangeResult } from './submissions';

/** What the web's writes share on top of db/submissions and db/rounds: who acts, refusals, and what changed. */

/** A refusal found inside a transaction: it rolls the transaction back and reaches the user as is. */
export class Refusal extends Error {}

export function actorOf(viewer: Viewer, address?: string | null): Actor {
  return { id: viewer.id, name: viewer.username, address: address ?? null };
}

export function lockedRoundMessage(r: Pick<Round, 'slug' | 'name'>): string {
  return `评价轮次 ${r.slug}（${r.name}）已锁定，不能再修改填报；如需更正，请管理员先解锁该轮次`;
}

/** Locks the round's row for this transaction (the lock imports and saves take) and returns the round. */
export async function lockRoundRow(tx: Tx, slug: string): Promise<Round> {
  const [row] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)).for('update');
  const round = row ? await selectRound(tx, slug) : null;
  if (!round) throw new Refusal(`评价轮次 ${slug} 不存在`);
  return round;
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
