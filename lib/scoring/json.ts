import { D, type Decimal } from './decimal';
import { trimmedText } from './exact';
import { renderExplanation, type ExplainLocale } from './explain/render';
import type { Explanation } from './explain/types';
import { ratioOfText } from './metric';
import { indexSystem } from './system-index';
import { fmtScore } from './text';
import type { CohortStat, DepartmentScore, LeafScore, MetricValue, Policy, Scores, Status, System } from './types';

// Metric values are fractions; six places keep 2-decimal percentages exact without noise.
function fmtValue(v: MetricValue): string | undefined {
  if (v.kind === 'value') return trimmedText(v.num, v.den, 6);
  return v.kind === 'infinite' ? 'Infinity' : undefined;
}

export interface ScoresJsonOptions {
  /** Add each leaf's structured explanation (explain/types.ts), as it is in memory. */
  explain?: boolean;
  /**
   * With `explain`, also add `text` ({rule, value, formula, target, sets}) rendered in this language, for
   * people reading the JSON. It is derived from the explanation and the system; readers of the
   * JSON should ignore it.
   */
  text?: { system: System; locale: ExplainLocale };
}

/**
 * The Scores JSON of spec §6. Additions: `grade` (spec §7), `level2`, self-score differences,
 * `provisional` with `total_range` [pending leaves at 0, at full] (spec §7), and on request each
 * explanation — with which `scoresFromJson` gives back the same Scores: how a publication is kept.
 */
export function scoresToJson(scores: Scores, opts: ScoresJsonOptions = {}): Record<string, unknown> {
  const cohort: Record<string, Record<string, unknown>> = {};
  for (const [group, leaves] of Object.entries(scores.cohort)) {
    cohort[group] = Object.fromEntries(
      Object.entries(leaves).map(([code, s]) => [
        code,
        { n: s.n, min: s.min.toFixed(), max: s.max.toFixed(), basis: s.basis, qualifying: s.qualifying, ...(s.fallback ? { fallback: true } : {}) },
      ]),
    );
  }
  return {
    system: scores.system,
    policy: scores.policy,
    cohort,
    departments: scores.departments.map((d) => ({
      code: d.code,
      name: d.name,
      group: d.group,
      total: fmtScore(d.total),
      grade: d.grade,
      rank: d.rank,
      ...(d.tied ? { tied: true } : {}),
      ...(d.provisional ? { provisional: true, total_range: [fmtScore(d.total), fmtScore(d.totalMax!)] } : {}),
      level1: Object.fromEntries(Object.entries(d.level1).map(([k, v]) => [k, fmtScore(v)])),
      level2: Object.fromEntries(Object.entries(d.level2).map(([k, v]) => [k, fmtScore(v)])),
      indicators: Object.fromEntries(
        Object.entries(d.indicators).map(([code, s]) => {
          const value = s.value ? fmtValue(s.value) : undefined;
          return [
            code,
            {
              score: fmtScore(s.score),
              status: s.status,
              ...(value !== undefined ? { value } : {}),
              ...(s.self !== undefined ? { self: fmtScore(s.self), ...(s.selfDiff !== undefined ? { self_diff: fmtScore(s.selfDiff) } : {}) } : {}),
              ...(opts.explain ? { explanation: explanationJson(s.explanation, opts.text) } : {}),
            },
          ];
        }),
      ),
      ...(d.selfTotal !== undefined ? { self_total: fmtScore(d.selfTotal) } : {}),
      ...(d.selfTotalDiff !== undefined ? { self_total_diff: fmtScore(d.selfTotalDiff) } : {}),
    })),
  };
}

function explanationJson(e: Scores['departments'][number]['indicators'][string]['explanation'], text: ScoresJsonOptions['text']) {
  if (!text) return e;
  const t = renderExplanation(e, text.system, text.locale);
  return { ...e, text: { rule: t.rule, ...(t.value !== null ? { value: t.value } : {}), formula: t.formula, target: t.target, ...(t.sets !== null ? { sets: t.sets } : {}) } };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown, where: string): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`Scores JSON：${where} 应为对象`);
  return v as Obj;
};
const str = (v: unknown, where: string): string => {
  if (typeof v !== 'string') throw new Error(`Scores JSON：${where} 应为文字`);
  return v;
};
const num = (v: unknown, where = 'number'): Decimal => new D(str(v, where));
const optNum = (v: unknown) => (v === undefined ? undefined : num(v));

