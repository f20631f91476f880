import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indexSystem,
  loadSystem,
  parseCohort,
  POLICIES,
  scoreCohort,
  type Policy,
  scoresToJson,
  sum,
  type Department,
  type Rule,
  type Scores,
  type System,
} from '@/lib/scoring';
import { JULU, cohortDoc, systemDoc, type Json } from '@/tests/scoring/helpers';
import { oracleBanded } from '@/tests/scoring/oracle';

// Properties that must hold for any cohort of any valid system (issue 2 §5), and exactness against
// an independent oracle under every policy with amounts of up to 15 significant digits and
// constructed half-cent ties (issue 11 §1). numRuns stay modest so the file runs in a few seconds
// on two cores.
const RUNS = { numRuns: 50 };

// ---------- numbers ----------

/** Integer cents as exact decimal text: 12345 → "123.45". */
const centsText = (n: number) => `${n < 0 ? '-' : ''}${Math.trunc(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`;
/** Integer cents (a bigint) as exact decimal text. */
const bigCentsText = (n: bigint) => {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
/** part = whole × k / 1000 in BigInt, rounded down or to nearest. */
const scaleBig = (whole: bigint, k: number, floor = false) => (floor ? (whole * BigInt(k)) / 1000n : (whole * BigInt(k) * 2n + 1000n) / 2000n);
/** An amount in cents: small (up to 10^5 万元) or with 13 to 15 significant digits. */
const amountArb = (min: number, max: number) =>
  fc.oneof({ arbitrary: fc.integer({ min, max }).map(BigInt), weight: 3 }, { arbitrary: fc.bigInt({ min: 10n ** 12n, max: 10n ** 15n - 1n }), weight: 1 });
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
    fc.record({ prev: amountArb(1, 200_000), k: factor(800, 1200) }).map(({ prev, k }) => [prev, scaleBig(prev, k)]),
    fc.constant([0n, 0n]),
    fc.integer({ min: 1, max: 10_000 }).map((curr) => [0n, BigInt(curr)]),
  );
  return fc
    .record({
      group: fc.constantFrom(undefined, '乡镇', '县直部门'),
      staff: fc.record({ auth: fc.integer({ min: 1, max: 200 }), k: factor(800, 1250) }),
      threePublic,
      key: fc.record({ total: fc.oneof(fc.constant(0n), amountArb(1, 10_000_000)), k: factor(700, 1000) }),
      budget: fc.record({ b: amountArb(1, 10_000_000), done: factor(700, 1200), adj: factor(0, 200) }),
      pay: fc.record({ target: amountArb(1, 10_000_000), k: factor(0, 1300) }),
      carry: fc.record({ eb: amountArb(1, 10_000_000), k: factor(0, 700) }),
      pub: fc.record({ b: amountArb(1, 1_000_000), k: factor(900, 1150) }),
      proc: fc.record({ b: fc.integer({ min: 0, max: 30 }), k: factor(800, 1000) }),
      assets: fc.record({ total: amountArb(1, 10_000_000), k: factor(700, 1000) }),
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
        three_public_prev: bigCentsText(r.threePublic[0]!),
        three_public_curr: bigCentsText(r.threePublic[1]!),
        key_project_spending: bigCentsText(scaleBig(r.key.total, r.key.k, true)),
        total_project_spending: bigCentsText(r.key.total),
        budget: bigCentsText(r.budget.b),
        budget_completed: bigCentsText(scaleBig(r.budget.b, r.budget.done)),
        budget_adjusted: bigCentsText(scaleBig(r.budget.b, r.budget.adj)),
        payments: bigCentsText(scaleBig(r.pay.target, r.pay.k)),
        payment_target: bigCentsText(r.pay.target),
        carryover: bigCentsText(scaleBig(r.carry.eb, r.carry.k)),
        expenditure_budget: bigCentsText(r.carry.eb),
        public_expense_actual: bigCentsText(scaleBig(r.pub.b, r.pub.k)),
        public_expense_budget: bigCentsText(r.pub.b),
        procurement_actual: scale(r.proc.b, r.proc.k, true),
        procurement_budgeted: r.proc.b,
        fixed_assets_in_use: bigCentsText(scaleBig(r.assets.total, r.assets.k, true)),
        fixed_assets_total: bigCentsText(r.assets.total),
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
          // A total other than 100 must declare its grade bands (spec §7).
          ...(total !== 100 ? { total, grades: [{ label: '甲', min: Math.floor(total * 0.8) }, { label: '乙', min: 0 }] } : {}),
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
            fc.record({ prev: amountArb(1, 100_000), k: fc.integer({ min: -100, max: 400 }) }).map(({ prev, k }) => ({
              inputs: { [a]: bigCentsText(scaleBig(prev, (100 + k) * 10)), [b]: bigCentsText(prev) },
            })),
            fc.integer({ min: 0, max: 50 }).map((curr) => ({ inputs: { [a]: centsText(curr), [b]: '0' } })),
          );
        }
        {
          const value = fc
            .record({ den: amountArb(1, 100_000), k: fc.integer({ min: 0, max: 350 }) })
            .map(({ den, k }) => ({ inputs: { [a]: bigCentsText(scaleBig(den, k * 10)), [b]: bigCentsText(den) } }));
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

/** Every banded score and status equals the independent exact oracle (tests/scoring/oracle.ts). */
function checkOracle(system: System, raw: Json[], departments: Department[], policy: Policy) {
  const scores = scoreCohort(system, departments, { policy });
  const want = oracleBanded(system, raw, policy);
  for (const d of scores.departments) {
    for (const [leaf, e] of Object.entries(want[d.code]!)) {
      const got = d.indicators[leaf]!;
      check(got.score.toFixed(2) === e.score && got.status === e.status, () => `${policy}: ${d.code}.${leaf} scored ${got.score.toFixed(2)} (${got.status}), exactly ${e.score} (${e.status})`);
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
      fc.property(arb, ({ system, raw }) => checkOracle(system, raw, parseValid(system, raw), 'thresholds')),
      RUNS,
    );
  });

  it.each(['cohort-in-band', 'cohort-all'] as const)('under %s every banded score and status equals the exact oracle', (policy) => {
    fc.assert(
      fc.property(arb, ({ system, raw }) => checkOracle(system, raw, parseValid(system, raw), policy)),
      RUNS,
    );
  });
});

