import { describe, expect, it } from 'vitest';
import { loginGate, LOGIN_WINDOW_MS, waitText } from './rate-limit';

const now = new Date('2024-03-01T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('login throttling', () => {
  it('lets the fifth attempt through after four failures', () => {
    expect(loginGate({ user: 4, userOldest: ago(60_000), address: 4, addressOldest: ago(60_000) }, now)).toEqual({ ok: true });
  });

  it('stops the sixth attempt for a user and says how long to wait', () => {
    const g = loginGate({ user: 5, userOldest: ago(3 * 60_000), address: 5, addressOldest: ago(3 * 60_000) }, now);
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.scope).toBe('user');
    expect(g.retryAfterSeconds).toBe(12 * 60);
    expect(g.message).toBe('该账号连续登录失败 5 次，已暂停登录，请 12 分钟后再试');
  });

  it('stops an address that failed 20 times across many usernames', () => {
    const g = loginGate({ user: 0, userOldest: null, address: 20, addressOldest: ago(LOGIN_WINDOW_MS - 30_000) }, now);
    expect(g).toMatchObject({ ok: false, scope: 'address', retryAfterSeconds: 30 });
    if (!g.ok) expect(g.message).toContain('30 秒');
  });

  it('never asks to wait zero seconds', () => {
    const g = loginGate({ user: 5, userOldest: ago(LOGIN_WINDOW_MS), address: 0, addressOldest: null }, now);
    expect(g).toMatchObject({ ok: false, retryAfterSeconds: 1 });
  });

  it('rounds a wait up to whole minutes', () => {
    expect(waitText(61)).toBe('2 分钟');
    expect(waitText(59)).toBe('59 秒');
  });
});
