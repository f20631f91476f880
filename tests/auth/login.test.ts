import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashSessionToken } from '@/lib/auth/token';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@/lib/auth/session-policy';
import { LOGIN_WINDOW_MS } from '@/lib/auth/rate-limit';
import { login } from '@/db/login';
import { loginAttempts, sessions } from '@/db/schema';
import { endSession, resolveSession } from '@/db/sessions';
import { setDisabled, setPassword } from '@/db/users';
import { account, CLI, backends, openTestDb, PASSWORD, seedRound, type TestDb } from './db-helpers';

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedRound(t.db);
    await account(t.db, 'admin', 'admin');
    await account(t.db, 'leader', 'leader');
    await account(t.db, 'xiaolvzhai', 'department', 'xiaolvzhai');
    await account(t.db, 'victim', 'leader');
    await account(t.db, 'sprayed', 'leader');
  });
  afterAll(() => t.close());

  const T0 = new Date('2024-03-01T08:00:00Z');
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const attempt = (username: string, password: string, opts: { address?: string; presented?: string | null; now?: Date } = {}) =>
    login({ username, password, address: opts.address ?? '10.0.0.1', presentedSession: opts.presented ?? null }, opts.now ?? T0, t.db);

  describe('logging in', () => {
    it('signs in with the right password and resolves the session to the account', async () => {
      const r = await attempt('Leader', PASSWORD);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.viewer).toMatchObject({ username: 'leader', role: 'leader' });
      expect(await resolveSession(hashSessionToken(r.token), at(1000), t.db)).toMatchObject({ username: 'leader' });
    });

    it('stores only the hash of the session token', async () => {
      const r = await attempt('leader', PASSWORD);
      if (!r.ok) throw new Error(r.message);
      const rows = await t.db.select().from(sessions);
      expect(rows.some((s) => s.tokenHash === hashSessionToken(r.token))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(r.token);
    });

    it('gives one answer for an unknown user and a wrong password, with the attempts left', async () => {
      const unknown = await attempt('nobody', 'whatever-password', { address: '10.9.9.9' });
      const wrong = await attempt('admin', 'wrong-password', { address: '10.9.9.9' });
      expect(unknown).toEqual({ ok: false, message: '用户名或密码错误（还可再试 4 次）' });
      expect(wrong).toEqual({ ok: false, message: '用户名或密码错误（还可再试 4 次）' });
    });

    it('refuses the sixth attempt for a user even with the right password, and says how long to wait', async () => {
      for (let i = 0; i < 5; i++) expect((await attempt('victim', `wrong-${i}-password`, { address: `10.1.0.${i}`, now: at(i * 1000) })).ok).toBe(false);
      const sixth = await attempt('victim', PASSWORD, { address: '10.1.0.99', now: at(60_000) });
      expect(sixth).toEqual({ ok: false, message: '该账号连续登录失败 5 次，已暂停登录，请 14 分钟后再试', retryAfterSeconds: 14 * 60 });
      // Once the window has moved past the failures, the right password works again.
      expect((await attempt('victim', PASSWORD, { address: '10.1.0.99', now: at(LOGIN_WINDOW_MS + 5000) })).ok).toBe(true);
    });

    it('counts guesses sent at the same moment, so a burst cannot slip past the limit', async () => {
      await account(t.db, 'burst', 'leader');
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('burst', `guess-${i}-password`, { address: `10.2.0.${i}` })));
      expect(results.filter((r) => !r.ok && r.message.startsWith('该账号连续登录失败')).length).toBe(3);
      expect((await attempt('burst', PASSWORD, { address: '10.2.0.99' })).ok).toBe(false);
    });

    it('stops an address that tries many usernames', async () => {
      for (let i = 0; i < 20; i++) await attempt(`spray${i}`, 'wrong-password-x', { address: '10.3.3.3' });
      const r = await attempt('sprayed', PASSWORD, { address: '10.3.3.3' });
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('本机登录失败次数过多') });
      expect((await attempt('sprayed', PASSWORD, { address: '10.3.3.4' })).ok).toBe(true);
    });

    it('clears a user’s failures after a successful login', async () => {
      await account(t.db, 'clumsy', 'leader');
      for (let i = 0; i < 4; i++) await attempt('clumsy', 'wrong-password-y', { address: '10.4.0.1' });
      expect((await attempt('clumsy', PASSWORD, { address: '10.4.0.1' })).ok).toBe(true);
      expect(await attempt('clumsy', 'wrong-password-y', { address: '10.4.0.1' })).toEqual({ ok: false, message: '用户名或密码错误（还可再试 4 次）' });
    });

    it('forgets attempts older than a day when someone signs in', async () => {
      await t.db.insert(loginAttempts).values({ username: 'long-ago', address: '10.9.0.1', createdAt: new Date(T0.getTime() - 2 * 86_400_000) });
      expect((await attempt('admin', PASSWORD, { address: '10.9.0.2' })).ok).toBe(true);
      expect(await t.db.select().from(loginAttempts).where(eq(loginAttempts.username, 'long-ago'))).toEqual([]);
    });

    it('refuses a disabled account with the same answer as a wrong password', async () => {
      await account(t.db, 'gone', 'leader');
      await setDisabled('gone', true, CLI, t.db);
      expect(await attempt('gone', PASSWORD, { address: '10.5.0.1' })).toEqual({ ok: false, message: '用户名或密码错误（还可再试 4 次）' });
    });
  });

  describe('sessions', () => {
    it('never keeps the session id presented with a login (fixation), and ends that one', async () => {
      const first = await attempt('xiaolvzhai', PASSWORD, { address: '10.6.0.1' });
      if (!first.ok) throw new Error(first.message);
      const presented = hashSessionToken(first.token);
      const second = await attempt('xiaolvzhai', PASSWORD, { address: '10.6.0.1', presented });
      if (!second.ok) throw new Error(second.message);
      expect(second.token).not.toBe(first.token);
      expect(await resolveSession(presented, T0, t.db)).toBeNull();
      expect(await resolveSession(hashSessionToken(second.token), T0, t.db)).not.toBeNull();
    });

    it('ends a session on logout, on the server', async () => {
      const r = await attempt('xiaolvzhai', PASSWORD, { address: '10.6.0.2' });
      if (!r.ok) throw new Error(r.message);
      const h = hashSessionToken(r.token);
      await endSession(h, t.db);
      expect(await resolveSession(h, T0, t.db)).toBeNull();
      expect(await t.db.select().from(sessions).where(eq(sessions.tokenHash, h))).toEqual([]);
    });

    it('expires after two idle hours and twelve hours in all, and deletes the row', async () => {
      const r = await attempt('admin', PASSWORD, { address: '10.6.0.3' });
      if (!r.ok) throw new Error(r.message);
      const h = hashSessionToken(r.token);
      // Used every hour: still alive at 11 hours …
      for (let hour = 1; hour <= 11; hour++) expect(await resolveSession(h, at(hour * 3600_000), t.db)).not.toBeNull();
      // … but not at 12.
      expect(await resolveSession(h, at(SESSION_ABSOLUTE_MS), t.db)).toBeNull();
      expect(await t.db.select().from(sessions).where(eq(sessions.tokenHash, h))).toEqual([]);

      const idle = await attempt('admin', PASSWORD, { address: '10.6.0.3' });
      if (!idle.ok) throw new Error(idle.message);
      expect(await resolveSession(hashSessionToken(idle.token), at(SESSION_IDLE_MS + 1), t.db)).toBeNull();
    });

    it('ends the other sessions of an account whose password changes, but not the one changing it', async () => {
      const a = await attempt('leader', PASSWORD, { address: '10.7.0.1' });
      const b = await attempt('leader', PASSWORD, { address: '10.7.0.2' });
      if (!a.ok || !b.ok) throw new Error('login failed');
      expect(await setPassword('leader', 'a brand new passphrase', { id: a.viewer.id, name: 'leader' }, { keepSession: hashSessionToken(a.token) }, t.db)).toMatchObject({ ok: true });
      expect(await resolveSession(hashSessionToken(a.token), T0, t.db)).not.toBeNull();
      expect(await resolveSession(hashSessionToken(b.token), T0, t.db)).toBeNull();
      expect((await attempt('leader', PASSWORD, { address: '10.7.0.3' })).ok).toBe(false);
      expect((await attempt('leader', 'a brand new passphrase', { address: '10.7.0.3' })).ok).toBe(true);
    });

    it('drops the sessions of an account that is disabled', async () => {
      await account(t.db, 'leaving', 'leader');
      const r = await attempt('leaving', PASSWORD, { address: '10.8.0.1' });
      if (!r.ok) throw new Error(r.message);
      await setDisabled('leaving', true, CLI, t.db);
      expect(await resolveSession(hashSessionToken(r.token), T0, t.db)).toBeNull();
    });
  });
});
