import { and, eq, lt, or, sql } from 'drizzle-orm';
import { normalizeUsername } from '@/lib/auth/credentials';
import { burnPasswordCheck, verifyPassword } from '@/lib/auth/password';
import { COUNT_WINDOW_MS, delayAfterFailure, KNOWN_ADDRESS_MS, loginGate, waitText, type FailureCounts, type Scope } from '@/lib/auth/rate-limit';
import type { Viewer } from '@/lib/auth/roles';
import { Busy, passwordSlots } from '@/lib/auth/slots';
import { writeAudit } from './audit';
import { getDb, type Db, type Tx } from './client';
import { loginAttempts } from './schema-auth';
import { startSession, sweepSessions, type SessionMeta } from './sessions';
import { findLoginUser, loadViewer } from './users';

export interface LoginRequest extends SessionMeta {
  username: string;
  password: string;
  /** The client's address (lib/auth/request clientAddress): throttling key and audit log. */
  address: string;
  /** Hash of a session token the browser presented with the login; it is ended, never reused. */
  presentedSession?: string | null;
}

/**
 * Why a sign-in was refused, as data, so the page can say it in the viewer's language (`message` is
 * the Chinese sentence): nothing typed, a wrong password (and the wait it started), the throttle
 * (which key: this address, or the account), or all password checks busy.
 */
export type LoginRefusal = { ok: false; message: string; retryAfterSeconds?: number; busy?: true; reason: 'missing' | 'wrong' | 'throttled' | 'busy'; scope?: Scope };

export type LoginResult = { ok: true; token: string; viewer: Viewer } | LoginRefusal;

const WRONG = '用户名或密码错误';
export const BUSY = '登录请求过多，服务器正忙，请稍后再试';

type Check = { ok: true; userId: number } | LoginRefusal;

const at = (x: unknown) => (x ? new Date(x as string | Date) : null);
/** A moment as a parameter of raw SQL: postgres.js takes no Date there (drizzle maps only column values). */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