// ---------- constructed half-cent ties ----------

/**
 * One banded leaf x = a / b (full marks at 100 %, zero at 300 %) of weight W, and a group whose min
 * and max are set so that w·(max − x)/(max − min) (or (x − min)) is exactly k + ½ cents for the tie
 * departments: with max − min = 2·W·v (in cents of `a`, over a common b), a = max − (2k + 1)·v. The
 * amounts have 13–15 significant digits. Under cohort-in-band the setters lie inside the band
 * (and departments outside it must not move them); under cohort-all they lie outside it.
 */
const tieCohortArb = fc
  .record({
    policy: fc.constantFrom<'cohort-in-band' | 'cohort-all'>('cohort-in-band', 'cohort-all'),
    better: fc.constantFrom<'lower' | 'higher'>('lower', 'higher'),
    weightCents: fc.integer({ min: 1, max: 2000 }),
    b: fc.bigInt({ min: 10n ** 12n, max: 10n ** 15n - 1n }),
    shift: fc.integer({ min: 1, max: 1000 }),
    vPart: fc.integer({ min: 1, max: 1000 }),
    ks: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ policy, better, weightCents, b, shift, vPart, ks }) => {
    const W = BigInt(weightCents);
    let lo: bigint;
    let v: bigint;
    if (policy === 'cohort-in-band') {
      // min just above 100 %, span up to half the band.
      lo = b + 1n + (b * BigInt(shift)) / 4000n;
      v = ((b / 2n) * BigInt(vPart)) / 1000n / (2n * W) || 1n;
    } else {
      // min at 50 % (full marks), max near 400 % (zero): both outside the band.
      lo = b / 2n;
      v = (b * 7n) / 2n / (2n * W);
    }
    const hi = lo + 2n * W * v;
    // Tie values strictly inside the band (b, 3b) and strictly between min and max.
    const ties = ks
      .map((k) => BigInt(k) % W)
      .map((k) => (better === 'lower' ? hi - (2n * k + 1n) * v : lo + (2n * k + 1n) * v))
      .filter((a) => a > b && a < 3n * b);
    const amounts = [lo, hi, ...ties, ...(policy === 'cohort-in-band' ? [b / 3n, 4n * b] : [])];
    const [full, zero] = better === 'lower' ? ['1', '3'] : ['3', '1'];
    const doc = systemDoc([{ code: 'x', name: '测试率', weight: bigCentsText(W), rule: { kind: 'banded', metric: { ratio: ['a', 'b'] }, better, full, zero } }], {
      interpolation: policy,
    });
    const raw = amounts.map((a, i) => ({ code: `t${i}`, name: `单位${i}`, inputs: { a: bigCentsText(a), b: bigCentsText(b) }, judgements: { rest: 0 } }));
    return { policy, doc, raw, ties: ties.length, [fc.toStringMethod]: () => `system ${JSON.stringify(doc)}\ndepartments ${JSON.stringify(raw)}` };
  });

