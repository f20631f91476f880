import type { HistoryEntry, RoundScores, SubmissionVersion } from '@/db/queries';
import { fmtPlain, indexSystem, renderExplanation, type Branch, type Decimal, type ExplainLocale, type IndicatorNode } from '@/lib/scoring';
import { level2RateSummaries, scoreRate, weakIndicators } from '@/lib/stats';
import { fmtRate, fmtScore, fmtSigned } from '../format';
import { explanationView, inputLines } from './explanation';
import { membersOf } from './round';
import type { DepartmentView, TreeRow, VersionRow } from './types';

const sign = (d: Decimal | undefined) => (d === undefined ? null : d.isZero() ? 0 : d.gt(0) ? 1 : -1);
const isBranch = (n: IndicatorNode): n is Branch => 'children' in n;

/** The 评分表 of one department: its tree, weak indicators, level-2 comparison and history. */
export function departmentView(rs: RoundScores, code: string, history: HistoryEntry[], locale: ExplainLocale = 'zh-CN'): DepartmentView | null {
  const d = rs.scores.departments.find((x) => x.code === code);
  if (!d) return null;
  const system = rs.system;
  const members = membersOf(rs, d.group);

  const tree: TreeRow[] = [];
  const walk = (node: IndicatorNode, level: 1 | 2 | 3) => {
    if (!isBranch(node)) {
      const s = d.indicators[node.code]!;
      const text = renderExplanation(s.explanation, system, locale);
      tree.push({
        level: 3,
        code: node.code,
        name: node.name,
        weight: fmtPlain(node.weight),
        score: fmtScore(s.score),
        rateText: fmtRate(scoreRate(s.score, s.weight)),
        ruleText: text.rule,
        inputs: inputLines(text.inputs),
        valueText: text.value,
        status: s.status,
        self: s.self ? fmtScore(s.self) : null,
        selfDiff: s.selfDiff ? fmtSigned(s.selfDiff) : null,
        selfDiffSign: sign(s.selfDiff),
      });
      return;
    }
    const score = level === 1 ? d.level1[node.code] : d.level2[node.code];
    if (score !== undefined) {
      tree.push({ level, code: node.code, name: node.name, weight: fmtPlain(node.weight), score: fmtScore(score), rateText: fmtRate(scoreRate(score, node.weight)) });
    }
    for (const child of node.children) walk(child, isBranch(child) && level === 1 ? 2 : 3);
  };
  for (const l1 of system.indicators) walk(l1, 1);

  const stats = level2RateSummaries(system, members);
  const num = (x: Decimal | undefined) => (x === undefined ? null : x.toNumber());
  const level2 = indexSystem(system).level2.map(({ node }) => {
    const rate = scoreRate(d.level2[node.code]!, node.weight);
    const s = stats[node.code];
    return {
      code: node.code,
      name: node.name,
      weight: fmtPlain(node.weight),
      rate: rate.toNumber(),
      rateText: fmtRate(rate),
      mean: num(s?.mean),
      median: num(s?.median),
      best: num(s?.max),
      meanText: s ? fmtRate(s.mean) : '—',
      medianText: s ? fmtRate(s.median) : '—',
      bestText: s ? fmtRate(s.max) : '—',
    };
  });

  const leaves = Object.values(d.indicators);
  return {
    code: d.code,
    name: d.name,
    group: d.group,
    groupSize: members.length,
    rank: d.rank,
    tied: d.tied,
    total: fmtScore(d.total),
    totalMax: d.provisional ? fmtScore(d.totalMax!) : null,
    grade: d.grade,
    selfTotal: d.selfTotal ? fmtScore(d.selfTotal) : null,
    selfTotalDiff: d.selfTotalDiff ? fmtSigned(d.selfTotalDiff) : null,
    tree,
    weak: weakIndicators(system, d).map((s) => explanationView(system, d, s, locale)),
    level2,
    selfDiffCount: leaves.filter((s) => s.selfDiff && !s.selfDiff.isZero()).length,
    hasSelf: leaves.some((s) => s.self !== undefined) || d.selfTotal !== undefined,
    history: history.map((h) => ({ roundSlug: h.roundSlug, roundName: h.roundName, year: h.year, group: h.group, total: h.total, rank: h.rank, tied: h.tied })),
  };
}

/** A stored submission version, with its time as text (dates do not cross to the browser). */
export function versionView(v: SubmissionVersion): VersionRow {
  return {
    version: v.version,
    current: v.isCurrent,
    status: v.status,
    by: v.createdBy,
    at: v.createdAt.toISOString(),
    comment: v.comment,
  };
}
