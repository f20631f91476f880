import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import { auditLog, scoreSnapshots, submissions } from '@/db/schema';
import { importCohort } from '@/db/import';
import { getRoundScores } from '@/db/queries';
import { loadSubmissionForm, saveSubmission } from '@/app/lib/services/submission';
import { evaluateAsBureau } from '@/app/lib/services/evaluation';
import { publishRound, setCollecting, setRankingVisibility, unpublishRound } from '@/app/lib/services/rounds';
import { acceptAllSubmitted, acceptSubmission, listRoundSubmissions, returnSubmission } from '@/app/lib/services/review';
import { mixedCohort, seedCohort } from '@/db/__tests__/fixtures';
import type { Viewer } from '@/lib/auth/roles';
import { builtinSystem, indexSystem } from '@/lib/scoring';
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
  /** A submission needs every self-score; the seed lost some and the synthetic units lack some, so the tests fill those in. */
  const complete = (values: Record<string, string>) => {
    const out = { ...values };
    for (const { leaf } of indexSystem(builtinSystem('julu-2021')!).leaves) out[`self.${leaf.code}`] ??= '0';
    out['self.total'] ??= '0';
    return out;
  };

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
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget: '18.8841.4', 'self.duty_completion': '11' }, submit: false }, {}, t.db);
      expect(r.ok).toBe(false);
      if (r.ok || !('problems' in r)) throw new Error('expected problems');
      expect(r.problems.map((p) => [p.field, p.message])).toEqual([
        ['budget', '预算数不是有效的数字：“18.8841.4”'],
        ['self.duty_completion', '自评分 11 超出 0–10'],
      ]);
      // The form names each field by the Chinese label the department sees (issue 9 §5).
      expect(r.problems.map((p) => p.header)).toEqual(['预算数（万元）', '自评·履职完成情况（分）']);
    });

    it('needs a self-score of every indicator and of the total to submit, naming each missing one; a draft may be partial', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: f.values, submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: false, problems: expect.arrayContaining([{ department: 'xiaolvzhai', field: 'self.economic_benefit', header: '自评·经济效益（分）', message: '提交前请填写自评·经济效益' }]) });
      if (r.ok || !('problems' in r)) throw new Error('expected problems');
      expect(r.problems.map((p) => p.field).sort()).toEqual(['self.asset_integrity', 'self.budget_adjustment', 'self.economic_benefit', 'self.fund_compliance', 'self.staff_control']);
    });

    it('has no evaluator score in its form, and an evaluator score it sends anyway is ignored', async () => {
      const f = await form();
      expect(Object.keys(f.values).filter((k) => ['duty_completion', 'economic_benefit', 'social_benefit', 'ecological_benefit'].includes(k))).toEqual([]);
      const before = (await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === 'xiaolvzhai')!.total.toFixed(2);
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...complete(f.values), economic_benefit: '5', 'self.economic_benefit': '5' }, submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: true, status: 'submitted' });
      const after = (await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === 'xiaolvzhai')!;
      expect(after.total.toFixed(2)).toBe(before);
      expect(after.indicators.economic_benefit!.self!.toFixed(2)).toBe('5.00');
    });

    it('cannot save another department’s submission, even by naming its code', async () => {
      const f = await form(admin, 'd00001');
      const before = await auditCount();
      const r = await saveSubmission(dept, { slug: '2021', code: 'd00001', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db);
      expect(r).toEqual({ ok: false, message: '无权修改该单位的填报' });
      expect(await auditCount()).toBe(before);
    });

    it('saves a draft as a new version, keeps the ranking on the submitted one, and logs the changed cells', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget: '1050' }, submit: false }, { address: '10.0.0.5' }, t.db);
      expect(r).toEqual({ ok: true, version: 3, status: 'draft' });
      const scored = await getRoundScores('2021', {}, t.db);
      expect(scored!.departments.find((d) => d.code === 'xiaolvzhai')!.inputs.budget!.toFixed()).toBe('1049.6');
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'submission.save')).orderBy(desc(auditLog.id)).limit(1);
      expect(entry).toMatchObject({
        actor: 'xiaolvzhai',
        departmentCode: 'xiaolvzhai',
        roundSlug: '2021',
        address: '10.0.0.5',
        before: { version: 2, status: 'submitted', values: { budget: '1049.6' } },
        after: { version: 3, status: 'draft', values: { budget: '1050' } },
      });
      const versions = await t.db.select().from(submissions).where(eq(submissions.roundId, scored!.round.id));
      expect(versions.filter((v) => v.departmentId === entry!.departmentId).map((v) => [v.version, v.isCurrent])).toEqual(
        expect.arrayContaining([
          [2, false],
          [3, true],
        ]),
      );
    });

    it('refuses the second of two edits loaded from the same version, with a clear message', async () => {
      const a = await form();
      const b = await form();
      const first = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: a.version, cells: { ...a.values, budget: '1051' }, submit: false }, {}, t.db);
      expect(first).toMatchObject({ ok: true, version: 4 });
      const before = await auditCount();
      const second = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: b.version, cells: { ...b.values, budget: '999' }, submit: false }, {}, t.db);
      expect(second).toEqual({ ok: false, message: '此填报已被他人修改（现为第 4 版，您打开的是第 3 版），请刷新后再改' });
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

    it('submits: the ranking moves to the new figures, and no snapshot is written', async () => {
      const snapsBefore = (await t.db.select({ n: count() }).from(scoreSnapshots))[0]!.n;
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: true, status: 'submitted' });
      const scored = await getRoundScores('2021', {}, t.db);
      expect(scored!.departments.find((d) => d.code === 'xiaolvzhai')!.inputs.budget!.toFixed()).toBe(f.values.budget);
      expect((await t.db.select({ n: count() }).from(scoreSnapshots))[0]!.n).toBe(snapsBefore);
    });

    it('keeps the unit’s own code, name and group whatever the form sends for them', async () => {
      const f = await form();
      const r = await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...complete(f.values), code: 'd00001', name: '冒名', group: '县直部门' }, submit: true }, {}, t.db);
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

    it('evaluates a judgement leaf as the bureau, and a changed evaluation needs a reason; the submission is untouched', async () => {
      const f = await form(admin);
      expect(await evaluateAsBureau(admin, { slug: '2021', code: 'xiaolvzhai', scores: { duty_completion: { score: '8.5' } } }, {}, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('须写明理由'),
      });
      const r = await evaluateAsBureau(admin, { slug: '2021', code: 'xiaolvzhai', scores: { duty_completion: { score: '8.5', comment: '佐证材料不全' } } }, {}, t.db);
      expect(r).toMatchObject({ ok: true, changed: 1 });
      expect((await form(admin)).version).toBe(f.version);
      const scored = (await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === 'xiaolvzhai')!;
      expect(scored.indicators.duty_completion!.score.toFixed(2)).toBe('8.50');
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'evaluation.score'));
      expect(entry).toMatchObject({ actor: 'admin', before: { values: { duty_completion: '10.00' } }, after: { values: { duty_completion: '8.50' }, comments: { duty_completion: '佐证材料不全' } } });
    });

    it('refuses an evaluation of a non-judgement indicator or out of range, naming it; a leader or department cannot evaluate', async () => {
      expect(await evaluateAsBureau(admin, { slug: '2021', code: 'xiaolvzhai', scores: { budget_completion: { score: '1', comment: 'x' } } }, {}, t.db)).toEqual({
        ok: false,
        message: '指标 budget_completion 不是评议类指标（评价人评分）',
      });
      expect(await evaluateAsBureau(admin, { slug: '2021', code: 'xiaolvzhai', scores: { duty_completion: { score: '12', comment: 'x' } } }, {}, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('超出 0–10'),
      });
      for (const v of [leader, dept]) expect(await evaluateAsBureau(v, { slug: '2021', code: 'xiaolvzhai', scores: { duty_completion: { score: '1', comment: 'x' } } }, {}, t.db)).toMatchObject({ ok: false });
    });

    it('returns with a comment; the department edits and resubmits; the bureau accepts; then the department can no longer change it', async () => {
      let f = await form(admin);
      expect(await returnSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '' }, {}, t.db)).toEqual({ ok: false, message: '退回时须写明需要修改的内容' });
      expect(await returnSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '请补充预算调整说明' }, {}, t.db)).toMatchObject({ ok: true, status: 'returned' });
      f = await form();
      expect(f).toMatchObject({ status: 'returned', comment: '请补充预算调整说明', readOnly: null });
      expect(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db)).toMatchObject({ ok: true });
      f = await form(admin);
      expect(await acceptSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version }, {}, t.db)).toMatchObject({ ok: true, status: 'accepted' });
      f = await form();
      expect(f.readOnly).toMatch(/财政局已接受/);
      expect(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db)).toMatchObject({
        ok: false,
        message: expect.stringContaining('财政局已接受'),
      });
    });

    it('refuses a decision made on a stale page', async () => {
      const f = await form(admin, 'd00002');
      await returnSubmission(admin, { slug: '2021', code: 'd00002', baseVersion: f.version, comment: '复核' }, {}, t.db);
      expect(await acceptSubmission(admin, { slug: '2021', code: 'd00002', baseVersion: f.version }, {}, t.db)).toEqual({
        ok: false,
        message: `此填报已被他人修改（现为第 ${f.version + 1} 版，您打开的是第 ${f.version} 版），请刷新后再改`,
      });
    });
  });

  describe('a round in review, then published', () => {
    it('in review (评审中) a department can change only what the bureau returned', async () => {
      expect(await setCollecting(leader, '2021', 'reviewing', '', {}, t.db)).toEqual({ ok: false, message: '只有财政局管理员可以管理评价轮次' });
      expect(await setCollecting(admin, '2021', 'reviewing', '', {}, t.db)).toMatchObject({ ok: true });
      const f = await form(other, 'd00001');
      expect(f.readOnly).toContain('进入评审');
      expect(await saveSubmission(other, { slug: '2021', code: 'd00001', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('进入评审') });
      const returned = await form(admin, 'd00002');
      expect(returned.status).toBe('returned');
      const own = await account(t.db, 'd00002', 'department', 'd00002');
      expect(await saveSubmission(own, { slug: '2021', code: 'd00002', baseVersion: returned.version, cells: complete((await form(own, 'd00002')).values), submit: true }, {}, t.db)).toMatchObject({ ok: true });
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.status'));
      expect(entry).toMatchObject({ actor: 'admin', before: { status: 'collecting' }, after: { status: 'reviewing' } });
    });

    it('publishes only when every unit is accepted and evaluated, and otherwise lists what is missing', async () => {
      const r = await publishRound(admin, '2021', {}, t.db);
      expect(r).toMatchObject({ ok: false, missing: expect.arrayContaining([expect.objectContaining({ code: 'd00001', status: 'submitted' })]) });
      expect(await acceptAllSubmitted(admin, '2021', {}, t.db)).toMatchObject({ ok: true });
      const p = await publishRound(admin, '2021', {}, t.db);
      expect(p).toMatchObject({ ok: true, number: 1 });
      expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.publish'))).toHaveLength(1);
    });

    const PUBLISHED = '评价轮次 2021（2021年度部门整体支出绩效评价）已发布，成绩已冻结';

    it('refuses a department’s save with a clear message, and its form says so', async () => {
      const f = await form(other, 'd00001');
      expect(f.readOnly).toContain(PUBLISHED);
      const r = await saveSubmission(other, { slug: '2021', code: 'd00001', baseVersion: f.version, cells: complete(f.values), submit: true }, {}, t.db);
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining(PUBLISHED) });
    });

    it('refuses an import', async () => {
      const r = await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: mixedCohort(6) }, actor: 'admin' }, t.db);
      expect(r).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining(PUBLISHED) }] });
    });

    it('refuses every review decision and evaluation', async () => {
      const f = await form(admin, 'd00003');
      const target = { slug: '2021', code: 'd00003', baseVersion: f.version };
      for (const r of [
        await acceptSubmission(admin, target, {}, t.db),
        await returnSubmission(admin, { ...target, comment: '请修改' }, {}, t.db),
        await evaluateAsBureau(admin, { slug: '2021', code: 'd00003', scores: { duty_completion: { score: '6', comment: '复核' } } }, {}, t.db),
      ]) {
        expect(r).toMatchObject({ ok: false, message: expect.stringContaining(PUBLISHED) });
      }
    });

    it('still lets the bureau publish the ranking to departments, and logs it', async () => {
      expect(await setRankingVisibility(admin, '2021', true, {}, t.db)).toMatchObject({ ok: true });
      expect(await setRankingVisibility(dept, '2021', false, {}, t.db)).toMatchObject({ ok: false });
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.settings'));
      expect(entry).toMatchObject({ before: { showRankingToDepartments: false }, after: { showRankingToDepartments: true } });
    });

    it('is withdrawn by the bureau only with a reason, and the withdrawal is logged', async () => {
      expect(await unpublishRound(admin, '2021', ' ', {}, t.db)).toEqual({ ok: false, message: '撤回发布须写明理由' });
      expect(await unpublishRound(dept, '2021', '更正', {}, t.db)).toMatchObject({ ok: false });
      expect(await unpublishRound(admin, '2021', '更正 d00003 的填报', { address: '10.0.0.9' }, t.db)).toMatchObject({ ok: true, number: 1 });
      const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'round.unpublish'), eq(auditLog.roundSlug, '2021')));
      expect(entry).toMatchObject({ actor: 'admin', address: '10.0.0.9', before: { status: 'published', publication: 1 }, after: { status: 'reviewing', reason: '更正 d00003 的填报' } });
    });

    it('an import is logged in the same transaction, naming who and how many', async () => {
      const r = await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: seedCohort }, actor: 'admin', actorId: admin.id }, t.db);
      expect(r.ok).toBe(true);
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.import')).orderBy(desc(auditLog.id)).limit(1);
      expect(entry).toMatchObject({ actor: 'admin', actorId: admin.id, roundSlug: '2021', after: { departments: 1, newDepartments: 0 } });
    });
  });
});
