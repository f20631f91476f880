import { and, asc, count, eq, isNull, max, ne, sql } from 'drizzle-orm';
import { normalizeUsername, passwordProblem, usernameProblem } from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import { Busy, passwordSlots } from '@/lib/auth/slots';
import { isRole, ROLE_LABELS, type Role, type Viewer } from '@/lib/auth/roles';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { departments } from './schema';
import { sessions, users } from './schema-auth';

export type UserResult<T = { id: number; username: string }> = ({ ok: true } & T) | { ok: false; message: string };

export interface NewUser {
  username: string;
  password: string;
  role: string;
  /** Required for (and only for) a department account. */
  departmentCode?: string | null;
}

export const BUSY_HASHING = '服务器正忙（登录请求过多），密码未保存，请稍后再试';

/**
 * New passwords are hashed in the password checks' queue (lib/auth/slots), one after another in one
 * slot, so even an account for every department of a round leaves the other slot to logins. Null
 * when that queue is full.
 */
export async function hashPasswords(passwords: string[]): Promise<string[] | null> {
  try {
    return await passwordSlots().run(async () => {
      const out: string[] = [];
      for (const p of passwords) out.push(await hashPassword(p));
      return out;
    });
  } catch (e) {
    if (e instanceof Busy) return null;
    throw e;
  }
}

async function hashInSlot(password: string): Promise<string | null> {
  return (await hashPasswords([password]))?.[0] ?? null;
}

/** Creates an account; every rule broken is reported in one message naming the field. */
export async function createUser(input: NewUser, actor: Actor, db?: Db): Promise<UserResult> {
  const handle = db ?? (await getDb());
  const username = normalizeUsername(input.username);
  const problems: string[] = [];
  const u = usernameProblem(username);
  if (u) problems.push(u);
  if (!isRole(input.role)) problems.push(`角色“${input.role}”无效：只能是 admin（财政局）、leader（领导）、department（部门）或 reviewer（评审专家）`);
  const p = passwordProblem(input.password, username);
  if (p) problems.push(p);
  const code = input.departmentCode?.trim() || null;
  if (input.role === 'department' && !code) problems.push('部门账号须指定所属部门（--department 部门代码）');
  if (input.role !== 'department' && code) problems.push(`只有部门账号才属于某个部门；${ROLE_LABELS[input.role as Role]?.zh ?? input.role}账号不要指定部门`);
  if (problems.length) return { ok: false, message: problems.join('；') };

  let departmentId: number | null = null;
  if (code) {
    const [d] = await handle.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
    if (!d) return { ok: false, message: `没有代码为 ${code} 的部门：部门由导入填报时登记，请先导入含该部门的文件` };
    departmentId = d.id;
  }
  const passwordHash = await hashInSlot(input.password);
  if (passwordHash === null) return { ok: false, message: BUSY_HASHING };
  return handle.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ username, passwordHash, role: input.role as Role, departmentId, createdBy: actor.name })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (!row) return { ok: false as const, message: `用户名 ${username} 已被使用` };
    await writeAudit(tx, actor, {
      action: 'user.create',
      targetUser: { id: row.id, username },
      ...(departmentId && code ? { department: { id: departmentId, code } } : {}),
      after: { username, role: input.role, department: code },
    });
    return { ok: true as const, id: row.id, username };
  });
}

async function findUser(tx: Tx | Db, username: string) {
  const [row] = await tx
    .select({ id: users.id, username: users.username, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.username, normalizeUsername(username)));
  return row ?? null;
}

/**
 * Sets a new password and ends the account's other sessions, so a password changed after a leak
 * locks the intruder out. `keepSession` is the token hash of the session making the change.
 */
