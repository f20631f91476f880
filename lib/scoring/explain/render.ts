import { percentText, rationalOfScaled, scaledOfText } from '../exact';
import { indexSystem } from '../system-index';
import type { FieldInfo, System } from '../types';
import { en, zhCN, type ExplainMessages } from './messages';
import { formatQuantity } from './quantity';
import type { BandedExplanation, Explanation, MetricFacts, ProportionalExplanation, ValueFacts } from './types';

export const EXPLAIN_LOCALES = ['zh-CN', 'en'] as const;
export type ExplainLocale = (typeof EXPLAIN_LOCALES)[number];

/** One input the rule read, ready to show: the field's or item's name, and the value as given. */
export interface InputText {
  key: string;
  label: string;
  /** Decimal text, a grade label, or yes/no in the viewer's language. */
  value: string;
  /** The field's unit (万元, 人…), for input fields that have one. */
  unit?: string;
  field?: FieldInfo;
  /** For a checklist point: whether it is met (the page marks the ones that are not). */
  met?: boolean;
}

/** An explanation in one language. */
export interface ExplanationText {
  /** The rule in words. */
  rule: string;
  /** x as a percentage, "not applicable" or "∞"; null for rules without a metric. */
  value: string | null;
  /** The computation with the numbers filled in. */
  formula: string;
  /** What earns full marks. */
  target: string;
  /** That the unit's own value is the group's min or max, which every in-band score hangs on; null otherwise. */
  sets: string | null;
  inputs: InputText[];
}

export function explainMessages(locale: ExplainLocale): ExplainMessages {
  return locale === 'en' ? en : zhCN;
}

const pct = (p: string) => `${p}%`;
/** A threshold (exact decimal text of a fraction) as a percentage: "1.15" → "115.00%". */
const thresholdPct = (d: string) => pct(percentText(rationalOfScaled(scaledOfText(d))));

/**
 * Renders an explanation in zh-CN or English. Pure: the names of the indicator, of input fields
 * and of checklist items come from `system`, everything else from the explanation itself.
 */
export function renderExplanation(e: Explanation, system: System, locale: ExplainLocale): ExplanationText {
  const m = explainMessages(locale);
  const leaf = indexSystem(system).byCode.get(e.leaf)?.leaf;
  const leafName = leaf?.name ?? e.leaf;
  const field = (key: string) => system.fields[key]?.name ?? key;
  const inputs = renderInputs(e, system, m);
  switch (e.rule) {
    case 'banded':
      return {
        rule: bandedRuleText(e, m),
        value: valueText(e.value, m),
        formula: bandedFormula(e, m, field),
        target: metricTarget(e, m, leafName, field, system),
        sets: e.sets ? m.setsScale(e.sets) : null,
        inputs,
      };
    case 'proportional':
      return {
        rule: m.proportionalRule(leafName),
        value: valueText(e.value, m),
        formula: proportionalFormula(e, m, field),
        target: metricTarget(e, m, leafName, field, system),
        sets: null,
        inputs,
      };
    case 'checklist': {
      let formula = e.tier ? m.checklistReached(e.met, e.of, e.tier.met, e.tier.score) : m.checklistNone(e.met, e.of);
      if (e.capped) formula += m.cappedAt(e.weight);
      return {
        rule: e.tiers.map((t) => m.checklistTier(t.met, t.score)).join(m.listSep),
        value: null,
        formula: m.withResult(formula, e.score),
        target:
          (e.itemsForFull === null
            ? m.checklistTargetNone(leafName, e.weight)
            : e.itemsForFull === e.of
              ? m.checklistTargetAll(leafName, e.itemsForFull)
              : m.checklistTargetAtLeast(leafName, e.itemsForFull)) + (e.itemsForFull !== null && e.met >= e.itemsForFull ? '' : unmetPoints(e, m)),
        sets: null,
        inputs,
      };
    }
    case 'grade':
      return {
        rule: e.grades.map((g) => m.gradeOption(g.label, g.score)).join(m.listSep),
        value: null,
        formula: m.grade(e.label, e.labelScore, e.capped ? e.weight : null, e.score),
        target: m.gradeTarget(leafName, e.best),
        sets: null,
        inputs,
      };
    case 'judgement':
      return {
        rule: m.judgementRule(e.weight),
        value: null,
        formula:
          e.given === null
            ? m.judgementPending(e.weight)
            : e.panel
              ? m.judgementPanel(e.panel.scores.map((p) => `${p.by} ${p.score}`).join(m.listSep), e.panel.trimmed, e.score, e.panel.spread, e.panel.flagged, e.weight)
              : m.judgement(e.score, e.weight),
        target: m.judgementTarget(leafName, e.weight),
        sets: null,
        inputs,
      };
  }
}

