import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indexSystem,
  loadSystem,
  parseCohort,
  POLICIES,
  scoreCohort,
  scoresToJson,
  sum,
  type Department,
  type Rule,
  type Scores,
  type System,
} from '@/lib/scoring';
import { JULU, cohortDoc, type Json } from '@/tests/scoring/helpers';

// Properties that must hold for any cohort of any valid system (issue 2 §5). numRuns stay modest
// so the file runs in a few seconds on two cores.
const RUNS = { numRuns: 50 };

// ---------- numbers ----------

/** Integer cents as exact decimal text: 12345 → "123.45". */
const centsText = (n: number) => `${n < 0 ? '-' : ''}${Math.trunc(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`;
/** part = whole × k / 1000, in whole units (cents or counts), rounded down or to nearest. */
const scale = (whole: number, k: number, floor = false) => (floor ? Math.floor((whole * k) / 1000) : Math.round((whole * k) / 1000));
/** A per-mille factor that often lands exactly on a julu threshold (85%, 90%, 95%, 99%, 100%, 105%, 115%). */
function factor(min: number, max: number): fc.Arbitrary<number> {
  const hits = [850, 900, 950, 990, 1000, 1050, 1150].filter((k) => k >= min && k <= max);
  return hits.length ? fc.oneof(fc.integer({ min, max }), fc.constantFrom(...hits)) : fc.integer({ min, max });
}

// ---------- julu-2021 departments ----------

const juluIdx = indexSystem(JULU);

function juluDepartmentArb(code: string): fc.Arbitrary<Json> {
  const checklists = fc.record(
    Object.fromEntries(
      juluIdx.checklistLeaves.map(({ leaf }) => [
        leaf.code,
        fc.array(fc.boolean(), { minLength: (leaf.rule as Extract<Rule, { kind: 'checklist' }>).items.length, maxLength: (leaf.rule as Extract<Rule, { kind: 'checklist' }>).items.length }),
      ]),
    ),
  );
  const judgements = fc.record(
    Object.fromEntries(juluIdx.judgementLeaves.map(({ leaf }) => [leaf.code, fc.integer({ min: 0, max: leaf.weight.toNumber() * 100 }).map(centsText)])),
  );
  const threePublic = fc.oneof(
    fc.record({ prev: fc.integer({ min: 1, max: 200_000 }), k: factor(800, 1200) }).map(({ prev, k }) => [prev, scale(prev, k)]),
    fc.constant([0, 0]),
    fc.integer({ min: 1, max: 10_000 }).map((curr) => [0, curr]),
  );
  return fc
    .record({
      group: fc.constantFrom(undefined, '乡镇', '县直部门'),
      staff: fc.record({ auth: fc.integer({ min: 1, max: 200 }), k: factor(800, 1250) }),
      threePublic,
      key: fc.record({ total: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 })), k: factor(700, 1000) }),
      budget: fc.record({ b: fc.integer({ min: 1, max: 10_000_000 }), done: factor(700, 1200), adj: factor(0, 200) }),
      pay: fc.record({ target: fc.integer({ min: 1, max: 10_000_000 }), k: factor(0, 1300) }),
      carry: fc.record({ eb: fc.integer({ min: 1, max: 10_000_000 }), k: factor(0, 700) }),
      pub: fc.record({ b: fc.integer({ min: 1, max: 1_000_000 }), k: factor(900, 1150) }),
      proc: fc.record({ b: fc.integer({ min: 0, max: 30 }), k: factor(800, 1000) }),
      assets: fc.record({ total: fc.integer({ min: 1, max: 10_000_000 }), k: factor(700, 1000) }),
      projects: fc.record({ done: fc.integer({ min: 0, max: 120 }), k: factor(950, 1000) }),
      checklists,
      grade: fc.constantFrom('优秀', '良好', '合格', '不合格', 'excellent', 'good', 'pass', 'fail'),
      judgements,
    })
    .map((r) => ({
      code,
      name: `部门${code}`,
      ...(r.group ? { group: r.group } : {}),
      inputs: {
        staff_authorized: r.staff.auth,
        staff_actual: scale(r.staff.auth, r.staff.k),
        three_public_prev: centsText(r.threePublic[0]!),
        three_public_curr: centsText(r.threePublic[1]!),
        key_project_spending: centsText(scale(r.key.total, r.key.k, true)),
        total_project_spending: centsText(r.key.total),
        budget: centsText(r.budget.b),
        budget_completed: centsText(scale(r.budget.b, r.budget.done)),
        budget_adjusted: centsText(scale(r.budget.b, r.budget.adj)),
        payments: centsText(scale(r.pay.target, r.pay.k)),
        payment_target: centsText(r.pay.target),
        carryover: centsText(scale(r.carry.eb, r.carry.k)),
        expenditure_budget: centsText(r.carry.eb),
        public_expense_actual: centsText(scale(r.pub.b, r.pub.k)),
        public_expense_budget: centsText(r.pub.b),
        procurement_actual: scale(r.proc.b, r.proc.k, true),
        procurement_budgeted: r.proc.b,
        fixed_assets_in_use: centsText(scale(r.assets.total, r.assets.k, true)),
        fixed_assets_total: centsText(r.assets.total),
        projects_completed: r.projects.done,
        projects_qualified: scale(r.projects.done, r.projects.k, true),
      },
      checklists: r.checklists,
      grades: { satisfaction: r.grade },
      judgements: r.judgements,
    }));
}