export async function setPassword(username: string, password: string, actor: Actor, opts: { keepSession?: string } = {}, db?: Db): Promise<UserResult> {
  const handle = db ?? (await getDb());
  const user = await findUser(handle, username);
  if (!user) return { ok: false, message: `没有用户 ${normalizeUsername(username)}` };
  const p = passwordProblem(password, user.username);
  if (p) return { ok: false, message: p };
  const passwordHash = await hashInSlot(password);
  if (passwordHash === null) return { ok: false, message: BUSY_HASHING };
  return handle.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(opts.keepSession ? and(eq(sessions.userId, user.id), ne(sessions.tokenHash, opts.keepSession)) : eq(sessions.userId, user.id))
      .returning({ t: sessions.tokenHash });
    // The hash itself is never logged, only that it changed and what it did to sessions.
    await writeAudit(tx, actor, { action: 'user.password', targetUser: user, after: { passwordChanged: true, sessionsEnded: ended.length } });
    return { ok: true as const, id: user.id, username: user.username };
  });
}

/** Disables (or re-enables) an account. Disabling ends its sessions; the last active admin cannot be disabled. */
export async function setDisabled(username: string, disabled: boolean, actor: Actor, db?: Db): Promise<UserResult> {
  const handle = db ?? (await getDb());
  return handle.transaction(async (tx) => {
    const user = await findUser(tx, username);
    if (!user) return { ok: false as const, message: `没有用户 ${normalizeUsername(username)}` };
    if (Boolean(user.disabledAt) === disabled) {
      return { ok: false as const, message: disabled ? `用户 ${user.username} 已是停用状态` : `用户 ${user.username} 未被停用` };
    }
    if (disabled && user.role === 'admin') {
      const [row] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, user.id)));
      if ((row?.n ?? 0) === 0) return { ok: false as const, message: `${user.username} 是唯一可用的财政局管理员账号，不能停用；请先新增另一个管理员` };
    }
    await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, user.id));
    const ended = disabled ? await tx.delete(sessions).where(eq(sessions.userId, user.id)).returning({ t: sessions.tokenHash }) : [];
    await writeAudit(tx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      targetUser: user,
      before: { disabled: !disabled },
      after: { disabled, ...(disabled ? { sessionsEnded: ended.length } : {}) },
    });
    return { ok: true as const, id: user.id, username: user.username };
  });
}

export interface UserListItem {
  id: number;
  username: string;
  role: Role;
  departmentCode: string | null;
  departmentName: string | null;
  disabled: boolean;
  createdAt: Date;
  createdBy: string;
  /** The most recent activity of any of its sessions. */
  lastSeenAt: Date | null;
}

export async function listUsers(db?: Db): Promise<UserListItem[]> {
  const handle = db ?? (await getDb());
  const seen = handle
    .select({ userId: sessions.userId, at: max(sessions.lastSeenAt).as('at') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('seen');
  const rows = await handle
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      departmentCode: departments.code,
      departmentName: departments.name,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      createdBy: users.createdBy,
      lastSeenAt: seen.at,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(seen, eq(seen.userId, users.id))
    // The bureau first, then leaders, then departments.
    .orderBy(sql`case ${users.role} when 'admin' then 0 when 'leader' then 1 else 2 end`, asc(users.username));
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null, lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt) : null }));
}

export async function countUsers(db?: Db): Promise<number> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** The account a session or a login resolves to, as every permission check sees it. */
export async function loadViewer(tx: Tx | Db, userId: number): Promise<Viewer | null> {
  const [row] = await tx
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      departmentId: users.departmentId,
      departmentCode: departments.code,
      departmentName: departments.name,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  if (!row || row.disabledAt) return null;
  const { disabledAt: _d, ...viewer } = row;
  return viewer;
}

/** What a login needs: the hash, and whether the account may sign in at all. */
export async function findLoginUser(db: Db | Tx, username: string): Promise<{ id: number; passwordHash: string; disabled: boolean } | null> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.username, normalizeUsername(username)));
  return row ? { id: row.id, passwordHash: row.passwordHash, disabled: row.disabledAt !== null } : null;
}

/** Whether `password` is this active account's password (a password change asks for the old one). */
/** Every department of the master list, for the new-account form. */
export async function listDepartmentChoices(db?: Db): Promise<{ code: string; name: string }[]> {
  const handle = db ?? (await getDb());
  return handle.select({ code: departments.code, name: departments.name }).from(departments).orderBy(asc(departments.code));
}
