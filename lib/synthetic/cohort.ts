import { D, indexSystem, metricFields, type Metric, type System } from '@/lib/scoring';

/** A small seeded PRNG (mulberry32): benches and load tests must be reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  seed?: number;
  groups?: string[];
  round?: { name: string; year: number };
  codePrefix?: string;
}

/**
 * A valid cohort@1 document of `n` departments for any system. Metric values are spread across and
 * beyond each banded rule's band, so every status occurs.
 */
export function syntheticCohort(system: System, n: number, opts: SyntheticOptions = {}) {
  const rand = prng(opts.seed ?? 1);
  const groups = opts.groups ?? ['乡镇', '县直部门'];
  const idx = indexSystem(system);
  const metrics: { metric: Metric; lo: number; hi: number }[] = [];
  for (const { leaf } of idx.leaves) {
    const r = leaf.rule;
    if (r.kind === 'banded') {
      const a = Math.min(r.full.toNumber(), r.zero.toNumber());
      const b = Math.max(r.full.toNumber(), r.zero.toNumber());
      const pad = (b - a) * 0.6;
      metrics.push({ metric: r.metric, lo: Math.max(a - pad, r.metric && 'change' in r.metric ? -0.9 : 0), hi: b + pad });
    } else if (r.kind === 'proportional') metrics.push({ metric: r.metric, lo: 0.7, hi: 1.1 });
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;

  const departments = Array.from({ length: n }, (_, i) => {
    const inputs: Record<string, string> = {};
    const amount = (key: string, x: number) => {
      const info = system.fields[key];
      return info?.integer ? String(Math.max(info.positive ? 1 : 0, Math.round(x))) : new D(round2(x)).toFixed();
    };
    for (const { metric, lo, hi } of metrics) {
      const [numKey, denKey] = metricFields(metric);
      inputs[denKey] ??= amount(denKey, system.fields[denKey]?.integer ? 5 + rand() * 200 : 50 + rand() * 5000);
      const den = Number(inputs[denKey]);
      let x = lo + rand() * (hi - lo);
      // A part of a whole, as the system declares it, never exceeds the whole.
      if ('ratio' in metric && metric.at_most_one) x = Math.min(x, 1);
      if (inputs[numKey] === undefined) {
        const v = 'ratio' in metric ? den * x : den * (1 + x);
        inputs[numKey] = amount(numKey, Math.max(0, Math.min(v, 'ratio' in metric && x <= 1 ? den : Infinity)));
      }
    }
    const checklists: Record<string, boolean[]> = {};
    for (const { leaf } of idx.checklistLeaves) {
      if (leaf.rule.kind === 'checklist') checklists[leaf.code] = leaf.rule.items.map(() => rand() < 0.85);
    }
    const grades: Record<string, string> = {};
    for (const { leaf } of idx.gradeLeaves) {
      if (leaf.rule.kind === 'grade') grades[leaf.code] = leaf.rule.grades[Math.floor(rand() * leaf.rule.grades.length)]!.label;
    }
    const judgements: Record<string, string> = {};
    for (const { leaf } of idx.judgementLeaves) {
      judgements[leaf.code] = leaf.weight.times(0.6 + rand() * 0.4).toDecimalPlaces(1).toFixed();
    }
    return {
      code: `${opts.codePrefix ?? 'd'}${String(i + 1).padStart(5, '0')}`,
      name: `单位${i + 1}`,
      group: groups[i % groups.length]!,
      inputs,
      checklists,
      grades,
      judgements,
    };
  });
  return {
    format: 'dept-scorecard/cohort@1',
    system: system.id,
    round: opts.round ?? { name: '合成评价轮次', year: 2021 },
    departments,
  };
}
