import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { JULU, parse } from '@/tests/scoring/helpers';
import { D } from './decimal';
import { scoresFromJson, scoresToJson } from './json';
import { combinePanel } from './panel';
import { scoreCohort } from './score';
import { POLICIES, type Department } from './types';

/** A synthetic round where some judgement leaves are pending and some come from a panel. */
function round(seed: number, n: number, pendingEvery: number): Department[] {
  const raw = syntheticCohort(JULU, n, { seed }) as { departments: Record<string, unknown>[] };
  const departments = parse(JULU, raw.departments);
  return departments.map((d, i) => {
    if (i % pendingEvery === 0) {
      const { duty_completion: _gone, ...rest } = d.judgements;
      return { ...d, judgements: rest };
    }
    if (i % pendingEvery === 1) {
      const p = combinePanel(
        [
          { by: 'a', score: new D(i % 5), comment: '说明' },
          { by: 'b', score: new D('4.35') },
        ],
        'mean',
        { spreadThreshold: new D('1') },
      );
      return { ...d, judgements: { ...d.judgements, social_benefit: p.score }, panels: { social_benefit: p } };
    }
    return d;
  });
}

describe('scoresFromJson is the inverse of scoresToJson with explanations', () => {
  it('for any round, policy and pending/panel mix, JSON → Scores → JSON gives the same JSON', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 2, max: 6 }), fc.constantFrom(...POLICIES), (seed, n, every, policy) => {
        const json = scoresToJson(scoreCohort(JULU, round(seed, n, every), { policy }), { explain: true });
        // Through text, as the database stores it.
        const stored = JSON.parse(JSON.stringify(json));
        const again = scoresToJson(scoresFromJson(stored, JULU), { explain: true });
        expect(JSON.parse(JSON.stringify(again))).toEqual(stored);
      }),
      { numRuns: 40 },
    );
  });

  it('the rebuilt Scores carry the figures views read: totals, ranks, level-2 parts, values, self-scores, ranges', () => {
    const live = scoreCohort(JULU, round(7, 12, 3));
    const back = scoresFromJson(JSON.parse(JSON.stringify(scoresToJson(live, { explain: true }))), JULU);
    for (const [i, d] of live.departments.entries()) {
      const b = back.departments[i]!;
      expect([b.code, b.rank, b.tied, b.grade, b.total.toFixed(2), b.provisional, b.totalMax?.toFixed(2)]).toEqual([d.code, d.rank, d.tied, d.grade, d.total.toFixed(2), d.provisional, d.totalMax?.toFixed(2)]);
      for (const [k, v] of Object.entries(d.level2)) expect(b.level2[k]!.toFixed(2)).toBe(v.toFixed(2));
      for (const [k, s] of Object.entries(d.indicators)) {
        const t = b.indicators[k]!;
        expect([t.score.toFixed(2), t.status, t.weight.toFixed(), JSON.stringify(t.explanation), t.self?.toFixed(2)]).toEqual([s.score.toFixed(2), s.status, s.weight.toFixed(), JSON.stringify(s.explanation), s.self?.toFixed(2)]);
        if (s.value?.kind === 'value') expect(t.value?.kind === 'value' && t.value.x.toFixed(6)).toBe(s.value.x.toDecimalPlaces(6).toFixed(6));
        else expect(t.value?.kind).toBe(s.value?.kind);
      }
    }
  });

  it('reads back JSON stored with rendered text beside the explanations, leaving the text out', () => {
    const live = scoreCohort(JULU, round(3, 6, 2));
    const withText = JSON.parse(JSON.stringify(scoresToJson(live, { explain: true, text: { system: JULU, locale: 'zh-CN' } })));
    expect(JSON.stringify(scoresToJson(scoresFromJson(withText, JULU), { explain: true }))).toBe(JSON.stringify(scoresToJson(live, { explain: true })));
  });

  it('refuses JSON stored without explanations, which could not be shown', () => {
    const json = JSON.parse(JSON.stringify(scoresToJson(scoreCohort(JULU, round(1, 2, 9)))));
    expect(() => scoresFromJson(json, JULU)).toThrow(/explanation/);
  });
});
