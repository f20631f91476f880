import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { passwordProblem, usernameProblem } from '@/lib/auth/credentials';
import { BUSY_HASHING, hashPasswords } from './users';
import { can, type Viewer } from '@/lib/auth/roles';
import { generatePassword } from '@/lib/auth/token';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { selectRound } from './round-data';
import { departments, roundDepartments } from './schema';
import { users } from './schema-auth';
import { actorOf } from './web-change';

/**
 * "Create missing accounts" (issue 9 §1): one department account for every department of a round
 * that has none, each with a generated password that is shown once — only its hash is kept.
 */

export interface NewAccount {
  code: string;
  name: string;
  username: string;
  /** Shown once to the admin, for the printable list; never stored. */
  password: string;
}

export type AccountsResult = { ok: true; message: string; created: NewAccount[] } | { ok: false; message: string };

/** A username from a department code: lower case, valid under the username rule, and free. */
export function usernameFor(code: string, taken: Set<string>): string {
  let base = code.toLowerCase().replace(/[^a-z0-9._-]/g, '');
  if (!/^[a-z0-9]/.test(base)) base = `d${base}`;
  if (base.length < 2) base = `${base}-dept`;
  base = base.slice(0, 28);
  let name = base;
  for (let n = 2; taken.has(name) || usernameProblem(name); n++) name = `${base}-${n}`;
  return name;
}

function passwordFor(username: string): string {
  let p = generatePassword();
  while (passwordProblem(p, username)) p = generatePassword();
  return p;
}

export async function createMissingAccounts(viewer: Viewer | null, slug: string, meta: { address?: string | null } = {}, db?: Db): Promise<AccountsResult> {
  if (!viewer || !can(viewer, 'users:manage')) return { ok: false, message: '只有财政局管理员可以新增账号' };
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return { ok: false, message: `评价轮次 ${slug} 不存在` };
  const members = await handle
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .where(eq(roundDepartments.roundId, round.id))
    .orderBy(departments.code);
  const withAccount = new Set(
    (await handle.select({ id: users.departmentId }).from(users).where(and(isNotNull(users.departmentId), inArray(users.departmentId, members.length ? members.map((m) => m.id) : [0])))).map((u) => u.id),
  );
  const needed = members.filter((m) => !withAccount.has(m.id));
  if (needed.length === 0) return { ok: true, created: [], message: '本轮每个单位都已有账号' };
  const taken = new Set((await handle.select({ u: users.username }).from(users)).map((r) => r.u));
  const planned = needed.map((m) => {
    const username = usernameFor(m.code, taken);
    taken.add(username);
    return { ...m, username, password: passwordFor(username) };
  });
  // Hashing is the slow part (argon2id): done before the transaction, in the password queue.
  const hashes = await hashPasswords(planned.map((p) => p.password));
  if (!hashes) return { ok: false, message: BUSY_HASHING };
  const created = await handle.transaction(async (tx) => {
    const out: NewAccount[] = [];
    for (const [i, p] of planned.entries()) {
      // An account made for the department meanwhile (another admin, the CLI) wins.
      const [has] = await tx.select({ id: users.id }).from(users).where(eq(users.departmentId, p.id)).limit(1);
      if (has) continue;
      const [row] = await tx
        .insert(users)
        .values({ username: p.username, passwordHash: hashes[i]!, role: 'department', departmentId: p.id, createdBy: viewer.username })
        .onConflictDoNothing({ target: users.username })
        .returning({ id: users.id });
      if (!row) continue;
      await writeAudit(tx, actorOf(viewer, meta.address), {
        action: 'user.create',
        round,
        targetUser: { id: row.id, username: p.username },
        department: { id: p.id, code: p.code },
        after: { username: p.username, role: 'department', department: p.code, via: 'create-missing-accounts' },
      });
      out.push({ code: p.code, name: p.name, username: p.username, password: p.password });
    }
    return out;
  });
  return { ok: true, created, message: `已为 ${created.length} 个单位新建账号；初始密码只显示这一次，请打印或抄录后分发` };
}
