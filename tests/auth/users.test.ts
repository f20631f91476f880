import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, users } from '@/db/schema';
import { createUser, listUsers, setDisabled, setPassword } from '@/db/users';
import { account, CLI, backends, openTestDb, PASSWORD, seedRound, type TestDb } from './db-helpers';

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedRound(t.db);
  });
  afterAll(() => t.close());

  describe('managing accounts', () => {
    it('creates a department account tied to its department, and logs it without the password', async () => {
      const v = await account(t.db, 'xiaolvzhai', 'department', 'xiaolvzhai');
      expect(v).toMatchObject({ role: 'department', departmentCode: 'xiaolvzhai', departmentName: '小吕寨镇人民政府' });
      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.targetUsername, 'xiaolvzhai'));
      expect(row).toMatchObject({ action: 'user.create', actor: 'test', departmentCode: 'xiaolvzhai' });
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      const [u] = await t.db.select().from(users).where(eq(users.username, 'xiaolvzhai'));
      expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('lists every broken rule at once', async () => {
      const r = await createUser({ username: 'A B', password: 'short', role: 'boss' }, CLI, t.db);
      expect(r).toEqual({
        ok: false,
        message:
          '用户名须为 2–32 位小写字母、数字、点、下划线或连字符，并以字母或数字开头；角色“boss”无效：只能是 admin（财政局）、leader（领导）、department（部门）或 reviewer（评审专家）；密码至少 10 个字符（现为 5 个）',
      });
    });

    it('requires a department for a department account and refuses one for the others', async () => {
      expect(await createUser({ username: 'dept-x', password: PASSWORD, role: 'department' }, CLI, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('--department') });
      expect(await createUser({ username: 'lead-x', password: PASSWORD, role: 'leader', departmentCode: 'xiaolvzhai' }, CLI, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('领导账号不要指定部门'),
      });
    });

    it('names the department code that does not exist', async () => {
      expect(await createUser({ username: 'ghost', password: PASSWORD, role: 'department', departmentCode: 'nowhere' }, CLI, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('没有代码为 nowhere 的部门'),
      });
    });

    it('refuses a username that is taken, whatever its case', async () => {
      await account(t.db, 'boss', 'admin');
      expect(await createUser({ username: 'BOSS', password: PASSWORD, role: 'admin' }, CLI, t.db)).toEqual({ ok: false, message: '用户名 boss 已被使用' });
    });

    it('will not disable the last active admin, but will once there is another', async () => {
      expect(await setDisabled('boss', true, CLI, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('唯一可用') });
      await account(t.db, 'boss2', 'admin');
      expect(await setDisabled('boss', true, CLI, t.db)).toMatchObject({ ok: true });
      const listed = await listUsers(t.db);
      expect(listed.find((u) => u.username === 'boss')).toMatchObject({ disabled: true, role: 'admin' });
      expect(await setDisabled('boss', false, CLI, t.db)).toMatchObject({ ok: true });
    });

    it('checks a new password against the same rules', async () => {
      expect(await setPassword('boss', 'boss-is-here-1', CLI, {}, t.db)).toEqual({ ok: false, message: '密码不能包含用户名' });
      expect(await setPassword('nobody', 'long enough pw', CLI, {}, t.db)).toEqual({ ok: false, message: '没有用户 nobody' });
    });
  });
});
