/**
 * Password-guessing throttle: progressive delays, never a lockout.
 *
 * Failed password checks (logins, and the current-password check of a password change) are counted
 * per key over the last hour. Past a key's free allowance, the next check must wait 1 s, then 2, 4,
 * 8 … up to the key's cap after the key's latest failure; an attempt made sooner is refused with
 * the wait, before the password is looked at, and is not counted. Three keys:
 *
 * - `pair`: one username from one address (reset by a success from that address). This is what
 *   stops one machine guessing one account, and the only key a guesser elsewhere cannot touch.
 * - `address`: one address, any username: stops one machine spraying many accounts.
 * - `user`: one username from anywhere (reset by any success), to slow guessing spread over many
 *   addresses. Its cap is short (60 s), and it does not apply at all to an address the account has
 *   signed in from in the last 30 days, so an attacker elsewhere can slow but never lock out the
 *   real user, admin included: from a known address the right password always gets in, from a new
 *   one after at most a minute's wait.
 */
export const COUNT_WINDOW_MS = 60 * 60 * 1000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

export type Scope = 'pair' | 'address' | 'user';

export interface KeyPolicy {
  /** Failures allowed without any wait. */
  free: number;
  /** The longest wait, in seconds. */
  capSeconds: number;
}

export const POLICY: Record<Scope, KeyPolicy> = {
  pair: { free: 3, capSeconds: 15 * 60 },
  address: { free: 20, capSeconds: 15 * 60 },
  user: { free: 10, capSeconds: 60 },
};

export interface KeyCount {
  /** Failures of this key inside the window (since its last success, for `pair` and `user`). */
  failures: number;
  /** The latest of them. */
  last: Date | null;
}

export interface FailureCounts {
  pair: KeyCount;
  address: KeyCount;
  user: KeyCount;
  /** The account signed in from this address within KNOWN_ADDRESS_MS. */
  knownAddress: boolean;
}

/** The wait after `failures` failures of a key: none within the allowance, then doubling to the cap. */
export function delaySeconds(failures: number, policy: KeyPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.capSeconds, 2 ** (failures - policy.free));
}

export type LoginGate = { ok: true } | { ok: false; scope: Scope; retryAfterSeconds: number; message: string };

/** "3 分钟" / "40 秒": minutes are rounded up, so the wait shown is never too short. */
export function waitText(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}

function scopesFor(c: FailureCounts): Scope[] {
  return c.knownAddress ? ['pair', 'address'] : ['pair', 'address', 'user'];
}

/** Whether a password check may run now; if not, for how long it must wait and why. */
export function loginGate(c: FailureCounts, now: Date): LoginGate {
  let worst: { scope: Scope; wait: number } | null = null;
  for (const scope of scopesFor(c)) {
    const k = c[scope];
    const d = delaySeconds(k.failures, POLICY[scope]);
    if (d === 0 || !k.last) continue;
    const wait = Math.ceil((k.last.getTime() + d * 1000 - now.getTime()) / 1000);
    if (wait > 0 && (!worst || wait > worst.wait)) worst = { scope, wait };
  }
  if (!worst) return { ok: true };
  const message =
    worst.scope === 'address'
      ? `本机登录失败次数过多，请 ${waitText(worst.wait)}后再试`
      : `该账号密码错误次数较多，为防猜测密码，请 ${waitText(worst.wait)}后再试`;
  return { ok: false, scope: worst.scope, retryAfterSeconds: worst.wait, message };
}

/** The wait that one more failure would start (shown with the "wrong password" message). */
export function delayAfterFailure(c: FailureCounts): number {
  return Math.max(...scopesFor(c).map((s) => delaySeconds(c[s].failures + 1, POLICY[s])));
}
