import { describe, expect, it } from 'vitest';
import { delayAfterFailure, delaySeconds, loginGate, POLICY, waitText, type FailureCounts } from './rate-limit';

const now = new Date('2024-03-01T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const none = { failures: 0, last: null };
const counts = (c: Partial<FailureCounts>): FailureCounts => ({ pair: none, address: none, user: none, knownAddress: false, ...c });

describe('progressive delays', () => {
  it('double from 1 s after the free allowance, up to the cap', () => {
    expect([2, 3, 4, 5, 6].map((n) => delaySeconds(n, POLICY.pair))).toEqual([0, 1, 2, 4, 8]);
    expect(delaySeconds(40, POLICY.pair)).toBe(15 * 60);
    expect(delaySeconds(40, POLICY.user)).toBe(60);
  });

  it('let a check through once the wait since the last failure has passed', () => {
    // 5 failures from this address for this user: the next must wait 4 s after the fifth.
    expect(loginGate(counts({ pair: { failures: 5, last: ago(5_000) } }), now)).toEqual({ ok: true });
    const g = loginGate(counts({ pair: { failures: 5, last: ago(1_000) } }), now);
    expect(g).toEqual({ ok: false, scope: 'pair', retryAfterSeconds: 3, message: '该账号密码错误次数较多，为防猜测密码，请 3 秒后再试' });
  });

  it('slow an address that failed 20 times across many usernames', () => {
    const g = loginGate(counts({ address: { failures: 25, last: ago(2_000) } }), now);
    expect(g).toMatchObject({ ok: false, scope: 'address', retryAfterSeconds: 30 });
    if (!g.ok) expect(g.message).toBe('本机登录失败次数过多，请 30 秒后再试');
  });

  it('never lock an account: failures from everywhere else cost the real user at most a minute', () => {
    // A botnet made 500 failures against admin within the hour, the last one just now.
    const attacked = { user: { failures: 500, last: now } };
    expect(loginGate(counts(attacked), now)).toMatchObject({ ok: false, scope: 'user', retryAfterSeconds: 60 });
    expect(loginGate(counts(attacked), new Date(now.getTime() + 60_000))).toEqual({ ok: true });
    // From an address admin signed in from before, the attacker's failures do not count at all.
    expect(loginGate(counts({ ...attacked, knownAddress: true }), now)).toEqual({ ok: true });
  });

  it('report the longest of the waits that apply', () => {
    const g = loginGate(counts({ pair: { failures: 6, last: now }, address: { failures: 30, last: now } }), now);
    expect(g).toMatchObject({ scope: 'address', retryAfterSeconds: 15 * 60 });
  });

  it('say which wait the next failure will start', () => {
    expect(delayAfterFailure(counts({ pair: { failures: 1, last: now } }))).toBe(0);
    expect(delayAfterFailure(counts({ pair: { failures: 2, last: now } }))).toBe(1);
    expect(delayAfterFailure(counts({ user: { failures: 30, last: now }, knownAddress: true }))).toBe(0);
  });

  it('round a wait up to whole minutes', () => {
    expect(waitText(61)).toBe('2 分钟');
    expect(waitText(59)).toBe('59 秒');
  });
});