function valueOf(raw: unknown, status: Status, metric: boolean): MetricValue | undefined {
  if (raw === 'Infinity') return { kind: 'infinite' };
  if (raw === undefined) return metric && status === 'not_applicable' ? { kind: 'not_applicable' } : undefined;
  // The stored 6-place fraction is the value from now on.
  return ratioOfText(str(raw, 'value'));
}

/**
 * The inverse of `scoresToJson(scores, {explain: true})`: Scores rebuilt from stored JSON — a
 * publication's snapshot — so every view renders a frozen round through the same code as a live
 * one, scoring nothing. `system` is the pinned system version: it supplies only the weights and
 * rule kinds, never a score. A rendered `text` stored beside an explanation is left out.
 */
export function scoresFromJson(json: unknown, system: System): Scores {
  const j = obj(json, 'scores');
  const idx = indexSystem(system);
  const cohort: Scores['cohort'] = {};
  for (const [group, leaves] of Object.entries(obj(j.cohort, 'cohort'))) {
    const entry: Record<string, CohortStat> = {};
    for (const [code, raw] of Object.entries(obj(leaves, `cohort.${group}`))) {
      const s = obj(raw, `cohort.${group}.${code}`);
      const min = str(s.min, 'min');
      const max = str(s.max, 'max');
      entry[code] = {
        n: s.n as number,
        qualifying: s.qualifying as number,
        basis: s.basis as CohortStat['basis'],
        fallback: s.fallback === true,
        min: new D(min),
        max: new D(max),
        minValue: ratioOfText(min),
        maxValue: ratioOfText(max),
      };
    }
    cohort[group] = entry;
  }
  const decimals = (r: unknown, where: string) => Object.fromEntries(Object.entries(obj(r, where)).map(([k, v]) => [k, num(v)]));
  const departments: DepartmentScore[] = (j.departments as unknown[]).map((raw) => {
    const d = obj(raw, 'department');
    const code = str(d.code, 'department.code');
    const indicators: Record<string, LeafScore> = {};
    for (const [leaf, rawLeaf] of Object.entries(obj(d.indicators, `${code}.indicators`))) {
      const s = obj(rawLeaf, `${code}.${leaf}`);
      const info = idx.byCode.get(leaf);
      if (!info) throw new Error(`Scores JSON：指标体系中没有指标 ${leaf}`);
      if (s.explanation === undefined) throw new Error(`Scores JSON：${code}.${leaf} 缺少 explanation（须以 explain 保存）`);
      const { text: _text, ...explanation } = obj(s.explanation, `${code}.${leaf}.explanation`);
      const status = s.status as Status;
      const kind = info.leaf.rule.kind;
      const value = valueOf(s.value, status, kind === 'banded' || kind === 'proportional');
      const self = optNum(s.self);
      const selfDiff = optNum(s.self_diff);
      indicators[leaf] = {
        code: leaf,
        weight: info.leaf.weight,
        score: num(s.score),
        status,
        ...(value ? { value } : {}),
        explanation: explanation as unknown as Explanation,
        ...(self !== undefined ? { self } : {}),
        ...(selfDiff !== undefined ? { selfDiff } : {}),
      };
    }
    const range = d.total_range as [string, string] | undefined;
    const selfTotal = optNum(d.self_total);
    const selfTotalDiff = optNum(d.self_total_diff);
    return {
      code,
      name: str(d.name, `${code}.name`),
      group: str(d.group, `${code}.group`),
      total: num(d.total),
      rank: d.rank as number,
      tied: d.tied === true,
      grade: str(d.grade, `${code}.grade`),
      level1: decimals(d.level1, `${code}.level1`),
      level2: decimals(d.level2, `${code}.level2`),
      indicators,
      ...(selfTotal !== undefined ? { selfTotal } : {}),
      ...(selfTotalDiff !== undefined ? { selfTotalDiff } : {}),
      ...(d.provisional === true && range ? { provisional: true, totalMax: num(range[1]) } : {}),
    };
  });
  return { system: str(j.system, 'system'), policy: j.policy as Policy, cohort, departments };
}
