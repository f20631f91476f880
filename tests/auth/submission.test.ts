import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import { auditLog, scoreSnapshots, submissions } from '@/db/schema';
import { importCohort } from '@/db/import';
import { getRoundScores } from '@/db/queries';
import { loadSubmissionForm, saveSubmission } from '@/db/submission-form';
import { acceptSubmission, adjustJudgement, listRoundSubmissions, returnSubmission } from '@/db/review';
import { lockRoundBy, setRankingVisibility, unlockRoundBy } from '@/db/round-admin';
import { mixedCohort, seedCohort } from '@/db/__tests__/fixtures';
import type { Viewer } from '@/lib/auth/roles';
import { account, backends, openTestDb, seedRound, type TestDb } from './db-helpers';

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  let admin: Viewer, leader: Viewer, dept: Viewer, other: Viewer;
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedRound(t.db);
    admin = await account(t.db, 'admin', 'admin');
    leader = await account(t.db, 'leader', 'leader');
    dept = await account(t.db, 'xiaolvzhai', 'department', 'xiaolvzhai');
    other = await account(t.db, 'd00001', 'department', 'd00001');
  });
  afterAll(() => t.close());

  async function form(v: Viewer = dept, code = 'xiaolvzhai') {
    const f = await loadSubmissionForm(v, '2021', code, t.db);
    if (!f) throw new Error('no form');
    return f;
  }
  const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]!.n;

  describe('who can open a submission', () => {
    it('gives a department its own form, prefilled with its current figures', async () => {
      const f = await form();
      expect(f.department).toMatchObject({ code: 'xiaolvzhai', name: '小吕寨镇人民政府', group: '乡镇' });
      expect(f.version).toBe(1);
      expect(f.status).toBe('submitted');
      expect(f.values.budget).toBe('1049.6');
      expect(f.readOnly).toBeNull();
    });

    it('gives another department, a leader or nobody nothing at all', async () => {
      expect(await loadSubmissionForm(other, '2021', 'xiaolvzhai', t.db)).toBeNull();
      expect(await loadSubmissionForm(leader, '2021', 'xiaolvzhai', t.db)).toBeNull();
      expect(await loadSubmissionForm(null, '2021', 'xiaolvzhai', t.db)).toBeNull();
    });

    it('lets the bureau open any department’s submission for review', async () => {
      expect((await form(admin, 'd00001')).department.code).toBe('d00001');
      expect((await listRoundSubmissions(admin, '2021', t.db))!.map((r) => r.code)).toContain('d00006');
      expect(await listRoundSubmissions(leader, '2021', t.db)).toBeNull();
      expect(await listRoundSubmissions(dept, '2021', t.db)).toBeNull();
    });
  });

  describe('a department saving its submission', () => {
    it('checks the values like an import does and names the field', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget: '18.8841.4', duty_completion: '11' }, submit: false }, {}, t.db);
      expect(r.ok).toBe(false);
      if (r.ok || !('problems' in r)) throw new Error('expected problems');
      expect(r.problems.map((p) => [p.field, p.message])).toEqual([
        ['budget', '预算数不是有效的数字：“18.8841.4”'],
        ['duty_completion', '评分 11 超出 0–10'],
      ]);
      // The form names each field by the Chinese label the department sees (issue 9 §5).
      expect(r.problems.map((p) => p.header)).toEqual(['预算数（万元）', '履职完成情况（0–10 分）']);
    });

    it('cannot save another department’s submission, even by naming its code', async () => {
      const f = await form(admin, 'd00001');
      const before = await auditCount();
      const r = await saveSubmission(dept, { slug: '2021', code: 'd00001', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db);
      expect(r).toEqual({ ok: false, message: '无权修改该单位的填报' });
      expect(await auditCount()).toBe(before);
    });

    it('saves a draft as a new version, keeps the ranking on the submitted one, and logs the changed cells', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget: '1050' }, submit: false }, { address: '10.0.0.5' }, t.db);
      expect(r).toEqual({ ok: true, version: 2, status: 'draft' });
      const scored = await getRoundScores('2021', {}, t.db);
      expect(scored!.departments.find((d) => d.code === 'xiaolvzhai')!.inputs.budget!.toFixed()).toBe('1049.6');
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'submission.save')).orderBy(desc(auditLog.id)).limit(1);
      expect(entry).toMatchObject({
        actor: 'xiaolvzhai',
        departmentCode: 'xiaolvzhai',
        roundSlug: '2021',
        address: '10.0.0.5',
        before: { version: 1, status: 'submitted', values: { budget: '1049.6' } },
        after: { version: 2, status: 'draft', values: { budget: '1050' } },
      });
      const versions = await t.db.select().from(submissions).where(eq(submissions.roundId, scored!.round.id));
      expect(versions.filter((v) => v.departmentId === entry!.departmentId).map((v) => [v.version, v.isCurrent])).toEqual(
        expect.arrayContaining([
          [1, false],
          [2, true],
        ]),
      );
    });

    it('refuses the second of two edits loaded from the same version, with a clear message', async () => {
      const a = await form();
      const b = await form();
      const first = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: a.version, cells: { ...a.values, budget: '1051' }, submit: false }, {}, t.db);
      expect(first).toMatchObject({ ok: true, version: 3 });
      const before = await auditCount();
      const second = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: b.version, cells: { ...b.values, budget: '999' }, submit: false }, {}, t.db);
      expect(second).toEqual({ ok: false, message: '此填报已被他人修改（现为第 3 版，您打开的是第 2 版），请刷新后再改' });
      expect((await form()).values.budget).toBe('1051');
      expect(await auditCount()).toBe(before);
    });

    it('lets exactly one of two simultaneous saves through', async () => {
      const f = await form();
      const results = await Promise.all(
        ['1052', '1053'].map((budget) => saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget }, submit: false }, {}, t.db)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, message: `此填报已被他人修改（现为第 ${f.version + 1} 版，您打开的是第 ${f.version} 版），请刷新后再改` });
    });

    it('submits: the ranking moves to the new figures and a snapshot records it', async () => {
      const snapsBefore = (await t.db.select({ n: count() }).from(scoreSnapshots))[0]!.n;
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: true, status: 'submitted' });
      const scored = await getRoundScores('2021', {}, t.db);
      expect(scored!.departments.find((d) => d.code === 'xiaolvzhai')!.inputs.budget!.toFixed()).toBe(f.values.budget);
      expect((await t.db.select({ n: count() }).from(scoreSnapshots))[0]!.n).toBe(snapsBefore + 1);
    });

    it('keeps the unit’s own code, name and group whatever the form sends for them', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, code: 'd00001', name: '冒名', group: '县直部门' }, submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: true });
      expect((await form()).department).toEqual({ code: 'xiaolvzhai', name: '小吕寨镇人民政府', group: '乡镇' });
    });
  });

  describe('the bureau’s review', () => {
    it('is refused to a leader and to a department', async () => {
      const f = await form(admin);
      for (const v of [leader, dept]) {
        expect(await acceptSubmission(v, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version }, {}, t.db)).toEqual({ ok: false, message: '只有财政局管理员可以审核填报' });
      }
    });

    it('adjusts a judgement score with a reason, as a new version with the old and new score on record', async () => {
      const f = await form(admin);
      const r = await adjustJudgement(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, indicator: 'duty_completion', score: '8.5', reason: '佐证材料不全' }, {}, t.db);
      expect(r).toMatchObject({ ok: true, status: 'submitted' });
      const after = await form();
      expect(after.values.duty_completion).toBe('8.5');
      expect(after.adjustments).toEqual([expect.objectContaining({ indicator: 'duty_completion', after: '8.5', reason: '佐证材料不全', createdBy: 'admin' })]);
      expect(after.comment).toContain('佐证材料不全');
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'review.adjust'));
      expect(entry).toMatchObject({ actor: 'admin', after: { values: { duty_completion: '8.5' }, reason: '佐证材料不全' } });
    });

    it('refuses an adjustment of a non-judgement indicator or out of range, naming it', async () => {
      const f = await form(admin);
      expect(await adjustJudgement(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, indicator: 'budget_completion', score: '1', reason: 'x' }, {}, t.db)).toEqual({
        ok: false,
        message: '指标 budget_completion 不是评议类指标；只能调整评议类指标的得分',
      });
      const r = await adjustJudgement(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, indicator: 'duty_completion', score: '12', reason: 'x' }, {}, t.db);
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('超出 0–10') });
    });

    it('returns with a comment; the department edits and resubmits; the bureau accepts; then the department can no longer change it', async () => {
      let f = await form(admin);
      expect(await returnSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '' }, {}, t.db)).toEqual({ ok: false, message: '退回时须写明需要修改的内容' });
      expect(await returnSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '请补充预算调整说明' }, {}, t.db)).toMatchObject({ ok: true, status: 'returned' });
      f = await form();
      expect(f).toMatchObject({ status: 'returned', comment: '请补充预算调整说明', readOnly: null });
      expect(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db)).toMatchObject({ ok: true });
      f = await form(admin);
      expect(await acceptSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version }, {}, t.db)).toMatchObject({ ok: true, status: 'accepted' });
      f = await form();
      expect(f.readOnly).toMatch(/财政局已接受/);
      expect(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('财政局已接受'),
      });
    });

    it('refuses a decision made on a stale page', async () => {
      const f = await form(admin, 'd00002');
      await adjustJudgement(admin, { slug: '2021', code: 'd00002', baseVersion: f.version, indicator: 'duty_completion', score: '5', reason: '复核' }, {}, t.db);
      expect(await acceptSubmission(admin, { slug: '2021', code: 'd00002', baseVersion: f.version }, {}, t.db)).toEqual({
        ok: false,
        message: `此填报已被他人修改（现为第 ${f.version + 1} 版，您打开的是第 ${f.version} 版），请刷新后再改`,
      });
    });
  });

  describe('a locked round', () => {
    it('is locked by the bureau only, with a snapshot and an audit entry', async () => {
      expect(await lockRoundBy(leader, '2021', {}, t.db)).toEqual({ ok: false, message: '只有财政局管理员可以管理评价轮次' });
      const r = await lockRoundBy(admin, '2021', {}, t.db);
      expect(r).toMatchObject({ ok: true });
      const [snap] = await t.db.select().from(scoreSnapshots).orderBy(desc(scoreSnapshots.id)).limit(1);
      expect(snap!.reason).toBe('lock');
      expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.lock'))).toHaveLength(1);
    });

    const LOCKED = '评价轮次 2021（2021年度部门整体支出绩效评价）已锁定';

    it('refuses a department’s save with a clear message, and its form says so', async () => {
      const f = await form(other, 'd00001');
      expect(f.readOnly).toContain(LOCKED);
      const r = await saveSubmission(other, { slug: '2021', code: 'd00001', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining(LOCKED) });
    });

    it('refuses an import', async () => {
      const r = await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: mixedCohort(6) }, actor: 'admin' }, t.db);
      expect(r).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining(LOCKED) }] });
    });

    it('refuses every review decision', async () => {
      const f = await form(admin, 'd00003');
      const target = { slug: '2021', code: 'd00003', baseVersion: f.version };
      for (const r of [
        await acceptSubmission(admin, target, {}, t.db),
        await returnSubmission(admin, { ...target, comment: '请修改' }, {}, t.db),
        await adjustJudgement(admin, { ...target, indicator: 'duty_completion', score: '6', reason: '复核' }, {}, t.db),
      ]) {
        expect(r).toMatchObject({ ok: false, message: expect.stringContaining(`${LOCKED}，不能再修改填报`) });
      }
    });

    it('still lets the bureau publish the ranking to departments, and logs it', async () => {
      expect(await setRankingVisibility(admin, '2021', true, {}, t.db)).toMatchObject({ ok: true });
      expect(await setRankingVisibility(dept, '2021', false, {}, t.db)).toMatchObject({ ok: false });
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.settings'));
      expect(entry).toMatchObject({ before: { showRankingToDepartments: false }, after: { showRankingToDepartments: true } });
    });

    it('unlocks for the bureau only with a reason, and the unlock is logged', async () => {
      expect(await unlockRoundBy(admin, '2021', ' ', {}, t.db)).toEqual({ ok: false, message: '解锁须写明理由' });
      expect(await unlockRoundBy(dept, '2021', '更正', {}, t.db)).toMatchObject({ ok: false });
      expect(await unlockRoundBy(admin, '2021', '更正 d00003 的填报', { address: '10.0.0.9' }, t.db)).toMatchObject({ ok: true });
      const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'round.unlock'), eq(auditLog.roundSlug, '2021')));
      expect(entry).toMatchObject({ actor: 'admin', address: '10.0.0.9', before: { status: 'locked' }, after: { status: 'open', reason: '更正 d00003 的填报' } });
    });

    it('an import is logged in the same transaction, naming who and how many', async () => {
      const r = await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: seedCohort }, actor: 'admin', actorId: admin.id }, t.db);
      expect(r.ok).toBe(true);
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.import')).orderBy(desc(auditLog.id)).limit(1);
      expect(entry).toMatchObject({ actor: 'admin', actorId: admin.id, roundSlug: '2021', after: { departments: 1, newDepartments: 0 } });
    });
  });
});
