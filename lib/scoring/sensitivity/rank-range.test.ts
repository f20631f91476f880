import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreCohort, type Scores } from '@/lib/scoring';
import { randomCohortArb, scoreOf, type RandomCohort } from '@/tests/scoring/sensitivity-arb';
import { banded, leaf, parse, ratio, system, type Json } from '@/tests/scoring/helpers';
import { rankStability, type Reversal } from './rank-range';
import { groupTables, scaleSetters } from './group';

const cents = (s: Scores, code: string) => Math.round(s.departments.find((d) => d.code === code)!.total.toNumber() * 100);
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** The definition, word for word: score the cohort again without each unit u of d's group. */
function naive(c: RandomCohort) {
  const full = scoreOf(c);
  const out = new Map<string, { lo: number; hi: number; reversals: string[] }>();
  const groups = [...new Set(c.departments.map((d) => d.group))];
  for (const g of groups) {
    const members = full.departments.filter((d) => d.group === g);
    const diffs = new Map<string, number[]>(members.map((d) => [d.code, []]));
    const reversals: string[] = [];
    for (const u of members) {
      const without = scoreOf(
        c,
        c.departments.filter((d) => d.code !== u.code),
      );
      const rest = members.filter((d) => d.code !== u.code);
      for (const d of rest) {
        const before = 1 + rest.filter((e) => cents(full, e.code) > cents(full, d.code)).length;
        const after = without.departments.find((x) => x.code === d.code)!.rank;
        diffs.get(d.code)!.push(after - before);
      }
      for (let i = 0; i < rest.length; i++) {
        for (let j = i + 1; j < rest.length; j++) {
          const [x, y] = [rest[i]!.code, rest[j]!.code];
          const s0 = sign(cents(full, x) - cents(full, y));
          const s1 = sign(cents(without, x) - cents(without, y));
          if (s0 === s1) continue;
          const aFirst = s0 > 0 || (s0 === 0 && s1 > 0);
          const after = aFirst ? s1 : -s1;
          const r: Reversal = {
            removed: u.code,
            a: aFirst ? x : y,
            b: aFirst ? y : x,
            before: s0 === 0 ? 'tied' : 'above',
            after: after > 0 ? 'above' : after < 0 ? 'below' : 'tied',
          };
          reversals.push(JSON.stringify(r));
        }
      }
    }
    for (const d of members) {
      const ds = diffs.get(d.code)!;
      out.set(d.code, {
        lo: ds.length ? d.rank + Math.min(...ds) : d.rank,
        hi: ds.length ? d.rank + Math.max(...ds) : d.rank,
        reversals: reversals.filter((r) => JSON.parse(r).removed !== undefined).sort(),
      });
    }
    out.set(`#${g}`, { lo: 0, hi: 0, reversals: reversals.sort() });
  }
  return out;
}