async function failureCounts(tx: Tx, username: string, address: string, now: Date): Promise<FailureCounts> {
  const windowStart = new Date(now.getTime() - COUNT_WINDOW_MS);
  const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_MS);
  const [ok] = await tx
    .select({
      user: sql<string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.createdAt} > ${ts(windowStart)})`,
      pair: sql<string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.address} = ${address})`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, true), sql`${loginAttempts.createdAt} > ${ts(knownSince)}`));
  const lastPairOk = at(ok?.pair);
  const userSince = at(ok?.user) ?? windowStart;
  const pairSince = lastPairOk && lastPairOk > windowStart ? lastPairOk : windowStart;
  const [f] = await tx
    .select({
      user: sql<number>`count(*) filter (where ${loginAttempts.username} = ${username} and ${loginAttempts.createdAt} > ${ts(userSince)})`,
      userLast: sql<string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.username} = ${username} and ${loginAttempts.createdAt} > ${ts(userSince)})`,
      pair: sql<number>`count(*) filter (where ${loginAttempts.username} = ${username} and ${loginAttempts.address} = ${address} and ${loginAttempts.createdAt} > ${ts(pairSince)})`,
      pairLast: sql<string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.username} = ${username} and ${loginAttempts.address} = ${address} and ${loginAttempts.createdAt} > ${ts(pairSince)})`,
      address: sql<number>`count(*) filter (where ${loginAttempts.address} = ${address})`,
      addressLast: sql<string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.address} = ${address})`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.succeeded, false),
        sql`${loginAttempts.createdAt} > ${ts(windowStart)}`,
        or(eq(loginAttempts.username, username), eq(loginAttempts.address, address)),
      ),
    );
  return {
    pair: { failures: Number(f?.pair ?? 0), last: at(f?.pairLast) },
    address: { failures: Number(f?.address ?? 0), last: at(f?.addressLast) },
    user: { failures: Number(f?.user ?? 0), last: at(f?.userLast) },
    knownAddress: lastPairOk !== null,
  };
}

/** How a failed check is named in the audit log: who tried is not known, only the name typed. */
const anonymous = (address: string) => ({ id: null, name: 'anonymous', address });

/**
 * One password check of `username`, throttled (lib/auth/rate-limit) and recorded: the attempt is
 * written as a failure before the password is even looked at (under a per-username lock), so
 * guesses sent in parallel are all counted; a correct one is then turned into a success. Every
 * check, and every refusal by the throttle, goes to the audit log. Runs in a password slot
 * (lib/auth/slots): when all are taken and the queue is full, it answers "busy" at once.
 */
async function checkPassword(handle: Db, username: string, password: string, address: string, via: 'login' | 'password-change', now: Date): Promise<Check> {
  const gate = await handle.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${username}`}))`);
    const counts = await failureCounts(tx, username, address, now);
    const g = loginGate(counts, now);
    if (!g.ok) {
      await writeAudit(tx, anonymous(address), {
        action: 'auth.throttled',
        targetUser: null,
        after: { username, via, scope: g.scope, retryAfterSeconds: g.retryAfterSeconds },
      });
      return g;
    }
    const [row] = await tx.insert(loginAttempts).values({ username, address, succeeded: false, createdAt: now }).returning({ id: loginAttempts.id });
    return { ok: true as const, attemptId: row!.id, counts };
  });
  if (!gate.ok) return { ok: false, message: gate.message, retryAfterSeconds: gate.retryAfterSeconds, reason: 'throttled', scope: gate.scope };

  const user = await findLoginUser(handle, username);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || user.disabled) {
    const wait = delayAfterFailure(gate.counts);
    await writeAudit(handle, anonymous(address), {
      action: 'auth.login_failed',
      targetUser: user ? { id: user.id, username } : null,
      after: { username, via, ...(wait > 0 ? { delaySeconds: wait } : {}) },
    });
    // A disabled account gets the same answer as a wrong password: no hint that the name exists.
    return { ok: false, message: wait > 0 ? `${WRONG}；请 ${waitText(wait)}后再试` : WRONG, reason: 'wrong', ...(wait > 0 ? { retryAfterSeconds: wait } : {}) };
  }
  await handle.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, gate.attemptId));
  return { ok: true, userId: user.id };
}

async function inSlot<T extends { ok: boolean }>(fn: () => Promise<T>): Promise<T | LoginRefusal> {
  try {
    return await passwordSlots().run(fn);
  } catch (e) {
    if (e instanceof Busy) return { ok: false, message: BUSY, retryAfterSeconds: e.retryAfterSeconds, busy: true, reason: 'busy' };
    throw e;
  }
}

/** Checks a username and password and, when they are right, starts a fresh session. */
export async function login(req: LoginRequest, now = new Date(), db?: Db): Promise<LoginResult> {
  const username = normalizeUsername(req.username).slice(0, 64);
  if (!username || !req.password) return { ok: false, message: '请输入用户名和密码', reason: 'missing' };
  return inSlot(async (): Promise<LoginResult> => {
    const handle = db ?? (await getDb());
    const checked = await checkPassword(handle, username, req.password, req.address, 'login', now);
    if (!checked.ok) return checked;
    return handle.transaction(async (tx) => {
      await sweepSessions(tx, now);
      // Failures older than the window serve no limit any more; successes mark known addresses for a while.
      await tx
        .delete(loginAttempts)
        .where(
          or(
            and(eq(loginAttempts.succeeded, false), lt(loginAttempts.createdAt, new Date(now.getTime() - 24 * 3600_000))),
            lt(loginAttempts.createdAt, new Date(now.getTime() - KNOWN_ADDRESS_MS)),
          ),
        );
      const token = await startSession(tx, checked.userId, req, req.presentedSession, now);
      const viewer = (await loadViewer(tx, checked.userId))!;
      await writeAudit(tx, { id: viewer.id, name: viewer.username, address: req.address }, { action: 'auth.login', targetUser: { id: viewer.id, username: viewer.username } });
      return { ok: true as const, token, viewer };
    });
  });
}

/**
 * The current-password check of a password change: the same throttle, the same counts and the same
 * audit entries as a login, so a stolen session cannot be used to guess the password faster.
 */
export async function verifyCurrentPassword(
  viewer: Pick<Viewer, 'username'>,
  password: string,
  address: string,
  now = new Date(),
  db?: Db,
): Promise<{ ok: true } | LoginRefusal> {
  const r = await inSlot(async () => checkPassword(db ?? (await getDb()), viewer.username, password, address, 'password-change', now));
  if (r.ok) return { ok: true };
  return { ...r, message: r.message.startsWith(WRONG) ? r.message.replace(WRONG, '当前密码不正确') : r.message };
}
