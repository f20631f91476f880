import type { RoundScores } from '@/db/queries';
import { D, fmtPlain, indexSystem, renderExplanation, type Decimal, type ExplainLocale } from '@/lib/scoring';
import { indicatorSummaries, pointsLost } from '@/lib/stats';
import { fmtRate, fmtScore } from '../format';
import { membersOf } from './round';
import type { IndicatorView } from './types';

const pct = (d: Decimal) => d.times(100).toNumber();

/** One leaf across a group: the values, the lines the rule and the cohort drew, and the points lost. */
export function indicatorView(rs: RoundScores, group: string, code: string, locale: ExplainLocale = 'zh-CN'): IndicatorView | null {
  const info = indexSystem(rs.system).byCode.get(code);
  if (!info) return null;
  const { leaf } = info;
  const members = membersOf(rs, group);
  const l1 = rs.system.indicators.find((n) => n.code === info.level1)!;
  const l2 = info.level2 ? l1.children.find((n) => n.code === info.level2) : undefined;
  const rule = leaf.rule;
  const stat = rs.scores.cohort[group]?.[code];

  const lines: IndicatorView['lines'] = [];
  if (rule.kind === 'banded') {
    lines.push({ key: 'full', pct: pct(rule.full), text: fmtRate(rule.full) });
    lines.push({ key: 'zero', pct: pct(rule.zero), text: fmtRate(rule.zero) });
    if (stat && stat.basis === 'cohort') {
      lines.push({ key: 'min', pct: pct(stat.min), text: fmtRate(stat.min) });
      lines.push({ key: 'max', pct: pct(stat.max), text: fmtRate(stat.max) });
    }
  }
  // weight × min(1, x): the proportional rule's full marks start at 100% (spec §1).
  if (rule.kind === 'proportional') lines.push({ key: 'full', pct: 100, text: fmtRate(new D(1)) });
  const first = members[0]?.indicators[code];
  const firstText = first ? renderExplanation(first.explanation, rs.system, locale) : null;
  const summary = indicatorSummaries(rs.system, members)[code]?.score;
  return {
    leaf: { code, name: leaf.name, weight: fmtPlain(leaf.weight), kind: rule.kind, level1Name: l1.name, level2Name: l2?.name ?? null },
    ruleText: firstText?.rule ?? '',
    target: rule.kind === 'banded' || rule.kind === 'proportional' ? null : (firstText?.target ?? null),
    better: rule.kind === 'banded' ? rule.better : null,
    lines,
    stat: stat ? { n: stat.n, qualifying: stat.qualifying, basis: stat.basis, fallback: stat.fallback } : null,
    points: members.map((d) => {
      const s = d.indicators[code]!;
      // Six places, as the Scores JSON keeps them: a published round's chart sits exactly where the live one did.
      const v = s.value?.kind === 'value' ? s.value.x.toDecimalPlaces(6) : null;
      const text = renderExplanation(s.explanation, rs.system, locale);
      return {
        code: d.code,
        name: d.name,
        valuePct: v ? pct(v) : null,
        valueText: text.value,
        score: s.score.toNumber(),
        scoreText: fmtScore(s.score),
        lost: pointsLost(s).toNumber(),
        lostText: fmtScore(pointsLost(s)),
        status: s.status,
        band: s.explanation.rule === 'banded' ? s.explanation.band : null,
        formula: text.formula,
      };
    }),
    summary: summary
      ? { meanScore: fmtScore(summary.mean), medianScore: fmtScore(summary.median), minScore: fmtScore(summary.min), maxScore: fmtScore(summary.max) }
      : null,
  };
}
