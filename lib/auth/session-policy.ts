/**
 * How long a login lasts. A session ends after IDLE without a request, and in any case ABSOLUTE
 * after it began; both are checked on the server from the session row, never trusted from the cookie.
 */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Last-seen is written at most this often, so reading a page does not mean a write every time. */
export const SESSION_TOUCH_MS = 5 * 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionState = 'valid' | 'idle' | 'expired';

export function sessionState(s: SessionTimes, now: Date): SessionState {
  if (now.getTime() - s.createdAt.getTime() >= SESSION_ABSOLUTE_MS) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle';
  return 'valid';
}

export function needsTouch(s: SessionTimes, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

/** The moment before which a session must have been seen to still be valid: for a sweep of old rows. */
export function staleBefore(now: Date): { idle: Date; absolute: Date } {
  return { idle: new Date(now.getTime() - SESSION_IDLE_MS), absolute: new Date(now.getTime() - SESSION_ABSOLUTE_MS) };
}
