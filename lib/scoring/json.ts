import { trimmedText } from './exact';
import { renderExplanation, type ExplainLocale } from './explain/render';
import { fmtScore } from './text';
import type { MetricValue, Scores, System } from './types';

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
 * The Scores JSON of spec §6. Additions: `grade` (spec §7), self-score differences, and on request
 * each explanation.
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
      level1: Object.fromEntries(Object.entries(d.level1).map(([k, v]) => [k, fmtScore(v)])),
      indicators: Object.fromEntries(
        Object.entries(d.indicators).map(([code, s]) => {
          const value = s.value ? fmtValue(s.value) : undefined;
          return [
            code,
            {
              score: fmtScore(s.score),
              status: s.status,
              ...(value !== undefined ? { value } : {}),
              ...(s.self !== undefined ? { self: fmtScore(s.self), self_diff: fmtScore(s.selfDiff!) } : {}),
              ...(opts.explain ? { explanation: explanationJson(s.explanation, opts.text) } : {}),
            },
          ];
        }),
      ),
      ...(d.selfTotal !== undefined ? { self_total: fmtScore(d.selfTotal), self_total_diff: fmtScore(d.selfTotalDiff!) } : {}),
    })),
  };
}

function explanationJson(e: Scores['departments'][number]['indicators'][string]['explanation'], text: ScoresJsonOptions['text']) {
  if (!text) return e;
  const t = renderExplanation(e, text.system, text.locale);
  return { ...e, text: { rule: t.rule, ...(t.value !== null ? { value: t.value } : {}), formula: t.formula, target: t.target, ...(t.sets !== null ? { sets: t.sets } : {}) } };
}