function cmps(better: 'lower' | 'higher'): [string, string] {
  return better === 'lower' ? ['≤', '≥'] : ['≥', '≤'];
}

function bandedRuleText(e: Pick<BandedExplanation, 'better' | 'full' | 'zero' | 'policy'>, m: ExplainMessages): string {
  const [fullCmp, zeroCmp] = cmps(e.better);
  return m.bandedRule(fullCmp, thresholdPct(e.full), zeroCmp, thresholdPct(e.zero), m.policy[e.policy]);
}

function valueText(v: ValueFacts, m: ExplainMessages): string {
  return v.kind === 'value' ? pct(v.percent) : v.kind === 'infinite' ? m.infinite : m.notApplicable;
}

/** Why a value is not applicable or infinite, in the words of the inputs; null for a plain value. */
function specialValue(v: ValueFacts, metric: MetricFacts, score: string, m: ExplainMessages, field: (k: string) => string): string | null {
  if (v.kind === 'value') return null;
  const [a, b] = metric.fields;
  if (v.kind === 'not_applicable') {
    const reason = metric.kind === 'ratio' ? m.ratioNotApplicable(field(b)) : m.changeNotApplicable(field(b), field(a));
    return m.fullMarksResult(reason, score);
  }
  return m.zeroResult(m.changeInfinite(field(b), field(a)), score);
}

function bandedFormula(e: BandedExplanation, m: ExplainMessages, field: (k: string) => string): string {
  const special = specialValue(e.value, e.metric, e.score, m, field);
  if (special !== null || e.value.kind !== 'value') return special!;
  const x = pct(e.value.percent);
  const [fullCmp, zeroCmp] = cmps(e.better);
  if (e.band === 'full') return m.atFullLine(x, fullCmp, thresholdPct(e.full), e.score);
  if (e.band === 'zero' || !e.interpolation) return m.atZeroLine(x, zeroCmp, thresholdPct(e.zero), e.score);
  const i = e.interpolation;
  const [min, max] = [pct(i.terms.min), pct(i.terms.max)];
  const [symbolic, numbers] =
    e.better === 'lower' ? [m.symbolicLower, `(${max} − ${x}) / (${max} − ${min})`] : [m.symbolicHigher, `(${x} − ${min}) / (${max} − ${min})`];
  const lead = i.fallback ? m.fellBack : i.basis === 'thresholds' ? m.fromThresholds : m.fromCohort(i.qualifying);
  return m.interpolation(lead, symbolic, numbers, e.weight, e.score);
}

function proportionalFormula(e: ProportionalExplanation, m: ExplainMessages, field: (k: string) => string): string {
  const special = specialValue(e.value, e.metric, e.score, m, field);
  if (special !== null || e.value.kind !== 'value') return special!;
  return m.proportional(pct(e.value.percent), e.weight, e.score);
}

function metricTarget(
  e: BandedExplanation | ProportionalExplanation,
  m: ExplainMessages,
  leafName: string,
  field: (k: string) => string,
  system: System,
): string {
  const r = e.target.reach;
  const reach = r ? m.reach(field(r.field), r.cmp, formatQuantity(r.amount, system.fields[r.field]?.unit)) : null;
  return m.metricTarget(leafName, e.target.cmp, thresholdPct(e.target.threshold), reach);
}

/** Below full marks, the checklist points not met, by number: what the unit can act on. */
function unmetPoints(e: Explanation, m: ExplainMessages): string {
  const unmet = Object.entries(e.inputs)
    .filter(([key, v]) => v === false && key.startsWith(`${e.leaf}.`))
    .map(([key]) => Number(key.slice(e.leaf.length + 1)))
    .sort((a, b) => a - b);
  return unmet.length ? m.checklistUnmet(unmet) : '';
}

function renderInputs(e: Explanation, system: System, m: ExplainMessages): InputText[] {
  return Object.entries(e.inputs).map(([key, raw]) => {
    const info = system.fields[key];
    const value = typeof raw === 'boolean' ? (raw ? m.yes : m.no) : raw;
    if (info) return { key, label: info.name, value, ...(info.unit ? { unit: info.unit } : {}), field: info };
    const item = /^(.+)\.(\d+)$/.exec(key);
    const leaf = indexSystem(system).byCode.get(item ? item[1]! : key)?.leaf;
    if (item && leaf?.rule.kind === 'checklist') return { key, label: m.checklistItem(Number(item[2]), leaf.rule.items[Number(item[2]) - 1]), value, met: raw === true };
    return { key, label: leaf?.name ?? key, value };
  });
}

