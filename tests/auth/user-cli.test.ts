import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { importCohort } from '@/db/import';
import { login } from '@/db/login';
import { auditLog } from '@/db/schema';
import { seedCohort } from '@/db/__tests__/fixtures';
import { main as userMain } from '@/scripts/cli/user';
import { runMain } from '@/tests/cli/run';

let h: DbHandle;

/**
 * `npm run user -- …` as an operator types it, run in-process against this file's own database (no
 * terminal: passwords are generated). scripts/smoke.test.ts runs the command once as a process.
 */
function user(...args: string[]) {
  return runMain(userMain, args, { db: h });
}

beforeAll(async () => {
  h = await openDb();
  const r = await importCohort({ roundSlug: '2021', system: 'julu-2021', source: { kind: 'cohort', json: seedCohort }, actor: 'test' }, h.db);
  if (!r.ok) throw new Error('seed import failed');
});
afterAll(() => h.close());

describe('npm run user', () => {
  it('adds the first admin with a given password, and says so', async () => {
    const r = await user('add', '--role', 'admin', '--username', 'Caizheng', '--password', 'first admin passphrase');
    expect(r).toMatchObject({ code: 0, stdout: '已新增财政局账号 caizheng\n' });
  });

  it('generates a password for a department account when none is given, printed once, that signs in', async () => {
    const r = await user('add', '--role', 'department', '--department', 'xiaolvzhai', '--username', 'xiaolvzhai');
    expect(r.code).toBe(0);
    const m = r.stdout.match(/初始密码（只显示这一次，请转交本人并提醒登录后修改）：(\S+)\n$/);
    expect(m).not.toBeNull();
    const signed = await login({ username: 'xiaolvzhai', password: m![1]!, address: 'cli-test' }, new Date(), h.db);
    expect(signed).toMatchObject({ ok: true, viewer: { role: 'department', departmentCode: 'xiaolvzhai' } });
  });

  it('refuses bad input with exit status 2 and the reason, creating nothing', async () => {
    const r = await user('add', '--role', 'department', '--username', 'ghost', '--password', 'long enough password');
    expect(r).toMatchObject({ code: 2, stderr: '部门账号须指定所属部门（--department 部门代码）\n' });
    expect((await user('add', '--username', 'x')).stderr).toContain('缺少 --role');
    expect((await user('frobnicate')).code).toBe(2);
  });

  it('an unknown option is one line and status 2, not a stack trace', async () => {
    const r = await user('list', '--colour');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--colour');
  });

  it('lists, changes a password, disables and enables, each written to the audit log as the command line', async () => {
    expect((await user('passwd', '--username', 'xiaolvzhai', '--password', 'a new passphrase here')).stdout).toContain('已修改 xiaolvzhai 的密码');
    expect((await user('disable', '--username', 'xiaolvzhai')).stdout).toContain('已停用 xiaolvzhai');
    const list = await user('list');
    expect(list.stdout.split('\n').filter(Boolean)).toEqual(['caizheng\tadmin（财政局）\t\t可用', 'xiaolvzhai\tdepartment（部门）\txiaolvzhai（小吕寨镇人民政府）\t已停用']);
    expect((await user('disable', '--username', 'caizheng')).stderr).toContain('唯一可用的财政局管理员账号');
    expect((await user('enable', '--username', 'xiaolvzhai')).code).toBe(0);
    const actions = (await h.db.select().from(auditLog)).filter((e) => e.actor.startsWith('cli:')).map((e) => [e.action, e.targetUsername]);
    expect(actions).toEqual([
      ['user.create', 'caizheng'],
      ['user.create', 'xiaolvzhai'],
      ['user.password', 'xiaolvzhai'],
      ['user.disable', 'xiaolvzhai'],
      ['user.enable', 'xiaolvzhai'],
    ]);
  });

  it('a database that fails is one clear line and status 2, never a stack trace', async () => {
    const gone = await openDb();
    await gone.close();
    const r = await runMain(userMain, ['list'], { db: gone });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^数据库操作失败，账号未作任何改动：.+（设置 SCORECARD_DEBUG=1 可看到详细信息）$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
