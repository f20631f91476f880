import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../client';
import { seedDemo } from '../demo';
import { importCohort } from '../import';
import { ENGINE_VERSION } from '@/lib/scoring';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../first-accounts';
import { getDepartmentHistory, getPublishedScores, getRoundScores, listRounds, listSubmissionVersions } from '../queries';
import { databaseState, expectOk, seedCohort } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';

describe.each(backends)('demo data on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an empty database gets the 2020 and 2021 demo rounds, once', async () => {
    expect(await seedDemo(t.db)).toBe(true);
    expect((await listRounds(t.db)).map((r) => [r.slug, r.name, r.status])).toEqual([
      ['2021', '2021年度部门整体支出绩效评价', 'collecting'],
      ['2020', '2020年度部门整体支出绩效评价', 'published'],
    ]);
    const before = await databaseState(t.db);
    expect(await seedDemo(t.db)).toBe(false);
    expect(await databaseState(t.db)).toEqual(before);
  });

  it('the 2021 round holds 小吕寨镇 and twenty units marked 示例 in two groups', async () => {
    const { departments, round } = (await getRoundScores('2021', {}, t.db))!;
    expect(round).toMatchObject({ year: 2021, systemId: 'julu-2021', policy: 'cohort-in-band' });
    expect(departments).toHaveLength(21);
    expect(new Set(departments.map((d) => d.group))).toEqual(new Set(['乡镇', '县直部门']));
    const seed = departments.find((d) => d.code === 'xiaolvzhai')!;
    expect(seed).toMatchObject({ name: '小吕寨镇人民政府', group: '乡镇' });
    for (const d of departments) if (d !== seed) expect(d.name).toContain('示例');
  });

  it('every view has something to show: bands, a tie, not applicable, ∞, self-score gaps, all grades', async () => {
    const { scores, departments } = (await getRoundScores('2021', {}, t.db))!;
    const all = scores.departments;
    const byStatus = (leaf: string, status: string) => all.filter((d) => d.indicators[leaf]!.status === status);
    const bandedInBand = ['staff_control', 'three_public_change', 'key_spending', 'budget_completion', 'budget_adjustment', 'carryover', 'public_expense_control', 'fixed_asset_utilization'];
    for (const leaf of bandedInBand) expect(byStatus(leaf, 'interpolated').length, leaf).toBeGreaterThanOrEqual(2);
    expect(byStatus('project_quality', 'fallback').length).toBeGreaterThanOrEqual(1);

    const tied = all.filter((d) => d.tied);
    expect(tied.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tied.map((d) => `${d.group}:${d.total.toFixed(2)}:${d.rank}`)).size).toBeLessThan(tied.length);

    for (const leaf of ['procurement_execution', 'key_spending', 'project_quality', 'three_public_change']) {
      expect(byStatus(leaf, 'not_applicable').length, leaf).toBeGreaterThanOrEqual(1);
    }
    expect(all.filter((d) => d.indicators.three_public_change!.value?.kind === 'infinite').length).toBeGreaterThanOrEqual(2);

    const withSelf = all.filter((d) => d.selfTotal !== undefined);
    expect(withSelf.length).toBeGreaterThanOrEqual(10);
    expect(withSelf.filter((d) => !d.selfTotalDiff!.isZero()).length).toBeGreaterThanOrEqual(8);

    expect(new Set(departments.map((d) => d.grades.satisfaction))).toEqual(new Set(['优秀', '良好', '合格', '不合格']));
    expect(departments.filter((d) => Object.values(d.checklists).some((items) => items.includes(false))).length).toBeGreaterThanOrEqual(8);
  });

  it('2020 is published, so department pages have a history of frozen figures', async () => {
    const history = await getDepartmentHistory('demo-guanting', t.db);
    expect(history.map((h) => h.year)).toEqual([2020]);
    expect((await getDepartmentHistory('xiaolvzhai', t.db)).map((h) => h.roundSlug)).toEqual(['2020']);
    const published = await getPublishedScores('2020', undefined, t.db);
    expect(published!.publication).toMatchObject({ number: 1, publishedBy: 'demo', engineVersion: ENGINE_VERSION });
    expect(published!.scores.departments.find((d) => d.code === 'demo-guanting')!.total.toFixed(2)).toBe(history[0]!.total);
  });

  it('the demo accounts bring a panel to 2021: one unit combined from two reviewers with a flagged spread, one still pending', async () => {
    expect(await seedDemoAccounts(t.db)).toBe(DEMO_ACCOUNTS.length);
    const { scores } = (await getRoundScores('2021', {}, t.db))!;
    const guanting = scores.departments.find((d) => d.code === 'demo-guanting')!;
    expect(guanting.indicators.ecological_benefit!.score.toFixed(2)).toBe('3.75');
    expect(guanting.indicators.ecological_benefit!.explanation).toMatchObject({ rule: 'judgement', panel: { flagged: true, spread: '1.50' } });
    const xiguocheng = scores.departments.find((d) => d.code === 'demo-xiguocheng')!;
    expect(xiguocheng.provisional).toBe(true);
    expect(xiguocheng.indicators.duty_completion!.status).toBe('pending');
  });

  it('one demo department has a corrected second version', async () => {
    expect((await listSubmissionVersions('2021', 'demo-guanting', t.db)).map((v) => [v.version, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe.each(backends)('demo mode at start on %s', (backend) => {
  let t: TestDb;
  const saved = { ...process.env };
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    process.env = saved;
    await closeDb();
    await t?.close();
  });

  it('a database that already holds a round gets no demo data', async () => {
    expectOk(await importCohort({ roundSlug: '2019', system: 'julu-2021', source: { kind: 'cohort', json: seedCohort }, actor: 'admin' }, t.db));
    expect(await seedDemo(t.db)).toBe(false);
    expect((await listRounds(t.db)).map((r) => r.slug)).toEqual(['2019']);
  });

  it('with SCORECARD_DEMO=1 the app database is seeded when first opened', async () => {
    // The app's own handle, configured from the environment as at start-up.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-demo-'));
    process.env.SCORECARD_DEMO = '1';
    if (backend === 'postgres') {
      const fresh = await openTestDb(backend);
      process.env.DATABASE_URL = fresh.url!;
      try {
        expect((await listRounds(await getDb())).map((r) => r.slug)).toEqual(['2021', '2020']);
      } finally {
        await closeDb();
        await fresh.close();
      }
    } else {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = path.join(dataDir, 'pglite');
      expect((await listRounds(await getDb())).map((r) => r.slug)).toEqual(['2021', '2020']);
      await closeDb();
      expect(fs.existsSync(`${process.env.DATA_DIR}.lock`)).toBe(false);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