function departmentsArb(one: (code: string) => fc.Arbitrary<Json>, max: number): fc.Arbitrary<Json[]> {
  return fc.integer({ min: 1, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => one(`d${i}`))));
}

// ---------- random valid systems ----------

/** k positive integers summing to total. */
function partition(total: number, k: number): fc.Arbitrary<number[]> {
  if (k === 1) return fc.constant([total]);
  return fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - points[i]!);
  });
}

/** A leaf rule for leaf number i of weight `cents`; leaf i reads its own fields fi_a and fi_b. */
function ruleArb(i: number, cents: number): fc.Arbitrary<Json> {
  const a = `f${i}_a`;
  const b = `f${i}_b`;
  const thresholds = fc.uniqueArray(fc.integer({ min: -50, max: 300 }), { minLength: 2, maxLength: 2 }).map((t) => t.sort((x, y) => x - y).map((p) => centsText(p)));
  const ratioArb = fc.boolean().map((na) => ({ ratio: [a, b], ...(na ? { on_zero: 'not_applicable' } : {}) }));
  const bandedArb = fc
    .record({ metric: fc.oneof(ratioArb, fc.constant({ change: [a, b] })), better: fc.constantFrom('lower', 'higher'), t: thresholds })
    .map(({ metric, better, t }) => {
      // A ratio is never negative, so its thresholds stay at or above 0.
      const [lo, hi] = 'ratio' in metric ? t.map((x) => (x.startsWith('-') ? x.slice(1) : x)).sort((x, y) => Number(x) - Number(y)) : t;
      const [full, zero] = better === 'lower' ? [lo, hi] : [hi, lo];
      if (full === zero) return { kind: 'banded', metric, better: 'lower', full: '0', zero: '1' };
      return { kind: 'banded', metric, better, full, zero };
    });
  const checklistArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: n }), { minLength: 1, maxLength: n + 1 })
      .chain((mets) => fc.tuple(...mets.map((met) => fc.integer({ min: 0, max: Math.ceil(cents * 1.5) }).map((s) => ({ met, score: centsText(s) })))))
      .map((tiers) => ({ kind: 'checklist', items: Array.from({ length: n }, (_, k) => `要点${k + 1}`), tiers })),
  );
  const gradeArb = fc
    .array(fc.integer({ min: 0, max: Math.ceil(cents * 1.2) }), { minLength: 1, maxLength: 4 })
    .map((scores) => ({ kind: 'grade', grades: scores.map((s, k) => ({ label: `等级${k + 1}`, score: centsText(s) })) }));
  return fc.oneof(
    { arbitrary: bandedArb, weight: 4 },
    { arbitrary: fc.constant({ kind: 'proportional', metric: { ratio: [a, b] } }), weight: 1 },
    { arbitrary: checklistArb, weight: 2 },
    { arbitrary: gradeArb, weight: 1 },
    { arbitrary: fc.constant({ kind: 'judgement', points: ['要点'] }), weight: 1 },
  );
}

interface Generated {
  system: System;
  doc: Json;
}

