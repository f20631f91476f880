import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { importCohort } from '@/db/import';
import { login } from '@/db/login';
import { auditLog } from '@/db/schema';
import { seedCohort } from '@/db/__tests__/fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-user-cli-'));
const dataDir = path.join(tmp, 'pglite');

/** `npm run user -- …` as an operator types it, against this file's own database (no terminal: passwords are generated). */
function user(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SCORECARD_DEMO: '' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(path.join('node_modules', '.bin', 'tsx'), [path.join('scripts', 'user.ts'), ...args], { env, cwd: process.cwd() }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<T>): Promise<T> {
  const h = await openDb({ dataDir });
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

beforeAll(async () => {
  await withDb(async (db) => {
    const r = await importCohort({ roundSlug: '2021', system: 'julu-2021', source: { kind: 'cohort', json: seedCohort }, actor: 'test' }, db);
    if (!r.ok) throw new Error('seed import failed');
  });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Each command is a fresh tsx process opening the database: slow on a busy 2-core machine.
describe('npm run user', { timeout: 240_000 }, () => {
  it('adds the first admin with a given password, and says so', async () => {
    const r = await user('add', '--role', 'admin', '--username', 'Caizheng', '--password', 'first admin passphrase');
    expect(r).toMatchObject({ code: 0, stdout: '已新增财政局账号 caizheng\n' });
  });

  it('generates a password for a department account when none is given, printed once, that signs in', async () => {
    const r = await user('add', '--role', 'department', '--department', 'xiaolvzhai', '--username', 'xiaolvzhai');
    expect(r.code).toBe(0);
    const m = r.stdout.match(/初始密码（只显示这一次，请转交本人并提醒登录后修改）：(\S+)\n$/);
    expect(m).not.toBeNull();
    await withDb(async (db) => {
      const signed = await login({ username: 'xiaolvzhai', password: m![1]!, address: 'cli-test' }, new Date(), db);
      expect(signed).toMatchObject({ ok: true, viewer: { role: 'department', departmentCode: 'xiaolvzhai' } });
    });
  });

  it('refuses bad input with exit status 2 and the reason, creating nothing', async () => {
    const r = await user('add', '--role', 'department', '--username', 'ghost', '--password', 'long enough password');
    expect(r).toMatchObject({ code: 2, stderr: '部门账号须指定所属部门（--department 部门代码）\n' });
    expect((await user('add', '--username', 'x')).stderr).toContain('缺少 --role');
    expect((await user('frobnicate')).code).toBe(2);
  });

  it('lists, changes a password, disables and enables, each written to the audit log as the command line', async () => {
    expect((await user('passwd', '--username', 'xiaolvzhai', '--password', 'a new passphrase here')).stdout).toContain('已修改 xiaolvzhai 的密码');
    expect((await user('disable', '--username', 'xiaolvzhai')).stdout).toContain('已停用 xiaolvzhai');
    const list = await user('list');
    expect(list.stdout.split('\n').filter(Boolean)).toEqual(['caizheng\tadmin（财政局）\t\t可用', 'xiaolvzhai\tdepartment（部门）\txiaolvzhai（小吕寨镇人民政府）\t已停用']);
    expect((await user('disable', '--username', 'caizheng')).stderr).toContain('唯一可用的财政局管理员账号');
    expect((await user('enable', '--username', 'xiaolvzhai')).code).toBe(0);
    const actions = await withDb(async (db) => (await db.select().from(auditLog)).filter((e) => e.actor.startsWith('cli:')).map((e) => [e.action, e.targetUsername]));
    expect(actions).toEqual([
      ['user.create', 'caizheng'],
      ['user.create', 'xiaolvzhai'],
      ['user.password', 'xiaolvzhai'],
      ['user.disable', 'xiaolvzhai'],
      ['user.enable', 'xiaolvzhai'],
    ]);
  });
});
