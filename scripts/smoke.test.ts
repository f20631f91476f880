import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mixedCohort } from '@/db/__tests__/fixtures';
import { runMain, spawnSlowly } from '@/tests/cli/run';
import { main as scoreMain } from './cli/score';

/**
 * Each command once as a real process (`tsx scripts/<command>.ts`), its stdout a pipe that is not
 * read for 1.5 s and then slowly: the output must arrive whole and the exit status be right. (Until
 * issue 10, `score` called process.exit right after writing, and a pipe got 64 KiB of it.) Every
 * other CLI test runs the commands in-process.
 */
describe('every command as a process, read slowly through a pipe', { timeout: 120_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-smoke-'));
  const file = (name: string) => path.join(tmp, name);
  const env = { DATA_DIR: file('pglite'), DATABASE_URL: '' };
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(file('cohort.json'), JSON.stringify(mixedCohort(30)));

  it('score: the whole Scores JSON (far more than a pipe holds), exit 0', async () => {
    const r = await spawnSlowly('score', ['--input', file('cohort.json'), '--explain']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    const inProcess = await runMain(scoreMain, ['--input', file('cohort.json'), '--explain']);
    expect(r.stdout).toBe(inProcess.stdout);
    expect(JSON.parse(r.stdout).departments).toHaveLength(31);
  });

  it('import, export, template, backup and restore: complete output and files', async () => {
    const imported = await spawnSlowly('import', ['--round', '2021', '--system', 'julu-2021', '--input', file('cohort.json')], env);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^已导入评价轮次 2021（新建）：31 个单位（新增 31 个），评价人评分 \d+ 项\n$/) });

    const exported = await spawnSlowly('export', ['--round', '2021', '--out', '-'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'dept-scorecard/cohort@1', departments: expect.any(Array) });
    expect(JSON.parse(exported.stdout).departments).toHaveLength(31);

    const template = await spawnSlowly('template', ['--round', '2021', '--with-data', '--out', file('2021.xlsx')], env);
    expect(template).toMatchObject({ code: 0, stdout: `已写出模板 ${file('2021.xlsx')}\n` });
    expect(fs.readFileSync(file('2021.xlsx')).subarray(0, 2).toString()).toBe('PK');

    const backup = await spawnSlowly('backup', ['--out', '-'], env);
    expect(backup.code).toBe(0);
    const lines = backup.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ format: 'dept-scorecard/backup@1' });
    expect(lines.at(-1)).toMatchObject({ end: true, rows: lines.length - 2 - (lines[0]!.tables as unknown[]).length });
    fs.writeFileSync(file('backup.ndjson'), backup.stdout);

    const restored = await spawnSlowly('restore', ['--in', file('backup.ndjson')], { DATA_DIR: file('restored'), DATABASE_URL: '' });
    expect(restored).toMatchObject({ code: 0, stdout: `已恢复 ${(lines[0]!.tables as unknown[]).length} 个数据表、${lines.at(-1)!.rows} 行\n` });
  });

  it('db:migrate and user: their lines and exit status', async () => {
    const migrated = await spawnSlowly('db-migrate', [], env);
    expect(migrated).toMatchObject({ code: 0, stdout: `数据库已是最新结构（PGlite：${file('pglite')}）\n` });
    const added = await spawnSlowly('user', ['add', '--role', 'leader', '--username', 'lingdao', '--password', 'a leader passphrase'], env);
    expect(added).toMatchObject({ code: 0, stdout: '已新增领导账号 lingdao\n', stderr: '' });
  });
});
