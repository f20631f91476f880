import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { seedDemo } from '@/db/demo';
import { DEMO_ACCOUNTS, ensureFirstAccounts, FIRST_ADMIN_HINT } from '@/db/first-accounts';
import { login } from '@/db/login';
import { users } from '@/db/schema';
import { createUser } from '@/db/users';
import { backends, openTestDb, type TestDb } from './db-helpers';

describe.each(backends)('first accounts on %s', (backend) => {
  let demo: TestDb;
  let prod: TestDb;
  beforeAll(async () => {
    [demo, prod] = await Promise.all([openTestDb(backend), openTestDb(backend)]);
    await seedDemo(demo.db);
  });
  afterAll(async () => {
    await demo?.close();
    await prod?.close();
  });

  it('the demo start creates one account per role, each signing in with the README password', async () => {
    const log: string[] = [];
    await ensureFirstAccounts(demo.db, { demo: true, announce: true, log: (l) => log.push(l) });
    expect(DEMO_ACCOUNTS.map((a) => [a.username, a.password, a.role])).toEqual([
      ['admin', 'demo-caizheng-2021', 'admin'],
      ['leader', 'demo-lingdao-2021', 'leader'],
      ['xiaolvzhai', 'demo-bumen-2021', 'department'],
      ['pingshen1', 'demo-pingshen-2021', 'reviewer'],
      ['pingshen2', 'demo-pingshen-2022', 'reviewer'],
    ]);
    for (const a of DEMO_ACCOUNTS) {
      const r = await login({ username: a.username, password: a.password, address: 'first-accounts' }, new Date(), demo.db);
      expect(r).toMatchObject({ ok: true, viewer: { role: a.role } });
    }
    expect(log).toEqual(['示例模式：已创建 5 个示例账号（admin、leader、xiaolvzhai、pingshen1、pingshen2），密码见 README']);
  });

  it('a second demo start adds nothing', async () => {
    await ensureFirstAccounts(demo.db, { demo: true, announce: false });
    expect((await demo.db.select({ n: count() }).from(users))[0]!.n).toBe(5);
  });

  it('a production start creates no account and says how to add the first admin', async () => {
    const log: string[] = [];
    await ensureFirstAccounts(prod.db, { demo: false, announce: true, log: (l) => log.push(l) });
    expect((await prod.db.select({ n: count() }).from(users))[0]!.n).toBe(0);
    expect(log).toEqual([FIRST_ADMIN_HINT]);
    expect(FIRST_ADMIN_HINT).toContain('npm run user -- add --role admin --username');
  });

  it('once an admin exists, a production start is silent', async () => {
    await createUser({ username: 'boss', password: 'a long admin passphrase', role: 'admin' }, { id: null, name: 'test' }, prod.db);
    const log: string[] = [];
    await ensureFirstAccounts(prod.db, { demo: false, announce: true, log: (l) => log.push(l) });
    expect(log).toEqual([]);
  });
});
