import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentToJson } from '@/lib/scoring';
import { account } from '@/tests/auth/db-helpers';
import { evaluateAsBureau } from '@/app/lib/services/evaluation';
import { importCohort } from '../import';
import { getRoundScores, listSubmissionVersions } from '../queries';
import { rounds, scoreSnapshots } from '../schema';
import { getSubmission, reviewSubmission, saveSubmission } from '../submissions';
import { databaseState, expectOk, mixedCohort } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';

describe.each(backends)('web changes to one submission on %s', (backend) => {
  let t: TestDb;
  const file = mixedCohort(6, 5);
  beforeAll(async () => {
    t = await openTestDb(backend);
    expectOk(await importCohort({ roundSlug: 'w', system: 'julu-2021', source: { kind: 'cohort', json: file }, actor: 'bureau' }, t.db));
  });
  afterAll(async () => {
    await t?.close();
  });

  const totalOf = async (code: string) => (await getRoundScores('w', {}, t.db))!.scores.departments.find((d) => d.code === code)!.total.toFixed(2);
  const form = async (code: string) => departmentToJson((await getSubmission('w', code, undefined, t.db))!.department);

  it('a draft is kept as a new version but the ranking keeps the submitted figures until it is submitted', async () => {
    const before = await totalOf('xiaolvzhai');
    const current = await form('xiaolvzhai');
    // 预算调整数 down from 159.94 to 0: 预算调整率 0% scores its full 3 points.
    const edited = { ...current, inputs: { ...(current.inputs as Record<string, string>), budget_adjusted: '0' } };
    expect(await saveSubmission({ roundSlug: 'w', code: 'xiaolvzhai', baseVersion: 1, status: 'draft', department: edited, actor: 'dept:xiaolvzhai' }, t.db)).toEqual({ ok: true, version: 2 });
    expect(await totalOf('xiaolvzhai')).toBe(before);
    const submitted = await saveSubmission({ roundSlug: 'w', code: 'xiaolvzhai', baseVersion: 2, status: 'submitted', department: edited, actor: 'dept:xiaolvzhai' }, t.db);
    expect(submitted).toEqual({ ok: true, version: 3 });
    expect(await totalOf('xiaolvzhai')).toBe('99.00');
    // A save is not a snapshot: nothing is scored or stored for the round as a whole.
    expect(await t.db.select({ id: scoreSnapshots.id }).from(scoreSnapshots)).toEqual([]);
    expect((await listSubmissionVersions('w', 'xiaolvzhai', t.db)).map((v) => [v.version, v.status, v.createdBy])).toEqual([
      [3, 'submitted', 'dept:xiaolvzhai'],
      [2, 'draft', 'dept:xiaolvzhai'],
      [1, 'submitted', 'bureau'],
    ]);
  });

  it('a save made from an older version is refused instead of overwriting, and stores nothing', async () => {
    const before = await databaseState(t.db);
    const r = await saveSubmission({ roundSlug: 'w', code: 'xiaolvzhai', baseVersion: 2, status: 'draft', department: await form('xiaolvzhai'), actor: 'dept:other-tab' }, t.db);
    expect(r).toMatchObject({ ok: false, conflict: { currentVersion: 3 }, problems: [{ message: expect.stringContaining('已被他人修改') }] });
    expect(await databaseState(t.db)).toEqual(before);
  });

  it('two saves from the same version at the same moment: one is stored, the other refused', async () => {
    const code = String(file.departments[1]!.code);
    const other = t.second ? (await t.second()).db : t.db;
    const dept = await form(code);
    const results = await Promise.all(
      [t.db, other].map((db, k) => saveSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'draft', department: dept, actor: `tab-${k}` }, db)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.conflict)).toHaveLength(1);
    expect((await listSubmissionVersions('w', code, t.db)).map((v) => v.version)).toEqual([2, 1]);
  });

  it('invalid form data is refused with the field named; a department cannot change its own group', async () => {
    const code = String(file.departments[2]!.code);
    const bad = { ...(await form(code)), judgements: { duty_completion: '12', economic_benefit: '4', social_benefit: '5', ecological_benefit: '5' } };
    expect(await saveSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'submitted', department: bad, actor: 'd' }, t.db)).toMatchObject({
      ok: false,
      problems: [{ department: code, field: 'judgements.duty_completion' }],
    });
    const moved = { ...(await form(code)), group: '县直部门', name: '改名后的单位' };
    expect(await saveSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'submitted', department: moved, actor: 'd' }, t.db)).toMatchObject({ ok: true, version: 2 });
    const stored = await getSubmission('w', code, undefined, t.db);
    expect(stored!.department).toMatchObject({ name: '改名后的单位', group: file.departments[2]!.group });
  });

  it('judgement figures a department sends are never stored with its data, and never count', async () => {
    const code = String(file.departments[5]!.code);
    const before = await totalOf(code);
    const raised = { ...(await form(code)), judgements: { duty_completion: '10', economic_benefit: '5', social_benefit: '5', ecological_benefit: '5' } };
    expect(await saveSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'submitted', department: raised, actor: 'd' }, t.db)).toMatchObject({ ok: true, version: 2 });
    expect((await getSubmission('w', code, undefined, t.db))!.department.judgements).toEqual({});
    expect(await totalOf(code)).toBe(before);
  });

  it('the bureau returns a submission with a comment, accepts it, and changes an evaluation with a reason', async () => {
    const code = String(file.departments[3]!.code);
    expect(await reviewSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'returned', actor: 'bureau' }, t.db)).toMatchObject({
      ok: false,
      problems: [{ field: 'comment' }],
    });
    expect(await reviewSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'returned', comment: '项目总支出与决算不符', actor: 'bureau' }, t.db)).toMatchObject({ ok: true, version: 2 });
    expect(await reviewSubmission({ roundSlug: 'w', code, baseVersion: 2, status: 'accepted', comment: '已核对', actor: 'bureau' }, t.db)).toMatchObject({ ok: true, version: 3 });
    const v = await listSubmissionVersions('w', code, t.db);
    expect(v.map((x) => [x.version, x.status, x.comment])).toEqual([
      [3, 'accepted', '已核对'],
      [2, 'returned', '项目总支出与决算不符'],
      [1, 'submitted', null],
    ]);
    const admin = await account(t.db, 'w-admin', 'admin');
    expect(await evaluateAsBureau(admin, { slug: 'w', code, scores: { economic_benefit: { score: '1.5' } } }, {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('须写明理由') });
    expect(await evaluateAsBureau(admin, { slug: 'w', code, scores: { economic_benefit: { score: '1.5', comment: '经济效益佐证材料不足' } } }, {}, t.db)).toMatchObject({ ok: true, changed: 1 });
    expect((await getRoundScores('w', {}, t.db))!.scores.departments.find((d) => d.code === code)!.indicators.economic_benefit!.score.toFixed(2)).toBe('1.50');
  });

  it('a published round refuses every change with a clear message', async () => {
    const code = String(file.departments[4]!.code);
    await t.db.update(rounds).set({ status: 'published' }).where(eq(rounds.slug, 'w'));
    const before = await databaseState(t.db);
    expect(await saveSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'draft', department: await form(code), actor: 'd' }, t.db)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining('已发布，成绩已冻结') }],
    });
    expect(await reviewSubmission({ roundSlug: 'w', code, baseVersion: 1, status: 'accepted', actor: 'bureau' }, t.db)).toMatchObject({ ok: false });
    expect(await databaseState(t.db)).toEqual(before);
  });
});
