import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresToJson } from '@/lib/scoring';
import { exportRound, exportRoundSystem } from '../export';
import { importCohort } from '../import';
import { account } from '@/tests/auth/db-helpers';
import { unpublishRound } from '@/app/lib/services/rounds';
import { getDepartmentHistory, getPublishedScores, getRoundCohort, getRoundScores, listRounds, listSubmissionVersions } from '../queries';
import { indicatorSystems, rounds, scoreSnapshots, submissions } from '../schema';
import { databaseState, expectOk, mixedCohort, publishAll, scoresOfFile, seedCohort } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cohortImport = (roundSlug: string, json: unknown, extra: Partial<Parameters<typeof importCohort>[0]> = {}) =>
    importCohort({ roundSlug, source: { kind: 'cohort', json }, actor: 'tester', ...extra }, t.db);

  describe('importing a cohort file', () => {
    const file = mixedCohort(30);

    it('an imported round scores exactly like scoring the file itself', async () => {
      const r = await cohortImport('r-score', file, { system: 'julu-2021' });
      expectOk(r);
      expect(r).toMatchObject({ roundCreated: true, departments: 31, newDepartments: 31 });
      const stored = await getRoundScores('r-score', {}, t.db);
      expect(scoresToJson(stored!.scores, { explain: true })).toEqual(scoresOfFile(file));
      // Nothing is scored at import time: an open round is scored when read.
      const snaps = await t.db.select({ id: scoreSnapshots.id }).from(scoreSnapshots).innerJoin(rounds, eq(rounds.id, scoreSnapshots.roundId)).where(eq(rounds.slug, 'r-score'));
      expect(snaps).toEqual([]);
    });

    it("the file's judgement columns are the bureau's evaluation, kept apart from the department's data", async () => {
      const [row] = await t.db
        .select({ data: submissions.data })
        .from(submissions)
        .innerJoin(rounds, eq(rounds.id, submissions.roundId))
        .where(and(eq(rounds.slug, 'r-score'), eq(submissions.isCurrent, true)))
        .limit(1);
      expect((row!.data as { judgements: unknown }).judgements).toEqual({});
      const stored = await getRoundScores('r-score', {}, t.db);
      expect(stored!.scores.departments.every((d) => !d.provisional)).toBe(true);
    });

    it('the new round takes its name, year and the system policy from the file', async () => {
      const round = (await listRounds(t.db)).find((r) => r.slug === 'r-score')!;
      expect(round).toMatchObject({ name: seedCohort.round.name, year: 2021, policy: 'cohort-in-band', systemId: 'julu-2021', status: 'collecting', departmentCount: 31 });
    });

    it('an invalid file changes nothing: no rows, no new versions, every problem listed', async () => {
      const before = await databaseState(t.db);
      const bad = structuredClone(file);
      (bad.departments[0] as { inputs: Record<string, unknown> }).inputs.budget = '18.8841.4';
      (bad.departments[3] as { inputs: Record<string, unknown> }).inputs.staff_actual = -2;
      (bad.departments[5] as { grades: Record<string, unknown> }).grades.satisfaction = '很好';
      const r = await cohortImport('r-score', bad);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems.map((p) => [p.department, p.field])).toEqual([
        ['xiaolvzhai', 'inputs.budget'],
        [file.departments[3]!.code, 'inputs.staff_actual'],
        [file.departments[5]!.code, 'grades.satisfaction'],
      ]);
      // Also into a round that does not exist yet: no round is created either.
      expect((await cohortImport('r-never', bad, { system: 'julu-2021' })).ok).toBe(false);
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('a re-import adds version 2 and keeps version 1, with only the newest current', async () => {
      const changed = structuredClone(seedCohort);
      (changed.departments[0] as { inputs: Record<string, unknown> }).inputs.carryover = '12.5';
      const r1 = await cohortImport('r-history', seedCohort, { system: 'julu-2021' });
      const r2 = await cohortImport('r-history', changed);
      expectOk(r1);
      expectOk(r2);
      expect(r2.versions).toEqual({ xiaolvzhai: 2 });
      const versions = await listSubmissionVersions('r-history', 'xiaolvzhai', t.db);
      expect(versions.map((v) => [v.version, v.isCurrent, v.createdBy])).toEqual([
        [2, true, 'tester'],
        [1, false, 'tester'],
      ]);
      const [v1] = await t.db.select().from(submissions).where(eq(submissions.id, versions[1]!.id));
      expect((v1!.data as { inputs: Record<string, string> }).inputs.carryover).toBe('0');
      const cohort = await getRoundCohort('r-history', t.db);
      expect(cohort!.departments[0]!.inputs.carryover!.toFixed()).toBe('12.5');
    });

    it('a department history lists its published total and rank in every published round', async () => {
      const admin = await account(t.db, 'history-admin', 'admin');
      await cohortImport('r-older', { ...seedCohort, round: { name: '2020年度评价', year: 2020 } }, { system: 'julu-2021' });
      expect((await getDepartmentHistory('xiaolvzhai', t.db)).map((h) => h.roundSlug)).not.toContain('r-older');
      await publishAll(t.db, 'r-older', admin);
      await publishAll(t.db, 'r-history', admin);
      const history = await getDepartmentHistory('xiaolvzhai', t.db);
      expect(history.find((h) => h.roundSlug === 'r-older')).toMatchObject({ year: 2020, group: '乡镇', total: '96.00', rank: 1, tied: false });
      expect(history.map((h) => h.year)).toEqual([...history.map((h) => h.year)].sort());
      // Rounds in progress are not history.
      expect(history.map((h) => h.roundSlug).sort()).toEqual(['r-history', 'r-older']);
      // A withdrawn publication is not history either.
      expect((await unpublishRound(admin, 'r-history', '更正', {}, t.db)).ok).toBe(true);
      expect((await getDepartmentHistory('xiaolvzhai', t.db)).map((h) => h.roundSlug)).toEqual(['r-older']);
    });

    it('an exported round imported into a new round gives identical scores', async () => {
      const exported = await exportRound('r-score', t.db);
      const r = await cohortImport('r-copy', JSON.parse(JSON.stringify(exported)), { system: (await exportRoundSystem('r-score', t.db)) as Record<string, unknown> });
      expectOk(r);
      const a = await getRoundScores('r-score', {}, t.db);
      const b = await getRoundScores('r-copy', {}, t.db);
      expect(scoresToJson(b!.scores, { explain: true })).toEqual(scoresToJson(a!.scores, { explain: true }));
      expect(await exportRound('r-copy', t.db)).toEqual(exported);
      // The same document is stored once: both rounds pin the same system version.
      const pinned = await t.db.select({ v: rounds.systemVersionId }).from(rounds);
      expect(new Set(pinned.map((p) => p.v)).size).toBe(1);
    });
  });

  describe('rounds and systems', () => {
    it('a published round refuses an import with a clear message, and stores nothing', async () => {
      const admin = await account(t.db, 'locker', 'admin');
      expectOk(await cohortImport('r-locked', seedCohort, { system: 'julu-2021' }));
      expect(await publishAll(t.db, 'r-locked', admin)).toBe(1);
      expect((await getPublishedScores('r-locked', undefined, t.db))!.publication).toMatchObject({ number: 1, publishedBy: 'locker', withdrawnAt: null });
      const before = await databaseState(t.db);
      const r = await cohortImport('r-locked', seedCohort);
      expect(r).toEqual({ ok: false, problems: [{ message: expect.stringContaining('评价轮次 r-locked（2021年度部门整体支出绩效评价）已发布，成绩已冻结') }] });
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('a withdrawn publication lets imports in again', async () => {
      const admin = await account(t.db, 'unlocker', 'admin');
      expect(await unpublishRound(admin, 'r-locked', '补充材料', {}, t.db)).toMatchObject({ ok: true, number: 1 });
      const r = await cohortImport('r-locked', seedCohort);
      expectOk(r);
      // versions 1 (import) and 2 (accepted) came before.
      expect(r.versions).toEqual({ xiaolvzhai: 3 });
    });

    it('a new round needs a system, and an unknown one is named in the refusal', async () => {
      expect(await cohortImport('r-nosystem', seedCohort)).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('须指定指标体系') }] });
      expect(await cohortImport('r-nosystem', seedCohort, { system: 'julu-1999' })).toMatchObject({
        ok: false,
        problems: [{ field: 'system', message: expect.stringContaining('julu-1999') }],
      });
      expect(await getRoundScores('r-nosystem', {}, t.db)).toBeNull();
    });

    it('a round keeps its system: importing with a different one is refused', async () => {
      const doc = (await exportRoundSystem('r-score', t.db)) as Record<string, unknown>;
      const other = { ...doc, name: '另一个体系' };
      expect(await cohortImport('r-score', seedCohort, { system: other })).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('体系不能更换') }] });
    });

    it('a changed system document is stored as a new version; the rounds using the old one keep it', async () => {
      const doc = structuredClone((await exportRoundSystem('r-score', t.db)) as Record<string, unknown>);
      doc.interpolation = 'thresholds';
      expectOk(await cohortImport('r-v2', seedCohort, { system: doc }));
      const versions = await t.db.select({ version: indicatorSystems.version }).from(indicatorSystems).where(eq(indicatorSystems.systemId, 'julu-2021'));
      expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
      expect((await listRounds(t.db)).find((r) => r.slug === 'r-v2')).toMatchObject({ systemVersion: 2, policy: 'thresholds' });
      expect((await listRounds(t.db)).find((r) => r.slug === 'r-score')).toMatchObject({ systemVersion: 1, policy: 'cohort-in-band' });
    });

    it('a file that declares another system than the round uses is refused', async () => {
      expect(await cohortImport('r-score', { ...seedCohort, system: 'other-2022' })).toMatchObject({
        ok: false,
        problems: [{ message: expect.stringContaining('other-2022') }],
      });
    });

    it('names that look like SQL are stored as plain text; such a code is refused by the code rule', async () => {
      const evil = structuredClone(seedCohort);
      const d = evil.departments[0] as { code: string; name: string; group: string };
      d.code = "x'); drop table rounds; --";
      d.name = '名称" or 1=1 --';
      d.group = "乡镇'; delete from submissions; --";
      expect(await cohortImport('r-sql', evil, { system: 'julu-2021' })).toMatchObject({
        ok: false,
        problems: [{ field: 'code', header: '单位代码', message: expect.stringContaining('只能由字母、数字、- 和 _ 组成') }],
      });
      d.code = 'x-drop_table';
      expectOk(await cohortImport('r-sql', evil, { system: 'julu-2021' }));
      const cohort = await getRoundCohort('r-sql', t.db);
      expect(cohort!.departments.map((x) => [x.code, x.name, x.group])).toEqual([[d.code, d.name, d.group]]);
      expect(await listSubmissionVersions('r-sql', d.code, t.db)).toHaveLength(1);
      expect((await listRounds(t.db)).length).toBeGreaterThan(1);
      expect(await cohortImport("r'; drop table rounds; --", seedCohort, { system: 'julu-2021' })).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('轮次标识') }] });
    });

    it('a draft does not replace the submitted figures in the ranking', async () => {
      expectOk(await cohortImport('r-draft', seedCohort, { system: 'julu-2021' }));
      const draft = structuredClone(seedCohort);
      (draft.departments[0] as { judgements: Record<string, unknown> }).judgements.duty_completion = 2;
      expectOk(await cohortImport('r-draft', draft, { status: 'draft' }));
      const current = await t.db
        .select({ version: submissions.version, status: submissions.status })
        .from(submissions)
        .innerJoin(rounds, eq(rounds.id, submissions.roundId))
        .where(and(eq(rounds.slug, 'r-draft'), eq(submissions.isCurrent, true)));
      expect(current).toEqual([{ version: 2, status: 'draft' }]);
      expect((await getRoundScores('r-draft', {}, t.db))!.scores.departments[0]!.total.toFixed(2)).toBe('96.00');
    });
  });
});
