/**
 * Login throttling: failures in the last WINDOW are counted per username and per client address.
 * The check runs before the password is looked at, so once the limit is reached even the right
 * password is refused until the window has moved on.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface FailureCounts {
  /** Failures for this username inside the window, since its last successful login. */
  user: number;
  /** The oldest of those failures: the limit lifts one window after it. */
  userOldest: Date | null;
  /** Failures from this address inside the window, for any username. */
  address: number;
  addressOldest: Date | null;
}

export type LoginGate = { ok: true } | { ok: false; scope: 'user' | 'address'; retryAfterSeconds: number; message: string };

function waitSeconds(oldest: Date | null, now: Date): number {
  const until = (oldest?.getTime() ?? now.getTime()) + LOGIN_WINDOW_MS;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** "3 分钟" / "40 秒": minutes are rounded up, so the wait shown is never too short. */
export function waitText(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}

export function loginGate(c: FailureCounts, now: Date): LoginGate {
  if (c.user >= MAX_FAILURES_PER_USER) {
    const s = waitSeconds(c.userOldest, now);
    return { ok: false, scope: 'user', retryAfterSeconds: s, message: `该账号连续登录失败 ${c.user} 次，已暂停登录，请 ${waitText(s)}后再试` };
  }
  if (c.address >= MAX_FAILURES_PER_ADDRESS) {
    const s = waitSeconds(c.addressOldest, now);
    return { ok: false, scope: 'address', retryAfterSeconds: s, message: `本机登录失败次数过多，已暂停登录，请 ${waitText(s)}后再试` };
  }
  return { ok: true };
}
