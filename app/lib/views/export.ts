import type { RoundScores } from '@/db/queries';
import { translator } from '@/app/i18n';
import type { SheetSpec } from '@/lib/interchange/xlsx';
import { fmtPlain, fmtScore, indexSystem, renderExplanation, type Decimal } from '@/lib/scoring';
import { indicatorSummaries, scoreRate } from '@/lib/stats';
import { moveText } from '../reports/head';
import { inputLines } from './explanation';
import { groupsOf, membersOf } from './round';
import type { MovementView } from './types';

/** Scores as spreadsheet numbers: exactly the 2-decimal figures the page shows. */
const score = (d: Decimal) => Number(fmtScore(d));
/** Metric values as fractions, shown as percentages by the column format. */
const fraction = (d: Decimal | undefined) => (d === undefined ? null : Number(d.toDecimalPlaces(6).toFixed()));
/** Score rates as fractions with the 4 places a 2-decimal percentage needs. */
const rate = (score: Decimal, weight: Decimal) => Number(scoreRate(score, weight).toDecimalPlaces(4).toFixed());
// Exports are in Chinese, like their headers: the words come from the zh-CN dictionary.
const zh = translator('zh-CN');

/** The groups an export covers: the one asked for, or all of them. */
export function exportGroups(rs: RoundScores, group: string | undefined): string[] {
  const all = groupsOf(rs);
  return group && all.includes(group) ? [group] : all;
}

/**
 * 汇总: one row per department: rank as `k / n` in its group, total and grade, each level-1
 * subtotal and score rate, the self-score, and — given `moves` — the change since last year.
 */
export function summarySheet(rs: RoundScores, groups: string[], moves: Map<string, MovementView> | null = null): SheetSpec {
  const level1 = rs.system.indicators;
  return {
    name: '汇总',
    columns: [
      { header: '分组', width: 10 },
      { header: '排名', width: 8 },
      { header: '并列', width: 6 },
      { header: '单位代码', width: 14 },
      { header: '单位名称', width: 28 },
      { header: '总分', width: 9, numFmt: '0.00' },
      { header: '评价等级', width: 8 },
      ...level1.flatMap((l) => [
        { header: `${l.name}（${fmtPlain(l.weight)}分）`, width: 12, numFmt: '0.00' },
        { header: `${l.name}得分率`, width: 11, numFmt: '0.00%' },
      ]),
      { header: '自评总分', width: 10, numFmt: '0.00' },
      { header: '自评差异（自评−计算）', width: 12, numFmt: '0.00' },
      { header: '待评议时总分上限（待评议指标按满分）', width: 16, numFmt: '0.00' },
      ...(moves
        ? [
            { header: '较上年·名次', width: 11 },
            { header: '较上年·名次变化', width: 11, numFmt: '+0;-0;0' },
            { header: '较上年·总分变化', width: 11, numFmt: '+0.00;-0.00;0.00' },
          ]
        : []),
    ],
    rows: groups.flatMap((g) => {
      const members = membersOf(rs, g);
      return members.map((d) => {
        const m = moves?.get(d.code);
        return [
          d.group,
          `${d.rank} / ${members.length}`,
          d.tied ? '并列' : '',
          d.code,
          d.name,
          score(d.total),
          d.grade,
          ...level1.flatMap((l) => [score(d.level1[l.code]!), rate(d.level1[l.code]!, l.weight)]),
          d.selfTotal ? score(d.selfTotal) : null,
          d.selfTotalDiff ? score(d.selfTotalDiff) : null,
          d.provisional ? score(d.totalMax!) : null,
          ...(moves
            ? [
                m ? moveText(m, zh).rank : '',
                m?.kind === 'compared' && m.rank !== null ? m.rank : null,
                m?.kind === 'compared' ? Number(m.total) : null,
              ]
            : []),
        ];
      });
    }),
    freeze: { columns: 5, rows: 1 },
  };
}

/**
 * 明细: one row per department and leaf indicator: the inputs the rule read, the metric value,
 * the score and score rate, and the department's grade.
 */