const systemArb: fc.Arbitrary<Generated> = fc
  .record({
    shape: fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    // Weights in whole points, tenths or cents; a total other than 100 needs an explicit "total".
    unit: fc.constantFrom(100, 10, 1),
    total: fc.oneof({ arbitrary: fc.constant(100), weight: 3 }, { arbitrary: fc.integer({ min: 40, max: 150 }), weight: 1 }),
    policy: fc.constantFrom(...POLICIES),
  })
  .chain(({ shape, unit, total, policy }) => {
    const leafCount = shape.flat().reduce((s, n) => s + n, 0);
    const units = (total * 100) / unit;
    return partition(units, leafCount).chain((parts) => {
      const cents = parts.map((p) => p * unit);
      return fc.tuple(...cents.map((c, i) => ruleArb(i, c))).map((rules) => {
        let i = 0;
        const level1 = shape.map((l2s, a) => {
          const children = l2s.map((n, b) => {
            const leaves = Array.from({ length: n }, () => {
              const k = i++;
              return { code: `leaf${k}`, name: `指标${k}`, weight: centsText(cents[k]!), rule: rules[k]! };
            });
            const w = leaves.reduce((s, l) => s + Number(l.weight.replace('.', '')), 0);
            return { code: `n${a}_${b}`, name: `二级${a}${b}`, weight: centsText(w), children: leaves };
          });
          const w = children.reduce((s, c) => s + Number(c.weight.replace('.', '')), 0);
          return { code: `n${a}`, name: `一级${a}`, weight: centsText(w), children };
        });
        const doc: Json = {
          format: 'dept-scorecard/system@1',
          id: 'random',
          name: '随机体系',
          interpolation: policy,
          ...(total !== 100 ? { total } : {}),
          indicators: level1,
        };
        return { system: loadSystem(doc).system, doc };
      });
    });
  });

/** A valid department for a generated system. */
function randomDepartmentArb(system: System, code: string): fc.Arbitrary<Json> {
  const leaves = indexSystem(system).leaves;
  const parts = leaves.map(({ leaf }, i): fc.Arbitrary<Json> => {
    const rule = leaf.rule;
    const [a, b] = [`f${i}_a`, `f${i}_b`];
    switch (rule.kind) {
      case 'banded':
      case 'proportional':
        if ('change' in rule.metric) {
          return fc.oneof(
            fc.record({ prev: fc.integer({ min: 1, max: 100_000 }), k: fc.integer({ min: -100, max: 400 }) }).map(({ prev, k }) => ({
              inputs: { [a]: centsText(Math.max(0, Math.round((prev * (100 + k)) / 100))), [b]: centsText(prev) },
            })),
            fc.integer({ min: 0, max: 50 }).map((curr) => ({ inputs: { [a]: centsText(curr), [b]: '0' } })),
          );
        }
        {
          const value = fc
            .record({ den: fc.integer({ min: 1, max: 100_000 }), k: fc.integer({ min: 0, max: 350 }) })
            .map(({ den, k }) => ({ inputs: { [a]: centsText(Math.round((den * k) / 100)), [b]: centsText(den) } }));
          // A zero denominator only where the system declares it not applicable.
          return rule.metric.on_zero === 'not_applicable' ? fc.oneof(value, fc.constant({ inputs: { [a]: '0', [b]: '0' } })) : value;
        }
      case 'checklist':
        return fc.array(fc.boolean(), { minLength: rule.items.length, maxLength: rule.items.length }).map((v) => ({ checklists: { [leaf.code]: v } }));
      case 'grade':
        return fc.constantFrom(...rule.grades.map((g) => g.label)).map((g) => ({ grades: { [leaf.code]: g } }));
      case 'judgement':
        return fc.integer({ min: 0, max: leaf.weight.times(100).toNumber() }).map((v) => ({ judgements: { [leaf.code]: centsText(v) } }));
    }
  });
  return fc.tuple(fc.constantFrom(undefined, '甲', '乙'), ...parts).map(([group, ...ps]) => {
    const merged: Record<string, Json> = { inputs: {}, checklists: {}, grades: {}, judgements: {} };
    for (const p of ps) for (const [k, v] of Object.entries(p)) Object.assign(merged[k]!, v);
    return { code, name: `部门${code}`, ...(group ? { group } : {}), ...merged };
  });
}

// Counterexamples print the system document (or the built-in id) and the departments, never the parsed System.
const randomCohortArb = systemArb.chain((g) =>
  departmentsArb((code) => randomDepartmentArb(g.system, code), 7).map((raw) => ({
    system: g.system,
    raw,
    [fc.toStringMethod]: () => `system ${JSON.stringify(g.doc)}\ndepartments ${JSON.stringify(raw)}`,
  })),
);
const juluCohortArb = departmentsArb(juluDepartmentArb, 10).map((raw) => ({
  system: JULU,
  raw,
  [fc.toStringMethod]: () => `system julu-2021\ndepartments ${JSON.stringify(raw)}`,
}));

