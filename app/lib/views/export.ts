import type { RoundScores } from '@/db/queries';
import type { SheetSpec } from '@/lib/interchange/xlsx';
import { fmtPlain, fmtScore, indexSystem, type Decimal } from '@/lib/scoring';
import { indicatorSummaries } from '@/lib/stats';
import { groupsOf, membersOf } from './round';

/** Scores as spreadsheet numbers: exactly the 2-decimal figures the page shows. */
const score = (d: Decimal) => Number(fmtScore(d));
/** Metric values as fractions, shown as percentages by the column format. */
const fraction = (d: Decimal | undefined) => (d === undefined ? null : Number(d.toDecimalPlaces(6).toFixed()));

/** The groups an export covers: the one asked for, or all of them. */
export function exportGroups(rs: RoundScores, group: string | undefined): string[] {
  const all = groupsOf(rs);
  return group && all.includes(group) ? [group] : all;
}

/** 汇总: one row per department, rank within its group, level-1 subtotals, self-score. */
export function summarySheet(rs: RoundScores, groups: string[]): SheetSpec {
  const level1 = rs.system.indicators;
  return {
    name: '汇总',
    columns: [
      { header: '分组', width: 10 },
      { header: '排名', width: 6 },
      { header: '并列', width: 6 },
      { header: '单位代码', width: 14 },
      { header: '单位名称', width: 28 },
      { header: '总分', width: 9, numFmt: '0.00' },
      ...level1.map((l) => ({ header: `${l.name}（${fmtPlain(l.weight)}分）`, width: 12, numFmt: '0.00' })),
      { header: '自评总分', width: 10, numFmt: '0.00' },
      { header: '自评差异（自评−计算）', width: 12, numFmt: '0.00' },
      { header: '待评议时总分上限（待评议指标按满分）', width: 16, numFmt: '0.00' },
    ],
    rows: groups.flatMap((g) =>
      membersOf(rs, g).map((d) => [
        d.group,
        d.rank,
        d.tied ? '并列' : '',
        d.code,
        d.name,
        score(d.total),
        ...level1.map((l) => score(d.level1[l.code]!)),
        d.selfTotal ? score(d.selfTotal) : null,
        d.selfTotalDiff ? score(d.selfTotalDiff) : null,
        d.provisional ? score(d.totalMax!) : null,
      ]),
    ),
    freeze: { columns: 5, rows: 1 },
  };
}

/** 明细: every leaf score of every department. */
export function detailSheet(rs: RoundScores, groups: string[]): SheetSpec {
  const leaves = indexSystem(rs.system).leaves;
  return {
    name: '明细',
    columns: [
      { header: '分组', width: 10 },
      { header: '单位代码', width: 14 },
      { header: '单位名称', width: 28 },
      ...leaves.map(({ leaf }) => ({ header: `${leaf.name}（${fmtPlain(leaf.weight)}分）`, width: 12, numFmt: '0.00' })),
      { header: '总分', width: 9, numFmt: '0.00' },
    ],
    rows: groups.flatMap((g) =>
      membersOf(rs, g).map((d) => [d.group, d.code, d.name, ...leaves.map(({ leaf }) => score(d.indicators[leaf.code]!.score)), score(d.total)]),
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
    rows: sheet.rows.map((r) => r.map((v, i) => (v === null ? '' : typeof v === 'number' && sheet.columns[i]?.numFmt === '0.00' ? v.toFixed(2) : String(v)))),
  };
}