export function detailSheet(rs: RoundScores, groups: string[]): SheetSpec {
  const idx = indexSystem(rs.system);
  const nameOf = (code: string | null) => (code ? (idx.byCode.get(code)?.leaf.name ?? rs.system.indicators.flatMap((l) => [l, ...l.children]).find((n) => n.code === code)?.name ?? code) : '');
  return {
    name: '明细',
    columns: [
      { header: '分组', width: 10 },
      { header: '单位代码', width: 14 },
      { header: '单位名称', width: 24 },
      { header: '评价等级', width: 8 },
      { header: '一级指标', width: 10 },
      { header: '二级指标', width: 16 },
      { header: '指标代码', width: 22 },
      { header: '指标名称', width: 18 },
      { header: '分值', width: 6 },
      { header: '填报数据', width: 48 },
      { header: '指标值', width: 10, numFmt: '0.00%' },
      { header: '得分', width: 8, numFmt: '0.00' },
      { header: '得分率', width: 9, numFmt: '0.00%' },
      { header: '计分方式', width: 14 },
      { header: '自评得分', width: 9, numFmt: '0.00' },
    ],
    rows: groups.flatMap((g) =>
      membersOf(rs, g).flatMap((d) =>
        idx.leaves.map(({ leaf, level1, level2 }) => {
          const s = d.indicators[leaf.code]!;
          const text = renderExplanation(s.explanation, rs.system, 'zh-CN');
          const value = s.value?.kind === 'value' ? fraction(s.value.x) : s.value?.kind === 'infinite' ? '∞' : s.value?.kind === 'not_applicable' ? '不适用' : null;
          return [
            d.group,
            d.code,
            d.name,
            d.grade,
            nameOf(level1),
            nameOf(level2),
            leaf.code,
            leaf.name,
            Number(fmtPlain(leaf.weight)),
            inputLines(text.inputs).map((i) => `${i.label} ${i.text}`).join('；'),
            value,
            score(s.score),
            rate(s.score, s.weight),
            zh(`leafStatus.${s.status}`),
            s.self ? score(s.self) : null,
          ];
        }),
      ),
    ),
    freeze: { columns: 3, rows: 1 },
  };
}

/** 指标: per group and indicator, the cohort's min, max and mean score, value range and the min/max interpolation used. */
export function indicatorSheet(rs: RoundScores, groups: string[]): SheetSpec {
  const idx = indexSystem(rs.system);
  return {
    name: '指标',
    columns: [
      { header: '分组', width: 10 },
      { header: '一级指标', width: 8 },
      { header: '指标代码', width: 22 },
      { header: '指标名称', width: 20 },
      { header: '分值', width: 6 },
      { header: '单位数', width: 7 },
      { header: '得分最小值', width: 10, numFmt: '0.00' },
      { header: '得分最大值', width: 10, numFmt: '0.00' },
      { header: '得分平均值', width: 10, numFmt: '0.00' },
      { header: '指标值最小值', width: 12, numFmt: '0.00%' },
      { header: '指标值最大值', width: 12, numFmt: '0.00%' },
      { header: '指标值平均值', width: 12, numFmt: '0.00%' },
      { header: '插值所用最小值', width: 13, numFmt: '0.00%' },
      { header: '插值所用最大值', width: 13, numFmt: '0.00%' },
      { header: '插值依据', width: 12 },
    ],
    rows: groups.flatMap((g) => {
      const stats = indicatorSummaries(rs.system, membersOf(rs, g));
      return idx.leaves.map(({ leaf, level1 }) => {
        const s = stats[leaf.code]!;
        const c = rs.scores.cohort[g]?.[leaf.code];
        return [
          g,
          rs.system.indicators.find((n) => n.code === level1)!.name,
          leaf.code,
          leaf.name,
          Number(fmtPlain(leaf.weight)),
          s.score?.n ?? 0,
          s.score ? score(s.score.min) : null,
          s.score ? score(s.score.max) : null,
          s.score ? score(s.score.mean) : null,
          fraction(s.value?.min),
          fraction(s.value?.max),
          fraction(s.value?.mean),
          c && c.basis === 'cohort' ? fraction(c.min) : null,
          c && c.basis === 'cohort' ? fraction(c.max) : null,
          c ? (c.basis === 'cohort' ? '同组数据' : '满分线与零分线') : '',
        ];
      });
    }),
    freeze: { columns: 4, rows: 1 },
  };
}

/** The CSV export: the 汇总 sheet as text, formatted exactly as on screen. */
export function summaryCsvRows(sheet: SheetSpec): { header: string[]; rows: string[][] } {
  return {
    header: sheet.columns.map((c) => c.header),
    rows: sheet.rows.map((r) => r.map((v, i) => (v === null ? '' : typeof v === 'number' ? csvNumber(v, sheet.columns[i]?.numFmt) : String(v)))),
  };
}

/** A number as its column's format shows it on screen. */
function csvNumber(v: number, numFmt: string | undefined): string {
  if (numFmt === '0.00') return v.toFixed(2);
  if (numFmt === '0.00%') return `${(v * 100).toFixed(2)}%`;
  if (numFmt?.startsWith('+')) return v > 0 ? `+${numFmt.includes('.') ? v.toFixed(2) : v}` : numFmt.includes('.') ? v.toFixed(2) : String(v);
  return String(v);
}
