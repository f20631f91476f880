import { fmtPlain, indexSystem, type DepartmentScore, type LeafScore, type System } from '@/lib/scoring';
import { pointsLost } from '@/lib/stats';
import { fmtQuantity, fmtRate, fmtScore, fmtSigned } from '../format';
import type { ExplanationView, InputLine } from './types';

/** Raw inputs with their Chinese names and units; checklist items and grades as given. */
export function inputLines(system: System, inputs: Record<string, string>): InputLine[] {
  return Object.entries(inputs).map(([key, raw]) => {
    const info = system.fields[key];
    if (info) return { key, label: info.name, text: fmtQuantity(raw, info) };
    const item = /^(.+)\.(\d+)$/.exec(key);
    const leaf = item ? indexSystem(system).byCode.get(item[1]!)?.leaf : indexSystem(system).byCode.get(key)?.leaf;
    if (item && leaf?.rule.kind === 'checklist') {
      const text = leaf.rule.items[Number(item[2]) - 1];
      return { key, label: `要点 ${item[2]}${text ? `：${text}` : ''}`, text: raw };
    }
    return { key, label: leaf?.name ?? key, text: raw };
  });
}

export function explanationView(system: System, d: DepartmentScore, s: LeafScore): ExplanationView {
  const info = indexSystem(system).byCode.get(s.code)!;
  const l1 = system.indicators.find((n) => n.code === info.level1)!;
  const l2 = info.level2 ? l1.children.find((n) => n.code === info.level2) : undefined;
  const e = s.explanation;
  return {
    department: { code: d.code, name: d.name },
    indicator: { code: s.code, name: info.leaf.name, weight: fmtPlain(s.weight), level1Name: l1.name, level2Name: l2?.name ?? null },
    score: fmtScore(s.score),
    status: s.status,
    pointsLost: fmtScore(pointsLost(s)),
    ruleText: e.ruleText,
    inputs: inputLines(system, e.inputs),
    valueText: e.valueText ?? null,
    full: e.full ? fmtRate(e.full) : null,
    zero: e.zero ? fmtRate(e.zero) : null,
    band: e.band ?? null,
    policy: e.policy ?? null,
    basis: e.basis ?? null,
    min: e.min ? fmtRate(e.min) : null,
    max: e.max ? fmtRate(e.max) : null,
    n: e.n ?? null,
    capped: e.capped ?? false,
    formula: e.formula,
    target: e.target,
    self: s.self ? fmtScore(s.self) : null,
    selfDiff: s.selfDiff ? fmtSigned(s.selfDiff) : null,
  };
}