describe('leave-one-out rank ranges', () => {
  it('the fast path equals rescoring the cohort without each unit in turn (ranges and reversals, ties included)', () => {
    fc.assert(
      fc.property(randomCohortArb, (c) => {
        const expected = naive(c);
        for (const g of rankStability(c.system, scoreOf(c), { limit: 1_000_000 })) {
          for (const r of g.ranges) expect([r.code, r.lo, r.hi]).toEqual([r.code, expected.get(r.code)!.lo, expected.get(r.code)!.hi]);
          const got = g.reversals.map((r) => JSON.stringify(r)).sort();
          expect(got).toEqual(expected.get(`#${g.group}`)!.reversals);
          expect(g.reversalCount).toBe(got.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('removing a unit that sets no min or max, and leaves every band at 2 values or more, changes no other unit’s banded scores', () => {
    fc.assert(
      fc.property(randomCohortArb, (c) => {
        const full = scoreOf(c);
        for (const t of groupTables(c.system, full)) {
          const setters = scaleSetters(t);
          // "Sets neither min nor max": holds neither, not even together with another unit.
          const holders = new Set(t.leaves.flatMap((col) => [...col.minHolders, ...col.maxHolders]));
          t.members.forEach((u, ui) => {
            if (holders.has(ui)) return;
            const leavesTwo = t.leaves.every((col) => col.qualifying.filter((i) => i !== ui).length >= 2 || col.stat.basis === 'thresholds');
            if (!leavesTwo) return;
            expect(setters.has(ui)).toBe(false);
            const without = scoreOf(
              c,
              c.departments.filter((d) => d.code !== u.code),
            );
            for (const d of t.members) {
              if (d.code === u.code) continue;
              const after = without.departments.find((x) => x.code === d.code)!;
              for (const col of t.leaves) expect(after.indicators[col.code]!.score.toFixed(2)).toBe(d.indicators[col.code]!.score.toFixed(2));
            }
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('rank ranges on a worked example', () => {
  // One banded leaf of weight 10 (≤ 100% full, ≥ 200% zero, lower is better) plus a judgement leaf
  // `rest` that separates the units. In-band values 120%, 150%, 190% spread 10, 5.71 → …
  const SYS = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'), '测试率')]);
  const unit = (code: string, a: number, rest: number): Json => ({ code, name: code, inputs: { a, b: 100 }, judgements: { rest } });

  it('a unit that alone sets the max moves the others when it leaves; quiet units move nobody', () => {
    // x: A 120 (min), B 130, C 150, D 190 (max). rest: A 80, B 79, C 84, D 85.
    // Full: A 10 + 80 = 90, B (190−130)/70×10 = 8.57 + 79 = 87.57, C 5.71 + 84 = 89.71, D 0 + 85 = 85.
    // Without D (max 150): B (150−130)/30×10 = 6.67 → 85.67, C 0 → 84: C falls behind A and B.
    const s = scoreCohort(SYS, parse(SYS, [unit('A', 120, 80), unit('B', 130, 79), unit('C', 150, 84), unit('D', 190, 85)]));
    expect(s.departments.map((d) => [d.code, d.total.toFixed(2), d.rank])).toEqual([
      ['A', '90.00', 1],
      ['C', '89.71', 2],
      ['B', '87.57', 3],
      ['D', '85.00', 4],
    ]);
    const [g] = rankStability(SYS, s);
    const range = (code: string) => g!.ranges.find((r) => r.code === code)!;
    // Without D: C ranks 3rd among A, B, C (was 2nd): +1. Without A (the min): B (190−130)/60×10 = 10 → 89, C 6.67 → 90.67: no order change.
    expect(range('C')).toMatchObject({ rank: 2, lo: 2, hi: 3, hiBy: 'D' });
    expect(range('B')).toMatchObject({ rank: 3, lo: 2, hi: 3, loBy: 'D' });
    expect(range('A')).toMatchObject({ lo: 1, hi: 1 });
    expect(g!.reversals).toEqual([{ removed: 'D', a: 'C', b: 'B', before: 'above', after: 'below' }]);
    expect(g!.removals.map((r) => [r.removed, r.leaves])).toEqual([
      ['A', ['x']],
      ['D', ['x']],
    ]);
  });

  it('a pair tied in the full scoring and ordered without a unit counts as moved', () => {
    // x: A 120, B 160, C 190; rest: A 80, B 84, C 88. Full: A 90, B (190−160)/70×10 = 4.29 + 84 = 88.29, C 88.
    // Make B and C tie instead: rest C 88.29. Without A (min 160): B 10 + 84 = 94, C 0 + 88.29 → B ahead.
    const s = scoreCohort(SYS, parse(SYS, [unit('A', 120, 80), unit('B', 160, 84), unit('C', 190, 88.29)]));
    expect(s.departments.filter((d) => d.tied).map((d) => d.code)).toEqual(['B', 'C']);
    const [g] = rankStability(SYS, s);
    expect(g!.reversals).toContainEqual({ removed: 'A', a: 'B', b: 'C', before: 'tied', after: 'above' });
    expect(g!.ranges.find((r) => r.code === 'C')).toMatchObject({ rank: 2, hi: 3 });
  });
});
