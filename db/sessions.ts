import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { needsTouch, sessionState, staleBefore } from '@/lib/auth/session-policy';
import { newSessionToken } from '@/lib/auth/token';
import { getDb, type Db, type Tx } from './client';
import { sessions } from './schema-auth';
import { loadViewer } from './users';

export interface SessionMeta {
  address?: string | null;
  userAgent?: string | null;
}

/**
 * Starts a session and returns its token (the only time it exists in clear). A session presented
 * with the login is deleted first: a login never continues an earlier session id (fixation).
 */
export async function startSession(tx: Tx | Db, userId: number, meta: SessionMeta, replacing?: string | null, now = new Date()): Promise<string> {
  if (replacing) await tx.delete(sessions).where(eq(sessions.tokenHash, replacing));
  const { token, hash } = newSessionToken();
  await tx.insert(sessions).values({
    tokenHash: hash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    address: meta.address?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 256) ?? null,
  });
  return token;
}

/**
 * The signed-in user of a token hash, or null when the session is unknown, expired, or its account
 * disabled. An expired session is deleted on sight; a live one has its last-seen moved forward.
 */
export async function resolveSession(tokenHash: string, now = new Date(), db?: Db): Promise<Viewer | null> {
  const handle = db ?? (await getDb());
  const [s] = await handle.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  if (!s) return null;
  if (sessionState(s, now) !== 'valid') {
    await handle.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  const viewer = await loadViewer(handle, s.userId);
  if (!viewer) return null;
  if (needsTouch(s, now)) await handle.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  return viewer;
}

export async function endSession(tokenHash: string, db?: Db): Promise<void> {
  const handle = db ?? (await getDb());
  await handle.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user but (optionally) one. */
export async function endUserSessions(tx: Tx | Db, userId: number, except?: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, except)) : eq(sessions.userId, userId))
    .returning({ t: sessions.tokenHash });
  return rows.length;
}

/** Deletes sessions past either limit; run now and then (at each login) so the table stays small. */
export async function sweepSessions(tx: Tx | Db, now = new Date()): Promise<void> {
  const { idle, absolute } = staleBefore(now);
  await tx.delete(sessions).where(or(lt(sessions.lastSeenAt, idle), lt(sessions.createdAt, absolute)));
}
