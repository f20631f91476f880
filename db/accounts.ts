import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Round } from './round-data';
import { writeAudit, type Actor } from './audit';
import type { Db, Tx } from './client';
import { departments, roundDepartments } from './schema';
import { users } from './schema-auth';

/** Department accounts for the units of a round that have none (issue 9 §1's "create missing accounts"). */

/** The enrolled departments of a round without an account, by code. */
export async function membersWithoutAccount(db: Db | Tx, roundId: number): Promise<{ id: number; code: string; name: string }[]> {
  const members = await db
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .where(eq(roundDepartments.roundId, roundId))
    .orderBy(departments.code);
  const withAccount = new Set(
    (await db.select({ id: users.departmentId }).from(users).where(and(isNotNull(users.departmentId), inArray(users.departmentId, members.length ? members.map((m) => m.id) : [0])))).map((u) => u.id),
  );
  return members.filter((m) => !withAccount.has(m.id));
}

/** Every username in use. */
export async function takenUsernames(db: Db | Tx): Promise<Set<string>> {
  return new Set((await db.select({ u: users.username }).from(users)).map((r) => r.u));
}

export interface PlannedAccount {
  /** The department's row id. */
  id: number;
  code: string;
  username: string;
  passwordHash: string;
}

/**
 * Stores the planned department accounts in the caller's transaction, each with its audit entry.
 * An account made for the department meanwhile (another admin, the CLI), or a username taken
 * meanwhile, wins: that one is skipped. Returns the usernames created.
 */
export async function insertDepartmentAccounts(tx: Tx, round: Pick<Round, 'id' | 'slug'>, planned: PlannedAccount[], actor: Actor): Promise<Set<string>> {
  const created = new Set<string>();
  for (const p of planned) {
    const [has] = await tx.select({ id: users.id }).from(users).where(eq(users.departmentId, p.id)).limit(1);
    if (has) continue;
    const [row] = await tx
      .insert(users)
      .values({ username: p.username, passwordHash: p.passwordHash, role: 'department', departmentId: p.id, createdBy: actor.name })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (!row) continue;
    await writeAudit(tx, actor, {
      action: 'user.create',
      round,
      targetUser: { id: row.id, username: p.username },
      department: { id: p.id, code: p.code },
      after: { username: p.username, role: 'department', department: p.code, via: 'create-missing-accounts' },
    });
    created.add(p.username);
  }
  return created;
}
