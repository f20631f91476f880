import { and, count, eq, gt, lt, max, min, sql } from 'drizzle-orm';
import { normalizeUsername } from '@/lib/auth/credentials';
import { burnPasswordCheck, verifyPassword } from '@/lib/auth/password';
import { LOGIN_WINDOW_MS, loginGate, MAX_FAILURES_PER_USER } from '@/lib/auth/rate-limit';
import type { Viewer } from '@/lib/auth/roles';
import { getDb, type Db, type Tx } from './client';
import { loginAttempts } from './schema-auth';
import { startSession, sweepSessions, type SessionMeta } from './sessions';
import { findLoginUser, loadViewer } from './users';

export interface LoginRequest extends SessionMeta {
  username: string;
  password: string;
  /** Rate-limit key of the client. */
  address: string;
  /** Hash of a session token the browser presented with the login; it is ended, never reused. */
  presentedSession?: string | null;
}

export type LoginResult =
  | { ok: true; token: string; viewer: Viewer }
  | { ok: false; message: string; retryAfterSeconds?: number };

const WRONG = '用户名或密码错误';

async function failureCounts(tx: Tx, username: string, address: string, now: Date) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  // A successful login wipes the slate for that username, not for the address.
  const [last] = await tx
    .select({ at: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, true), gt(loginAttempts.createdAt, since)));
  const userSince = last?.at && new Date(last.at) > since ? new Date(last.at) : since;
  const [u] = await tx
    .select({ n: count(), oldest: min(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, userSince)));
  const [a] = await tx
    .select({ n: count(), oldest: min(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.address, address), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  const date = (x: Date | string | null | undefined) => (x ? new Date(x) : null);
  return { user: u?.n ?? 0, userOldest: date(u?.oldest), address: a?.n ?? 0, addressOldest: date(a?.oldest) };
}

/**
 * Checks a username and password, throttled per username and per address, and on success starts a
 * fresh session. The attempt is recorded as a failure before the password is even looked at (under
 * a per-username lock), so guesses sent in parallel are all counted; a correct one is then turned
 * into a success. Once the limit is reached the check refuses before looking at the password.
 */
export async function login(req: LoginRequest, now = new Date(), db?: Db): Promise<LoginResult> {
  const handle = db ?? (await getDb());
  const username = normalizeUsername(req.username).slice(0, 64);
  if (!username || !req.password) return { ok: false, message: '请输入用户名和密码' };

  const gate = await handle.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${username}`}))`);
    const counts = await failureCounts(tx, username, req.address, now);
    const g = loginGate(counts, now);
    if (!g.ok) return g;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ username, address: req.address, succeeded: false, createdAt: now })
      .returning({ id: loginAttempts.id });
    return { ok: true as const, attemptId: row!.id, failuresBefore: counts.user };
  });
  if (!gate.ok) return { ok: false, message: gate.message, retryAfterSeconds: gate.retryAfterSeconds };

  const user = await findLoginUser(handle, username);
  const valid = user ? await verifyPassword(user.passwordHash, req.password) : (await burnPasswordCheck(req.password), false);
  if (!user || !valid || user.disabled) {
    const left = MAX_FAILURES_PER_USER - gate.failuresBefore - 1;
    // A disabled account gets the same answer as a wrong password: no hint that the name exists.
    return { ok: false, message: left > 0 ? `${WRONG}（还可再试 ${left} 次）` : `${WRONG}；该账号已暂停登录 15 分钟` };
  }
  return handle.transaction(async (tx) => {
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, gate.attemptId));
    await sweepSessions(tx, now);
    // Attempts older than a day serve no limit any more.
    await tx.delete(loginAttempts).where(lt(loginAttempts.createdAt, new Date(now.getTime() - 24 * 3600_000)));
    const token = await startSession(tx, user.id, req, req.presentedSession, now);
    const viewer = await loadViewer(tx, user.id);
    return { ok: true as const, token, viewer: viewer! };
  });
}
