import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSystem, D, parseCohort, scoreCohort, type Department } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { indicatorSummaries, level2RateSummaries, pointsLost, scoreRate, summarize, totalSummary, weakIndicators } from './index';

const system = builtinSystem('julu-2021')!;

function departmentsOf(doc: unknown): Department[] {
  const r = parseCohort(doc, system);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.cohort.departments;
}
const seed = departmentsOf(JSON.parse(fs.readFileSync(path.join(__dirname, '../../lib/demo/xiaolvzhai-2021.json'), 'utf8')));
const synthetic = departmentsOf(syntheticCohort(system, 40, { seed: 7, groups: ['乡镇'] }));

describe('summarize', () => {
  it('gives nothing for an empty cohort instead of a made-up zero', () => {
    expect(summarize([])).toBeNull();
  });

  it('takes the median of an even cohort as the mean of the two middle values', () => {
    const s = summarize([4, 1, 3, 2].map((x) => new D(x)))!;
    expect(s.median.toString()).toBe('2.5');
    expect(s.min.toString()).toBe('1');
    expect(s.max.toString()).toBe('4');
  });

  it('keeps the mean unrounded until it is shown, so 1, 2, 2 shows as 1.67', () => {
    const s = summarize([1, 2, 2].map((x) => new D(x)))!;
    expect(s.mean.toFixed(2)).toBe('1.67');
    expect(s.mean.toFixed(6)).toBe('1.666667');
    expect(s.median.toString()).toBe('2');
  });
});

describe('weak indicators', () => {
  it('lists the seed township’s two lost indicators, the costlier 预算调整率 first', () => {
    const d = scoreCohort(system, seed).departments[0]!;
    const weak = weakIndicators(system, d);
    expect(weak.map((s) => s.code)).toEqual(['budget_adjustment', 'economic_benefit']);
    expect(weak.map((s) => pointsLost(s).toFixed(2))).toEqual(['3.00', '1.00']);
  });

  it('accounts for every point a department lost: the points lost add up to 100 minus its total', () => {
    for (const d of scoreCohort(system, synthetic).departments) {
      const lost = weakIndicators(system, d).reduce((acc, s) => acc.plus(pointsLost(s)), new D(0));
      expect(lost.toFixed(2)).toBe(new D(100).minus(d.total).toFixed(2));
    }
  });

  it('never lists an indicator that earned full marks', () => {
    for (const d of scoreCohort(system, synthetic).departments) {
      for (const s of weakIndicators(system, d)) expect(s.score.lt(s.weight)).toBe(true);
    }
  });
});

describe('cohort summaries', () => {
  const scores = scoreCohort(system, synthetic);

  it('reports the best level-2 score rate as the highest department’s rate', () => {
    const stats = level2RateSummaries(system, scores.departments);
    const node = system.indicators[1]!.children[0]!; // budget_execution
    const best = scores.departments.map((d) => scoreRate(d.level2[node.code]!, node.weight)).reduce((a, b) => (a.gt(b) ? a : b));
    expect(stats[node.code]!.max.eq(best)).toBe(true);
    expect(stats[node.code]!.n).toBe(40);
  });

  it('leaves not-applicable metric values out of the value range but keeps their scores', () => {
    const docs = syntheticCohort(system, 5, { seed: 3, groups: ['乡镇'] });
    docs.departments[0]!.inputs.total_project_spending = '0';
    docs.departments[0]!.inputs.key_project_spending = '0';
    const s = scoreCohort(system, departmentsOf(docs));
    const summary = indicatorSummaries(system, s.departments).key_spending!;
    expect(summary.score!.n).toBe(5);
    expect(summary.value!.n).toBe(4);
  });

  it('puts the totals’ mean between their min and max', () => {
    const t = totalSummary(scores.departments)!;
    expect(t.mean.gte(t.min) && t.mean.lte(t.max)).toBe(true);
    expect(t.median.gte(t.min) && t.median.lte(t.max)).toBe(true);
  });
});
