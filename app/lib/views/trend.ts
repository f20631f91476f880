import type { TrendEntry } from '@/db/report-data';
import type { RoundScores } from '@/db/queries';
import { D, fmtPlain, fmtScore } from '@/lib/scoring';
import { scoreRate } from '@/lib/stats';
import { fmtRate } from '../format';
import { membersOf } from './round';
import type { TrendView } from './types';

/** The page's own round as a trend entry: its figures are the ones the page shows (live or frozen). */
export function currentEntry(rs: RoundScores, code: string, published: boolean): TrendEntry | null {
  const d = rs.scores.departments.find((x) => x.code === code);
  if (!d) return null;
  return {
    roundSlug: rs.round.slug,
    roundName: rs.round.name,
    year: rs.round.year,
    published,
    code: d.code,
    group: d.group,
    groupSize: membersOf(rs, d.group).length,
    rank: d.rank,
    tied: d.tied,
    total: fmtScore(d.total),
    grade: d.grade,
    level1: Object.fromEntries(Object.entries(d.level1).map(([k, v]) => [k, fmtScore(v)])),
    level1Nodes: rs.system.indicators.map((n) => ({ code: n.code, name: n.name, weight: fmtPlain(n.weight) })),
    policy: rs.scores.policy,
    systemId: rs.round.systemId,
    systemVersion: rs.round.systemVersion,
    systemName: rs.round.systemName,
  };
}

/**
 * A unit over the rounds it took part in: total and score rate per level-1 indicator, each point
 * with the policy and system version it was scored under. Level-1 indicators are matched by code;
 * a change of system between two points is listed, since totals then do not strictly compare.
 */
export function trendView(entries: TrendEntry[]): TrendView {
  const sorted = [...entries].sort((a, b) => a.year - b.year || a.roundSlug.localeCompare(b.roundSlug));
  const series: TrendView['series'] = [];
  for (const e of [...sorted].reverse()) for (const n of e.level1Nodes) if (!series.some((s) => s.code === n.code)) series.push({ code: n.code, name: n.name });
  const order = sorted[sorted.length - 1]?.level1Nodes.map((n) => n.code) ?? [];
  series.sort((a, b) => (order.indexOf(a.code) + 1 || 99) - (order.indexOf(b.code) + 1 || 99));
  const points = sorted.map((e) => {
    const rates = series.map((s) => {
      const node = e.level1Nodes.find((n) => n.code === s.code);
      const v = e.level1[s.code];
      return node && v !== undefined ? scoreRate(new D(v), new D(node.weight)) : null;
    });
    return {
      roundSlug: e.roundSlug,
      roundName: e.roundName,
      year: e.year,
      code: e.code,
      group: e.group,
      groupSize: e.groupSize,
      rank: e.rank,
      tied: e.tied,
      total: e.total,
      grade: e.grade,
      rates: rates.map((r) => (r === null ? null : Number(r.times(100).toFixed(2)))),
      rateTexts: rates.map((r) => (r === null ? '—' : fmtRate(r))),
      policy: e.policy,
      system: `${e.systemId} v${e.systemVersion}`,
      systemName: e.systemName,
      published: e.published,
    };
  });
  const systemChanges = points.flatMap((p, i) => (i > 0 && p.system !== points[i - 1]!.system ? [i] : []));
  return { series, points, systemChanges };
}