describe('constructed half-cent ties with 15-digit amounts', () => {
  it('under cohort-in-band and cohort-all every tie rounds up, as the oracle says, and the setters are as constructed', () => {
    let tiesSeen = 0;
    fc.assert(
      fc.property(tieCohortArb, ({ policy, doc, raw, ties }) => {
        const system = loadSystem(doc).system;
        const departments = parseValid(system, raw);
        checkOracle(system, raw, departments, policy);
        const scores = scoreCohort(system, departments, { policy });
        // The setters t0 and t1 bound the interpolation, so the ties really are half-cents.
        const stat = scores.cohort['全部']!.x!;
        check(stat.basis === 'cohort' && !stat.fallback, () => `expected min/max from the cohort, got ${JSON.stringify(stat)}`);
        for (let i = 2; i < 2 + ties; i++) {
          const l = scores.departments.find((d) => d.code === `t${i}`)!.indicators.x!;
          check(l.status === 'interpolated', () => `t${i} is ${l.status}`);
        }
        tiesSeen += ties;
      }),
      { numRuns: 100 },
    );
    expect(tiesSeen).toBeGreaterThan(100);
  });

  it('a tie of exactly x.xx5 is scored up, never down (one worked case)', () => {
    // W = 1.00, min = 1.2, max = 1.4 over b = 123456789012.34 万元: x = max − 0.1 × 0.2/… gives 0.50 + ½ cent.
    const b = 12345678901234n;
    const lo = (b * 12n) / 10n;
    const v = 1000n;
    const hi = lo + 2n * 100n * v;
    const a = hi - (2n * 50n + 1n) * v; // (hi − a)/(hi − lo) × 100 cents = 101/2 = 50.5 cents
    const doc = systemDoc([{ code: 'x', name: '测试率', weight: '1', rule: { kind: 'banded', metric: { ratio: ['a', 'b'] }, better: 'lower', full: '1', zero: '3' } }]);
    const system = loadSystem(doc).system;
    const raw = [lo, hi, a].map((n, i) => ({ code: `t${i}`, name: `单位${i}`, inputs: { a: bigCentsText(n), b: bigCentsText(b) }, judgements: { rest: 0 } }));
    const s = scoreCohort(system, parseValid(system, raw));
    expect(s.departments.find((d) => d.code === 't2')!.indicators.x!.score.toFixed(2)).toBe('0.51');
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
