import { D, fmtPlain, indexSystem, renderExplanation, type DepartmentScore, type ExplainLocale, type InputText, type LeafScore, type System } from '@/lib/scoring';
import { pointsLost } from '@/lib/stats';
import { fmtQuantity, fmtRate, fmtScore, fmtSigned } from '../format';
import type { ExplanationView, InputLine } from './types';

/** Inputs as the engine's renderer names them, amounts with their units and digit grouping. */
export function inputLines(inputs: InputText[]): InputLine[] {
  return inputs.map((i) => ({ key: i.key, label: i.label, text: i.field ? fmtQuantity(i.value, i.field) : i.value, ...(i.met === false ? { failed: true } : {}) }));
}

/** One leaf score and why, in the viewer's language (the engine renders the sentences). */
export function explanationView(system: System, d: DepartmentScore, s: LeafScore, locale: ExplainLocale): ExplanationView {
  const info = indexSystem(system).byCode.get(s.code)!;
  const l1 = system.indicators.find((n) => n.code === info.level1)!;
  const l2 = info.level2 ? l1.children.find((n) => n.code === info.level2) : undefined;
  const e = s.explanation;
  const text = renderExplanation(e, system, locale);
  const banded = e.rule === 'banded' ? e : null;
  const interpolation = banded?.interpolation ?? null;
  return {
    department: { code: d.code, name: d.name },
    indicator: { code: s.code, name: info.leaf.name, weight: fmtPlain(s.weight), level1Name: l1.name, level2Name: l2?.name ?? null },
    score: fmtScore(s.score),
    status: s.status,
    pointsLost: fmtScore(pointsLost(s)),
    ruleText: text.rule,
    inputs: inputLines(text.inputs),
    valueText: text.value,
    full: banded ? fmtRate(new D(banded.full)) : null,
    zero: banded ? fmtRate(new D(banded.zero)) : null,
    band: banded?.band ?? null,
    policy: banded?.policy ?? null,
    basis: interpolation?.basis ?? null,
    min: interpolation ? `${interpolation.terms.min}%` : null,
    max: interpolation ? `${interpolation.terms.max}%` : null,
    qualifying: interpolation && interpolation.basis === 'cohort' ? interpolation.qualifying : null,
    sets: text.sets,
    capped: e.capped,
    formula: text.formula,
    target: text.target,
    self: s.self ? fmtScore(s.self) : null,
    selfDiff: s.selfDiff ? fmtSigned(s.selfDiff) : null,
  };
}
