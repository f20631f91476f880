import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '@/lib/interchange/xlsx';
import { scoresToJson } from '@/lib/scoring';
import { main as exportMain } from '@/scripts/cli/export';
import { main as importMain } from '@/scripts/cli/import';
import type { Main } from '@/scripts/cli/io';
import { main as scoreMain } from '@/scripts/cli/score';
import { main as templateMain } from '@/scripts/cli/template';
import { runMain } from '@/tests/cli/run';
import { openDb, type DbHandle } from '../client';
import { getRoundScores } from '../queries';
import { scoresOfFile, seedCohort } from './fixtures';
import { backends, openTestDb, type Backend, type TestDb } from './setup';

describe.each(backends)('npm run import / template / export on %s', (backend: Backend) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-cli-'));
  const dataDir = path.join(tmp, 'pglite');
  const file = (name: string) => path.join(tmp, name);
  let t: TestDb | undefined;

  beforeAll(async () => {
    if (backend === 'postgres') t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const mains: Record<string, Main> = { import: importMain, export: exportMain, score: scoreMain, template: templateMain };
  /**
   * Runs one of the npm scripts in-process, the way a user does, against this file's own database
   * named by the environment (scripts/smoke.test.ts runs each as a real process once).
   */
  function cli(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = t?.url ? { DATABASE_URL: t.url } : { DATA_DIR: dataDir };
    // Through a slow reader, as `… | jq` on a busy machine: the output must still arrive whole.
    return runMain(mains[script]!, args, { env, slow: true });
  }

  /** Opens the database the commands wrote to (after they exited, so PGlite's folder is free). */
  async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
    if (t) return fn(t);
    const h = await openDb({ dataDir });
    try {
      return await fn(h);
    } finally {
      await h.close();
    }
  }

  describe('commands', () => {
    it('bad input exits 2, prints every problem on its own line, and stores nothing', async () => {
      const bad = structuredClone(seedCohort);
      const d = bad.departments[0] as { inputs: Record<string, unknown>; judgements: Record<string, unknown> };
      d.inputs.budget = '18.8841.4';
      d.judgements.duty_completion = 11;
      fs.writeFileSync(file('bad.json'), JSON.stringify(bad));
      const r = await cli('import', '--round', '2021', '--system', 'julu-2021', '--input', file('bad.json'));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        '单位 xiaolvzhai · 预算数（万元）：预算数不是有效的数字：“18.8841.4”  [inputs.budget]',
        '单位 xiaolvzhai · 履职完成情况（0–10 分）：评分 11 超出 0–10  [judgements.duty_completion]',
        '导入未完成：共 2 个问题，数据库未作任何改动',
      ]);
      const exported = await cli('export', '--round', '2021', '--out', file('none.json'));
      expect(exported).toMatchObject({ code: 2, stderr: '评价轮次 2021 不存在\n' });
    });

    it('import, template with data, import of the filled template into another round: identical scores', async () => {
      fs.writeFileSync(file('seed.json'), JSON.stringify(seedCohort));
      const first = await cli('import', '--round', '2021', '--system', 'julu-2021', '--input', file('seed.json'));
      expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('已导入评价轮次 2021（新建）：1 个单位') });

      const template = await cli('template', '--round', '2021', '--with-data', '--out', file('2021.xlsx'));
      expect(template.code).toBe(0);
      const read = await readWorkbook(fs.readFileSync(file('2021.xlsx')));
      expect(read.ok && read.source.rows.map((r) => r.cells.code)).toEqual(['xiaolvzhai']);

      const second = await cli('import', '--round', '2022', '--system', 'julu-2021', '--year', '2022', '--input', file('2021.xlsx'));
      expect(second.code).toBe(0);
      // `score --round` prints what `score` prints for the file itself.
      const ofFile = await cli('score', '--input', file('seed.json'));
      const ofRound = await cli('score', '--round', '2022');
      expect(ofRound.code).toBe(0);
      expect(JSON.parse(ofRound.stdout)).toEqual(JSON.parse(ofFile.stdout));
      await withDb(async ({ db }) => {
        for (const slug of ['2021', '2022']) {
          expect(scoresToJson((await getRoundScores(slug, {}, db))!.scores, { explain: true })).toEqual(scoresOfFile(seedCohort));
        }
      });
    });

    it('an exported round re-imports with the same departments and figures', async () => {
      expect((await cli('export', '--round', '2021', '--out', file('export.json'), '--system-out', file('system.json'))).code).toBe(0);
      expect((await cli('import', '--round', 'copy', '--system', file('system.json'), '--input', file('export.json'))).code).toBe(0);
      expect((await cli('export', '--round', 'copy', '--out', file('copy.json'))).code).toBe(0);
      expect(JSON.parse(fs.readFileSync(file('copy.json'), 'utf8'))).toEqual(JSON.parse(fs.readFileSync(file('export.json'), 'utf8')));
    });

    it.skipIf(backend === 'postgres')('a data folder held by the running app is refused with what to do instead', async () => {
      const app = await openDb({ dataDir });
      try {
        const r = await cli('export', '--round', '2021', '--out', file('busy.json'));
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`正被进程 ${process.pid} 使用：请先停止应用，或改用网页上传 / 设置 DATABASE_URL`);
      } finally {
        await app.close();
      }
    });
  });
});
