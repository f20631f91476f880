import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, indexSystem, metricFields, scoreCohort, scoresToJson, type Department, type DepartmentScore, type Scores } from '@/lib/scoring';
import { JULU, juluDept, parse } from '@/tests/scoring/helpers';
import { randomCohortArb, scoreOf } from '@/tests/scoring/sensitivity-arb';
import { whatIf, whatIfKeys, type WhatIfChanges } from './what-if';

/** One department as the Scores JSON prints it, explanations included. */
const printed = (scores: Scores, d: DepartmentScore) => JSON.stringify(scoresToJson({ ...scores, departments: [d] }, { explain: true }).departments);

/** The cell text of a key in a department, as a what-if sends it. */
function cellOf(d: Department, key: string, variant: number): string {
  const item = /^(.+)\.(\d+)$/.exec(key);
  if (key in d.inputs) {
    const v = d.inputs[key]!;
    // The same number written differently: "1049.6", "1049.60", " 1049.6 ".
    return [v.toFixed(), v.toFixed(Math.max(2, v.decimalPlaces())), ` ${v.toFixed()} `][variant % 3]!;
  }
  if (item && d.checklists[item[1]!]) {
    const yes = d.checklists[item[1]!]![Number(item[2]) - 1];
    return variant % 2 ? (yes ? '是' : '否') : yes ? '1' : '0';
  }
  return d.grades[key]!;
}

const keys = [...whatIfKeys(JULU).keys()];

/** The stored department with the changes written in directly, independently of the what-if's own parsing. */
function rebuilt(d: Department, changes: WhatIfChanges): Department {
  const out: Department = { ...d, inputs: { ...d.inputs }, grades: { ...d.grades }, checklists: Object.fromEntries(Object.entries(d.checklists).map(([k, v]) => [k, [...v]])) };
  for (const [key, text] of Object.entries(changes)) {
    const item = /^(.+)\.(\d+)$/.exec(key);
    if (key in out.inputs) out.inputs[key] = new D(text.trim());
    else if (item && out.checklists[item[1]!]) out.checklists[item[1]!]![Number(item[2]) - 1] = text === '1' || text === '是';
    else out.grades[key] = text;
  }
  return out;
}
// Keys change in the groups a clerk would change them: both fields of one rate together (a part
// then never exceeds its whole), one checklist item, one grade.
const fieldPairs = indexSystem(JULU)
  .leaves.map(({ leaf }) => (leaf.rule.kind === 'banded' || leaf.rule.kind === 'proportional' ? metricFields(leaf.rule.metric) : null))
  .filter((m): m is [string, string] => m !== null);
const keyGroups: string[][] = [...fieldPairs, ...keys.filter((k) => whatIfKeys(JULU).get(k) !== 'input').map((k) => [k])];
const changeArb = fc.record({
  unit: fc.nat(),
  keys: fc.subarray(keyGroups, { maxLength: 6 }).map((g) => [...new Set(g.flat())]),
  variant: fc.nat(),
  from: fc.nat(),
});

describe('what-if (试算)', () => {
  it('a what-if that changes nothing returns the stored result byte for byte', () => {
    fc.assert(
      fc.property(randomCohortArb, changeArb, (c, ch) => {
        const scores = scoreOf(c);
        const d = c.departments[ch.unit % c.departments.length]!;
        const changes: WhatIfChanges = Object.fromEntries(ch.keys.map((k) => [k, cellOf(d, k, ch.variant)]));
        const r = whatIf(c.system, c.departments, scores, d.code, changes);
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        expect(r.changed).toEqual([]);
        expect(printed(scores, r.department)).toBe(printed(scores, r.before));
        expect(r.others).toEqual([]);
        expect(r.othersMoved).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('equals scoring the whole cohort again with the changed unit, for the unit and every other unit', () => {
    fc.assert(
      fc.property(randomCohortArb, changeArb, (c, ch) => {
        const scores = scoreOf(c);
        const d = c.departments[ch.unit % c.departments.length]!;
        const source = c.departments[ch.from % c.departments.length]!;
        // Values of another unit: moves the unit across bands, onto or past the group's ends.
        const changes: WhatIfChanges = Object.fromEntries(ch.keys.map((k) => [k, cellOf(source, k, ch.variant)]));
        const r = whatIf(c.system, c.departments, scores, d.code, changes);
        // Mixing single fields of two units can break a part-of-whole rule; the parser says so.
        fc.pre(r.ok);
        if (!r.ok) return;
        const again = scoreOf(
          c,
          c.departments.map((x) => (x.code === d.code ? rebuilt(d, changes) : x)),
        );
        const mine = again.departments.find((x) => x.code === d.code)!;
        expect(printed(again, r.department)).toBe(printed(again, mine));
        for (const o of again.departments.filter((x) => x.group === d.group && x.code !== d.code)) {
          const stored = scores.departments.find((x) => x.code === o.code)!;
          const move = r.others.find((m) => m.code === o.code);
          if (o.total.eq(stored.total) && o.rank === stored.rank) expect(move).toBeUndefined();
          else expect(move && [move.totalAfter.toFixed(2), move.rankAfter]).toEqual([o.total.toFixed(2), o.rank]);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('what-if on the seed township', () => {
  const sys = JULU;
  const departments = parse(sys, [
    juluDept('a', { inputs: { budget_adjusted: 20 } }),
    juluDept('b', { inputs: { budget_adjusted: 40 } }),
    juluDept('c', { inputs: { budget_adjusted: 60 } }),
  ]);
  const scores = scoreCohort(sys, departments);

  it('a unit moving its own max moves the other units, and the result names them', () => {
    // 预算调整率 = adjusted / 1049.6: a 1.91%, b 3.81%, c 5.72%, all in the band (0%, 10%), weight 3;
    // every other leaf is the seed's (96 with 预算调整率 at 0). c at 5.72% is the max:
    // a 3 → 99, b (60 − 40)/(60 − 20) × 3 = 1.50 → 97.50, c 0 → 96.
    // c lowers its adjustment to 50 (4.76%): still the max, and b scores (50 − 40)/(50 − 20) × 3 = 1.00.
    const r = whatIf(sys, departments, scores, 'c', { budget_adjusted: '50' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.changed).toEqual(['budget_adjusted']);
    expect(r.department.indicators.budget_adjustment!.score.toFixed(2)).toBe('0.00');
    expect(r.othersMoved).toBe(1);
    expect(r.others.map((o) => [o.code, o.totalBefore.toFixed(2), o.totalAfter.toFixed(2)])).toEqual([['b', '97.50', '97.00']]);
    expect(r.scales.map((s) => [s.leaf, s.after.max.toFixed(4)])).toEqual([['budget_adjustment', '0.0476']]);
  });

  it('the tried total gets its grade from the engine’s bands', () => {
    // No project qualified: 项目质量 (weight 15) falls to 0, c 96.00 → 81.00: 良 (80 ≤ total < 90).
    const r = whatIf(sys, departments, scores, 'c', { projects_qualified: '0' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect([r.before.grade, r.department.total.toFixed(2), r.department.grade]).toEqual(['优', '81.00', '良']);
  });

  it('bad values are refused with the field named, and nothing is scored', () => {
    const r = whatIf(sys, departments, scores, 'a', { budget: '18.8841.4', 'fund_compliance.2': '也许', nonsense: '1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['budget', 'fund_compliance.2', 'nonsense']);
  });
});
