import type { Db } from '@/db/client';
import { verifyCurrentPassword, type LoginRefusal } from '@/db/login';
import { createUser, listDepartmentChoices, listUsers, setDisabled, setPassword, type UserListItem } from '@/db/users';
import { can, type Viewer } from '@/lib/auth/roles';
import { generatePassword } from '@/lib/auth/token';
import { actorOf, type Meta } from './context';

/**
 * Accounts, for the bureau (add, reset a password, disable or enable, list) and for everyone (their
 * own password). db/users stores them and writes the audit entry; `npm run user` calls it directly,
 * as the command line's own actor.
 */

export type { UserListItem };

const DENIED = { ok: false as const, message: '您的账号无权进行此操作' };
const managesUsers = (viewer: Viewer | null): viewer is Viewer => can(viewer, 'users:manage');

/** Adds an account; without a password one is generated and handed back to be shown once. */
export async function addAccount(
  viewer: Viewer | null,
  input: { username: string; role: string; departmentCode: string | null; password?: string },
  meta: Meta = {},
  db?: Db,
): Promise<{ ok: true; username: string; generated: string | null } | { ok: false; message: string }> {
  if (!managesUsers(viewer)) return DENIED;
  const generated = input.password ? null : generatePassword();
  const r = await createUser({ username: input.username, role: input.role, departmentCode: input.departmentCode, password: input.password || generated! }, actorOf(viewer, meta.address), db);
  return r.ok ? { ok: true, username: r.username, generated } : r;
}

/** Resets someone's password to a generated one, handed back to be shown once; all their sessions end but the one making the change. */
export async function resetPassword(viewer: Viewer | null, username: string, meta: Meta & { session?: string | null } = {}, db?: Db): Promise<{ ok: true; username: string; password: string } | { ok: false; message: string }> {
  if (!managesUsers(viewer)) return DENIED;
  const password = generatePassword();
  const r = await setPassword(username, password, actorOf(viewer, meta.address), username === viewer.username && meta.session ? { keepSession: meta.session } : {}, db);
  return r.ok ? { ok: true, username: r.username, password } : r;
}

/** Disables (ending its sessions) or enables an account; the last active admin cannot be disabled. */
export async function setAccountDisabled(viewer: Viewer | null, username: string, disabled: boolean, meta: Meta = {}, db?: Db) {
  if (!managesUsers(viewer)) return DENIED;
  return setDisabled(username, disabled, actorOf(viewer, meta.address), db);
}

/**
 * The viewer changes its own password. The current password is asked again (a session left open on
 * a shared computer should not be enough), and its other sessions end. The check is counted and
 * throttled like a login (db/login verifyCurrentPassword), so a session left open is no faster way
 * to guess the password. `field` names the form field a refusal is about.
 */
export async function changeOwnPassword(
  viewer: Viewer | null,
  input: { current: string; next: string },
  meta: { address: string; session?: string | null },
  db?: Db,
): Promise<{ ok: true } | { ok: false; message: string; field?: 'current' | 'next'; refusal?: LoginRefusal }> {
  if (!viewer) return { ok: false, message: '登录已失效，请重新登录后再试' };
  const current = await verifyCurrentPassword(viewer, input.current, meta.address, new Date(), db);
  // The refusal travels whole: the page words it (and the wait) in the viewer's language.
  if (!current.ok) return { ok: false, message: current.message, field: 'current', refusal: current };
  const r = await setPassword(viewer.username, input.next, actorOf(viewer, meta.address), { keepSession: meta.session ?? undefined }, db);
  return r.ok ? { ok: true } : { ok: false, message: r.message, field: 'next' };
}

/** Every account and the master list of departments, for the bureau's account page; null for anyone else. */
export async function listAccounts(viewer: Viewer | null, db?: Db): Promise<{ users: UserListItem[]; departments: { code: string; name: string }[] } | null> {
  if (!managesUsers(viewer)) return null;
  const [users, departments] = await Promise.all([listUsers(db), listDepartmentChoices(db)]);
  return { users, departments };
}