function parseValid(system: System, raw: Json[]): Department[] {
  const r = parseCohort(cohortDoc(system, raw), system);
  if (!r.ok) throw new Error(`generator produced an invalid cohort: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r.cohort.departments;
}

// ---------- properties ----------

/** Fails with a message; plain throws keep the inner loops cheap (thousands of checks per run). */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

function checkBounds(system: System, scores: Scores) {
  const idx = indexSystem(system);
  for (const d of scores.departments) {
    for (const { leaf } of idx.leaves) {
      const s = d.indicators[leaf.code]!.score;
      check(s.gte(0) && s.lte(leaf.weight), () => `${d.code}.${leaf.code} = ${s} is outside 0–${leaf.weight}`);
      check(s.decimalPlaces() <= 2, () => `${d.code}.${leaf.code} = ${s} has more than 2 decimals`);
    }
  }
}

function checkSums(system: System, scores: Scores) {
  const idx = indexSystem(system);
  for (const d of scores.departments) {
    const leavesUnder = (pick: (l: (typeof idx.leaves)[number]) => boolean) => sum(idx.leaves.filter(pick).map((l) => d.indicators[l.leaf.code]!.score));
    for (const { node } of idx.level2) {
      const want = leavesUnder((l) => l.level2 === node.code);
      check(d.level2[node.code]!.eq(want), () => `${d.code} level-2 ${node.code} = ${d.level2[node.code]} ≠ ${want}`);
    }
    for (const l1 of idx.level1) {
      const want = leavesUnder((l) => l.level1 === l1.code);
      check(d.level1[l1.code]!.eq(want), () => `${d.code} level-1 ${l1.code} = ${d.level1[l1.code]} ≠ ${want}`);
    }
    check(d.total.eq(sum(Object.values(d.level1))), () => `${d.code} total ${d.total} ≠ sum of level-1`);
    check(d.total.eq(leavesUnder(() => true)), () => `${d.code} total ${d.total} ≠ sum of leaves`);
    check(d.total.lte(system.total), () => `${d.code} total ${d.total} > ${system.total}`);
  }
}

function checkOrderIndependence(system: System, departments: Department[], permutation: number[]) {
  const shuffled = permutation.map((i) => departments[i]!);
  for (const policy of POLICIES) {
    const a = scoresToJson(scoreCohort(system, departments, { policy }), { explain: true });
    const b = scoresToJson(scoreCohort(system, shuffled, { policy }), { explain: true });
    // Byte-for-byte: the printed Scores JSON must not depend on input order either.
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }
}

type Banded = Extract<Rule, { kind: 'banded' }>;

/** Under `thresholds` a banded score is a function of x alone, and never decreases as x gets better. */
function checkMonotone(system: System, departments: Department[]) {
  const scores = scoreCohort(system, departments, { policy: 'thresholds' });
  for (const { leaf } of indexSystem(system).leaves) {
    if (leaf.rule.kind !== 'banded') continue;
    const rule = leaf.rule as Banded;
    const points = scores.departments.flatMap((d) => {
      const s = d.indicators[leaf.code]!;
      return s.value?.kind === 'value' ? [{ x: s.value.x, score: s.score, code: d.code }] : [];
    });
    for (const p of points) {
      for (const q of points) {
        const pBetter = rule.better === 'lower' ? p.x.lte(q.x) : p.x.gte(q.x);
        if (pBetter) check(p.score.gte(q.score), () => `${leaf.code}: ${p.code} (x = ${p.x}) scores ${p.score} < ${q.code} (x = ${q.x}) ${q.score}`);
      }
    }
  }
}

// Exact rational reference for banded scores under `thresholds`, independent of decimal.js.
type Frac = [bigint, bigint];
const frac = (text: string): Frac => {
  const neg = text.startsWith('-');
  const [int = '0', dec = ''] = (neg ? text.slice(1) : text).split('.');
  const n = BigInt(int + dec) * (neg ? -1n : 1n);
  return [n, 10n ** BigInt(dec.length)];
};
const sub = (a: Frac, b: Frac): Frac => [a[0] * b[1] - b[0] * a[1], a[1] * b[1]];
const mul = (a: Frac, b: Frac): Frac => [a[0] * b[0], a[1] * b[1]];
const div = (a: Frac, b: Frac): Frac => (b[0] < 0n ? [-a[0] * b[1], -a[1] * b[0]] : [a[0] * b[1], a[1] * b[0]]);
const cmp = (a: Frac, b: Frac) => {
  const d = a[0] * b[1] - b[0] * a[1];
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** Half-up to cents of a non-negative fraction, as text. */
const centsOf = (a: Frac) => centsText(Number((a[0] * 200n + a[1]) / (2n * a[1])));

function exactBanded(rule: Banded, weight: string, inputs: Record<string, { toFixed(): string }>): string | null {
  const [p, q] = 'ratio' in rule.metric ? rule.metric.ratio : rule.metric.change;
  const first = frac(inputs[p]!.toFixed());
  const second = frac(inputs[q]!.toFixed());
  if (second[0] === 0n) return null;
  const x = 'ratio' in rule.metric ? div(first, second) : div(sub(first, second), second);
  const full = frac(rule.full.toFixed());
  const zero = frac(rule.zero.toFixed());
  const w = frac(weight);
  const lower = rule.better === 'lower';
  if (lower ? cmp(x, full) <= 0 : cmp(x, full) >= 0) return centsOf(w);
  if (lower ? cmp(x, zero) >= 0 : cmp(x, zero) <= 0) return '0.00';
  const part = lower ? sub(zero, x) : sub(x, zero);
  const span = lower ? sub(zero, full) : sub(full, zero);
  return centsOf(mul(div(part, span), w));
}

function checkExact(system: System, departments: Department[]) {
  const scores = scoreCohort(system, departments, { policy: 'thresholds' });
  const byCode = new Map(departments.map((d) => [d.code, d]));
  for (const d of scores.departments) {
    for (const { leaf } of indexSystem(system).leaves) {
      if (leaf.rule.kind !== 'banded') continue;
      const want = exactBanded(leaf.rule, leaf.weight.toFixed(), byCode.get(d.code)!.inputs);
      const got = d.indicators[leaf.code]!.score.toFixed(2);
      if (want !== null) check(got === want, () => `${d.code}.${leaf.code} scored ${got}, exactly ${want}`);
    }
  }
}

const permutationOf = (n: number) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n });

describe.each([
  ['the built-in julu-2021', juluCohortArb],
  ['randomly generated valid systems', randomCohortArb],
])('scoring properties on random cohorts of %s', (_label, arb) => {
  it('every leaf score lies between 0 and its weight, under every policy', () => {
    fc.assert(
      fc.property(arb, ({ system, raw }) => {
        const departments = parseValid(system, raw);
        for (const policy of POLICIES) checkBounds(system, scoreCohort(system, departments, { policy }));
      }),
      RUNS,
    );
  });

  it('level scores are the sums of their leaves and the total is the sum of level-1, under every policy', () => {
    fc.assert(
      fc.property(arb, ({ system, raw }) => {
        const departments = parseValid(system, raw);
        for (const policy of POLICIES) checkSums(system, scoreCohort(system, departments, { policy }));
      }),
      RUNS,
    );
  });

  it('shuffling the department order changes no score, rank or cohort statistic', () => {
    fc.assert(
      fc.property(
        arb.chain((c) => fc.tuple(fc.constant(c), permutationOf(c.raw.length))),
        ([{ system, raw }, perm]) => checkOrderIndependence(system, parseValid(system, raw), perm),
      ),
      RUNS,
    );
  });

  it('under thresholds a better value never scores less', () => {
    fc.assert(
      fc.property(arb, ({ system, raw }) => checkMonotone(system, parseValid(system, raw))),
      RUNS,
    );
  });

  it('under thresholds every banded score equals the exact fraction rounded half-up to the cent', () => {
    fc.assert(
      fc.property(arb, ({ system, raw }) => checkExact(system, parseValid(system, raw))),
      RUNS,
    );
  });
});

describe('the generators themselves', () => {
  it('random systems load without errors and use every rule kind', () => {
    const kinds = new Set<string>();
    for (const { system } of fc.sample(systemArb, 80)) for (const { leaf } of indexSystem(system).leaves) kinds.add(leaf.rule.kind);
    expect([...kinds].sort()).toEqual(['banded', 'checklist', 'grade', 'judgement', 'proportional']);
  });

  it.each([
    ['julu-2021', juluCohortArb],
    ['random systems', randomCohortArb],
  ])('cohorts of %s reach every status, so the properties see every path', (_label, arb) => {
    const statuses = new Set<string>();
    for (const { system, raw } of fc.sample(arb, 60)) {
      for (const d of scoreCohort(system, parseValid(system, raw)).departments) for (const l of Object.values(d.indicators)) statuses.add(l.status);
    }
    expect([...statuses].sort()).toEqual(['fallback', 'full', 'grade', 'interpolated', 'judgement', 'not_applicable', 'proportional', 'tier', 'zero']);
  });
});
