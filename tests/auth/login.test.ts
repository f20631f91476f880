import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashSessionToken } from '@/lib/auth/token';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@/lib/auth/session-policy';
import { BUSY, login, verifyCurrentPassword } from '@/db/login';
import { PASSWORD_QUEUE, PASSWORD_SLOTS, passwordSlots } from '@/lib/auth/slots';
import { auditLog, loginAttempts, sessions } from '@/db/schema';
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

    it('gives one answer for an unknown user and a wrong password', async () => {
      const unknown = await attempt('nobody', 'whatever-password', { address: '10.9.9.9' });
      const wrong = await attempt('admin', 'wrong-password', { address: '10.9.9.8' });
      expect(unknown).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
      expect(wrong).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
    });

    it('slows guesses from one address with growing waits instead of locking the account', async () => {
      const from = (ms: number, password = 'wrong-password-v') => attempt('victim', password, { address: '10.1.0.1', now: at(ms) });
      expect(await from(0)).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
      expect(await from(1000)).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
      // The third failure starts a 1 s wait, and says so.
      expect(await from(2000)).toEqual({ ok: false, message: '用户名或密码错误；请 1 秒后再试', retryAfterSeconds: 1, reason: 'wrong' });
      // Too soon: refused before the password is looked at, even the right one, and not counted.
      expect(await from(2500, PASSWORD)).toMatchObject({ ok: false, retryAfterSeconds: 1, message: expect.stringContaining('请 1 秒后再试') });
      expect(await from(3000)).toMatchObject({ ok: false, message: '用户名或密码错误；请 2 秒后再试', reason: 'wrong' });
      expect(await from(5000)).toMatchObject({ ok: false, message: '用户名或密码错误；请 4 秒后再试', reason: 'wrong' });
      // Meanwhile the same account from another address is not slowed at all …
      expect((await attempt('victim', PASSWORD, { address: '10.1.0.2', now: at(5500) })).ok).toBe(true);
      // … and from the guessing address the right password works once the wait is over.
      expect((await from(9000, PASSWORD)).ok).toBe(true);
    });

    it('cannot keep an account locked: failures from everywhere cost its owner at most a minute, none from a known address', async () => {
      await account(t.db, 'target', 'leader');
      // The owner signed in from the office once.
      expect((await attempt('target', PASSWORD, { address: '10.20.0.1', now: at(-3600_000) })).ok).toBe(true);
      // An attacker spreads guesses over 30 addresses, each sent as soon as the account's wait allows.
      for (let i = 0; i < 30; i++) await attempt('target', `guess-${i}-password`, { address: `10.21.0.${i}`, now: at(i * 61_000) });
      const lastGuess = 29 * 61_000;
      // From a new address: a bounded wait (the cap of the per-account key), then in.
      expect(await attempt('target', PASSWORD, { address: '10.22.0.1', now: at(lastGuess + 20) })).toMatchObject({ ok: false, retryAfterSeconds: 60 });
      // From the office, where the owner signed in before: straight in, wait or no wait.
      expect((await attempt('target', PASSWORD, { address: '10.20.0.1', now: at(lastGuess + 30) })).ok).toBe(true);
      expect((await attempt('target', PASSWORD, { address: '10.22.0.1', now: at(lastGuess + 60_000) })).ok).toBe(true);
    });

    it('counts guesses sent at the same moment, so a burst cannot slip past the allowance', async () => {
      await account(t.db, 'burst', 'leader');
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('burst', `guess-${i}-password`, { address: '10.2.0.1' })));
      // Three are checked (the allowance); the other five find a wait started and are refused unchecked.
      expect(results.filter((r) => !r.ok && r.message.startsWith('用户名或密码错误')).length).toBe(3);
      expect(results.filter((r) => !r.ok && r.message.startsWith('该账号密码错误次数较多')).length).toBe(5);
    });

    it('slows an address that tries many usernames', async () => {
      for (let i = 0; i < 20; i++) await attempt(`spray${i}`, 'wrong-password-x', { address: '10.3.3.3' });
      const r = await attempt('sprayed', PASSWORD, { address: '10.3.3.3' });
      expect(r).toMatchObject({ ok: false, message: '本机登录失败次数过多，请 1 秒后再试', reason: 'throttled', scope: 'address' });
      expect((await attempt('sprayed', PASSWORD, { address: '10.3.3.4' })).ok).toBe(true);
    });

    it('clears a user’s failures from an address after a successful login there', async () => {
      await account(t.db, 'clumsy', 'leader');
      for (let i = 0; i < 2; i++) await attempt('clumsy', 'wrong-password-y', { address: '10.4.0.1' });
      expect((await attempt('clumsy', PASSWORD, { address: '10.4.0.1' })).ok).toBe(true);
      expect(await attempt('clumsy', 'wrong-password-y', { address: '10.4.0.1' })).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
    });

    it('forgets failures older than a day when someone signs in', async () => {
      await t.db.insert(loginAttempts).values({ username: 'long-ago', address: '10.9.0.1', createdAt: new Date(T0.getTime() - 2 * 86_400_000) });
      expect((await attempt('admin', PASSWORD, { address: '10.9.0.2' })).ok).toBe(true);
      expect(await t.db.select().from(loginAttempts).where(eq(loginAttempts.username, 'long-ago'))).toEqual([]);
    });

    it('records logins, failed logins and throttled attempts in the audit log with the address', async () => {
      await account(t.db, 'audited', 'leader');
      const A = '10.30.0.1';
      const T = at(7 * 3600_000);
      const after = (ms: number) => new Date(T.getTime() + ms);
      for (let i = 0; i < 3; i++) await attempt('audited', 'wrong-password-z', { address: A, now: after(i) });
      await attempt('audited', PASSWORD, { address: A, now: after(10) });
      expect((await attempt('audited', PASSWORD, { address: A, now: after(2000) })).ok).toBe(true);
      const rows = (await t.db.select().from(auditLog).where(eq(auditLog.targetUsername, 'audited')).orderBy(auditLog.id)).map((r) => [r.action, r.actor, r.address, r.after]);
      expect(rows).toEqual([
        ['user.create', 'test', null, expect.anything()],
        ['auth.login_failed', 'anonymous', A, { username: 'audited', via: 'login' }],
        ['auth.login_failed', 'anonymous', A, { username: 'audited', via: 'login' }],
        ['auth.login_failed', 'anonymous', A, { username: 'audited', via: 'login', delaySeconds: 1 }],
        ['auth.login', 'audited', A, null],
      ]);
      const throttled = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.throttled'));
      expect(throttled.map((r) => [r.address, r.after])).toContainEqual([A, { username: 'audited', via: 'login', scope: 'pair', retryAfterSeconds: 1 }]);
    });

    it('counts wrong current passwords of a password change toward the same limit as logins', async () => {
      const who = await account(t.db, 'changer', 'leader');
      const A = '10.31.0.1';
      const T = at(8 * 3600_000);
      const after = (ms: number) => new Date(T.getTime() + ms);
      expect(await verifyCurrentPassword(who, 'not-my-password', A, after(0), t.db)).toEqual({ ok: false, message: '当前密码不正确', reason: 'wrong' });
      expect(await verifyCurrentPassword(who, 'not-my-password', A, after(1), t.db)).toEqual({ ok: false, message: '当前密码不正确', reason: 'wrong' });
      expect(await verifyCurrentPassword(who, 'not-my-password', A, after(2), t.db)).toEqual({ ok: false, message: '当前密码不正确；请 1 秒后再试', retryAfterSeconds: 1, reason: 'wrong' });
      // The guesses through the form slow a login from that address, and the form itself, alike.
      expect(await attempt('changer', PASSWORD, { address: A, now: after(10) })).toMatchObject({ ok: false, retryAfterSeconds: 1 });
      expect(await verifyCurrentPassword(who, PASSWORD, A, after(20), t.db)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
      expect(await verifyCurrentPassword(who, PASSWORD, A, after(1100), t.db)).toEqual({ ok: true });
      const failed = await t.db.select().from(auditLog).where(eq(auditLog.targetUsername, 'changer'));
      expect(failed.filter((r) => r.action === 'auth.login_failed').map((r) => (r.after as { via: string }).via)).toEqual(['password-change', 'password-change', 'password-change']);
    });

    it('answers “busy” at once, without touching the database, when the password queue is full', async () => {
      const slots = passwordSlots();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const blockers = Array.from({ length: PASSWORD_SLOTS + PASSWORD_QUEUE }, () => slots.run(() => held));
      try {
        expect(slots.full).toBe(true);
        const before = (await t.db.select().from(loginAttempts)).length;
        expect(await attempt('admin', PASSWORD, { address: '10.32.0.1' })).toEqual({ ok: false, busy: true, retryAfterSeconds: 1, message: BUSY, reason: 'busy' });
        expect((await t.db.select().from(loginAttempts)).length).toBe(before);
      } finally {
        release();
        await Promise.all(blockers);
      }
      expect((await attempt('admin', PASSWORD, { address: '10.32.0.1' })).ok).toBe(true);
    });

    it('refuses a disabled account with the same answer as a wrong password', async () => {
      await account(t.db, 'gone', 'leader');
      await setDisabled('gone', true, CLI, t.db);
      expect(await attempt('gone', PASSWORD, { address: '10.5.0.1' })).toEqual({ ok: false, message: '用户名或密码错误', reason: 'wrong' });
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
