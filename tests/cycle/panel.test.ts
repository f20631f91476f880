import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAsBureau, loadDepartmentEvaluation, loadReviewerWork, scoreAsReviewer } from '@/app/lib/services/evaluation';
import { getRoundScores } from '@/db/queries';
import { setReviewerAssignment } from '@/app/lib/services/enrolment';
import { updateRoundSettings } from '@/app/lib/services/rounds';
import type { Viewer } from '@/lib/auth/roles';
import type { JudgementExplanation } from '@/lib/scoring';
import { account, backends, openTestDb, seedRound, type TestDb } from '@/tests/auth/db-helpers';

const LEAVES = ['duty_completion', 'economic_benefit', 'social_benefit', 'ecological_benefit'] as const;
const scores = (values: readonly string[], comment = '按评价要点评分') => Object.fromEntries(LEAVES.map((l, i) => [l, { score: values[i]!, comment }]));

describe.each(backends)('a panel of reviewers on %s', (backend) => {
  let t: TestDb;
  let admin: Viewer;
  const reviewers: Viewer[] = [];
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedRound(t.db);
    admin = await account(t.db, 'admin', 'admin');
    for (let i = 1; i <= 5; i++) reviewers.push(await account(t.db, `pingshen${i}`, 'reviewer'));
  });
  afterAll(() => t.close());

  const leafOf = async (code: string, leaf: string) => {
    const s = (await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === code)!.indicators[leaf]!;
    // A judgement leaf's explanation, with its panel (if any).
    return { ...s, explanation: s.explanation as JudgementExplanation };
  };
  const deptOf = async (code: string) => (await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === code)!;
  const assign = (r: Viewer, codes: string[]) => setReviewerAssignment(admin, '2021', r.username, codes, true, {}, t.db);

  describe('with 2 reviewers', () => {
    it('once assigned, the unit waits for its panel: its judgement leaves are pending and its total a range', async () => {
      const before = await deptOf('d00001');
      expect(before.provisional).toBeUndefined();
      for (const r of reviewers.slice(0, 2)) expect(await assign(r, ['d00001'])).toMatchObject({ ok: true });
      const pending = await deptOf('d00001');
      expect(pending.provisional).toBe(true);
      expect(pending.indicators.duty_completion!.status).toBe('pending');
      expect(pending.totalMax!.minus(pending.total).toFixed(2)).toBe('25.00');
    });

    it('each reviewer scores with a comment; a score without one is refused', async () => {
      expect(await scoreAsReviewer(reviewers[0]!, { slug: '2021', code: 'd00001', scores: scores(['8', '4', '4', '3'], '') }, {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('请写明评分意见') });
      expect(await scoreAsReviewer(reviewers[0]!, { slug: '2021', code: 'd00001', scores: scores(['8', '4', '4', '3']) }, {}, t.db)).toMatchObject({ ok: true, changed: 4 });
      // One of two has scored: still pending.
      expect((await leafOf('d00001', 'duty_completion')).status).toBe('pending');
      expect(await scoreAsReviewer(reviewers[1]!, { slug: '2021', code: 'd00001', scores: scores(['9.25', '4.5', '5', '5']) }, {}, t.db)).toMatchObject({ ok: true, changed: 4 });
    });

    it('the combined score is the exact mean rounded half-up, and every reviewer’s score is kept in the explanation', async () => {
      const duty = await leafOf('d00001', 'duty_completion');
      // (8 + 9.25) / 2 = 8.625 → 8.63
      expect([duty.status, duty.score.toFixed(2)]).toEqual(['judgement', '8.63']);
      expect(duty.explanation.panel!.scores.map((s) => [s.by, s.score])).toEqual([
        ['pingshen1', '8.00'],
        ['pingshen2', '9.25'],
      ]);
      expect(duty.explanation.panel!.spread).toBe('1.25');
      expect((await leafOf('d00001', 'ecological_benefit')).score.toFixed(2)).toBe('4.00');
      expect((await deptOf('d00001')).provisional).toBeUndefined();
    });

    it('a spread above the round’s threshold is flagged for discussion', async () => {
      expect((await leafOf('d00001', 'ecological_benefit')).explanation.panel!.flagged).toBe(false);
      expect(await updateRoundSettings(admin, '2021', { spreadThreshold: '1.5' }, {}, t.db)).toMatchObject({ ok: true });
      // ecological: 3 vs 5 → spread 2 > 1.5; duty: 1.25 ≤ 1.5.
      expect((await leafOf('d00001', 'ecological_benefit')).explanation.panel!.flagged).toBe(true);
      expect((await leafOf('d00001', 'duty_completion')).explanation.panel!.flagged).toBe(false);
    });

    it('the bureau does not score a unit that has a panel; a reviewer not assigned cannot score it', async () => {
      expect(await evaluateAsBureau(admin, { slug: '2021', code: 'd00001', scores: { duty_completion: { score: '1', comment: 'x' } } }, {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('由评审专家') });
      expect(await scoreAsReviewer(reviewers[2]!, { slug: '2021', code: 'd00001', scores: scores(['1', '1', '1', '1']) }, {}, t.db)).toEqual({ ok: false, message: '您没有被指派评议该单位' });
      expect(await scoreAsReviewer(admin, { slug: '2021', code: 'd00001', scores: scores(['1', '1', '1', '1']) }, {}, t.db)).toMatchObject({ ok: false });
    });

    it('a reviewer sees only its own units, and only its own scores; the bureau sees all of them with the spread', async () => {
      expect((await loadReviewerWork(reviewers[0]!, '2021', t.db))!.departments.map((d) => d.code)).toEqual(['d00001']);
      expect(await loadReviewerWork(reviewers[4]!, '2021', t.db)).toBeNull();
      expect(await loadDepartmentEvaluation(reviewers[0]!, '2021', 'd00002', t.db)).toBeNull();
      const own = await loadDepartmentEvaluation(reviewers[0]!, '2021', 'd00001', t.db);
      expect(own!.leaves[0]!.scores.map((s) => s.by)).toEqual(['pingshen1']);
      expect(own!.leaves[0]!.combined).toBeNull();
      const bureau = await loadDepartmentEvaluation(admin, '2021', 'd00001', t.db);
      expect(bureau!.leaves[0]).toMatchObject({ combined: '8.63', spread: '1.25' });
      expect(bureau!.leaves[0]!.scores.map((s) => s.by)).toEqual(['pingshen1', 'pingshen2']);
    });

    it('a changed score is a new row: the earlier one stays in the history', async () => {
      expect(await scoreAsReviewer(reviewers[0]!, { slug: '2021', code: 'd00001', scores: { duty_completion: { score: '10', comment: '补充材料后' } } }, {}, t.db)).toMatchObject({ ok: true, changed: 1 });
      const history = (await loadDepartmentEvaluation(admin, '2021', 'd00001', t.db))!.history.filter((h) => h.leaf === 'duty_completion' && h.by === 'pingshen1');
      expect(history.map((h) => [h.score, h.current])).toEqual([
        ['8.00', false],
        ['10.00', true],
      ]);
      expect((await leafOf('d00001', 'duty_completion')).score.toFixed(2)).toBe('9.63');
    });
  });

  describe('with 5 reviewers', () => {
    const five = [
      ['2', '1', '1', '1'],
      ['7', '3', '3', '3'],
      ['8', '4', '4', '4'],
      ['9', '4.5', '4.5', '4.5'],
      ['10', '5', '5', '5'],
    ];

    it('the mean counts all five', async () => {
      for (const [i, r] of reviewers.entries()) {
        expect(await assign(r, ['d00002'])).toMatchObject({ ok: true });
        expect(await scoreAsReviewer(r, { slug: '2021', code: 'd00002', scores: scores(five[i]!) }, {}, t.db)).toMatchObject({ ok: true });
      }
      // (2 + 7 + 8 + 9 + 10) / 5 = 7.20
      expect((await leafOf('d00002', 'duty_completion')).score.toFixed(2)).toBe('7.20');
      expect((await leafOf('d00002', 'duty_completion')).explanation.panel!.trimmed).toBe(false);
    });

    it('the trimmed mean drops the highest and the lowest: (7 + 8 + 9) / 3', async () => {
      expect(await updateRoundSettings(admin, '2021', { panelRule: 'trimmed-mean' }, {}, t.db)).toMatchObject({ ok: true });
      const duty = await leafOf('d00002', 'duty_completion');
      expect([duty.score.toFixed(2), duty.explanation.panel!.trimmed, duty.explanation.panel!.scores.length]).toEqual(['8.00', true, 5]);
      // (3 + 4 + 4.5) / 3 = 3.8333… → 3.83
      expect((await leafOf('d00002', 'economic_benefit')).score.toFixed(2)).toBe('3.83');
      // The 2-reviewer panel is too small to trim: still the plain mean.
      expect((await leafOf('d00001', 'duty_completion')).explanation.panel!.trimmed).toBe(false);
    });

    it('an unassigned reviewer’s scores stop counting, and the panel is complete again with four', async () => {
      expect(await setReviewerAssignment(admin, '2021', 'pingshen5', ['d00002'], false, {}, t.db)).toMatchObject({ ok: true });
      // Four left, trimmed-mean needs five to trim: (2 + 7 + 8 + 9) / 4 = 6.50
      expect((await leafOf('d00002', 'duty_completion')).score.toFixed(2)).toBe('6.50');
    });
  });
});
