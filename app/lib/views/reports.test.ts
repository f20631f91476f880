import { describe, expect, it } from 'vitest';
import type { Round, RoundScores } from '@/db/queries';
import { translator } from '@/app/i18n';
import { departmentToRow, rowsToCohort } from '@/lib/interchange/table';
import { readWorkbook, writeWorkbook } from '@/lib/interchange/xlsx';
import { builtinSystem, fmtScore, indexSystem, parseCohort, scoreCohort, scoresToJson, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { pdfText, squeeze } from '@/tests/pdf/extract';
import { parse, system as systemOf } from '@/tests/scoring/helpers';
import { bulletinPdf } from '../reports/bulletin-pdf';
import { scorecardPdf } from '../reports/scorecard-pdf';
import { detailSheet, indicatorSheet, summaryCsvRows, summarySheet } from './export';
import { rankingsView } from './rankings';
import { bulletinReport, scorecardReport, type ReportContext } from './report';
import { gradeCountsView, movementsOf, standingsOf, type Comparison } from './standing';
import { currentEntry, trendView } from './trend';
import { rankingChartOption } from '../../ui/rankings/ranking-chart-option';
import { trendChartOption } from '../../ui/department/trend-chart-option';
import type { ChartOption } from '../../ui/chart/echarts';

const zh = translator('zh-CN');

function roundOf(system: System, departments: ReturnType<typeof parse>, slug = 'r', year = 2021): RoundScores {
  const round = { slug, name: `${year}年度测试评价`, year, status: 'collecting', policy: system.interpolation, systemId: system.id, systemVersion: 1, systemName: system.name } as unknown as Round;
  return { round, system, departments, scores: scoreCohort(system, departments) };
}

// One judgement leaf of weight 100: a department's total is exactly its judgement.
const HUNDRED = systemOf([]);
const units = (totals: Record<string, string>) => parse(HUNDRED, Object.entries(totals).map(([code, t]) => ({ code, name: `单位${code}`, inputs: {}, judgements: { rest: t } })));

function context(rs: RoundScores, comparison: Comparison | null): ReportContext {
  return {
    head: {
      bureau: '巨鹿县财政局',
      round: { slug: rs.round.slug, name: rs.round.name, year: rs.round.year },
      system: { name: rs.system.name, id: rs.system.id, version: 1 },
      policy: rs.scores.policy,
      publishedAt: '2022-03-01T02:00:00Z',
      madeAt: '2022-03-02T02:00:00Z',
      previous: comparison?.info ?? null,
    },
    comparison,
    moves: movementsOf(rs, comparison),
    locale: 'zh-CN',
  };
}

describe('grades at their thresholds, on every view', () => {
  const rs = roundOf(HUNDRED, units({ a: '90.00', b: '89.99', c: '59.99' }));

  it('89.99 is 良 and 90.00 is 优 in the ranking and the 汇总 sheet', () => {
    const rows = rankingsView(rs, '全部').rows;
    expect(rows.map((r) => [r.code, r.total, r.grade])).toEqual([
      ['a', '90.00', '优'],
      ['b', '89.99', '良'],
      ['c', '59.99', '差'],
    ]);
    const sheet = summarySheet(rs, ['全部']);
    const col = sheet.columns.findIndex((c) => c.header === '评价等级');
    expect(sheet.rows.map((r) => r[col])).toEqual(['优', '良', '差']);
    expect(detailSheet(rs, ['全部']).rows.map((r) => r[3])).toEqual(['优', '良', '差']);
  });

  it('the 评分表 PDF says 良 for 89.99 and 优 for 90.00', async () => {
    const ctx = context(rs, null);
    const [a, b] = await Promise.all(['a', 'b'].map(async (code) => squeeze((await pdfText(await scorecardPdf([scorecardReport(rs, code, ctx, null)!], zh, 'zh-CN'))).join(''))));
    expect(a).toContain(squeeze('评价等级：优　总分：90.00'));
    expect(b).toContain(squeeze('评价等级：良　总分：89.99'));
  });
});

/** A chart option's series as a list (echarts allows one series or many). */
const seriesOf = <T>(o: ChartOption): T[] => [o.series ?? []].flat() as T[];

describe('grades on the rankings page and its chart', () => {
  const rs = roundOf(HUNDRED, units({ a: '95.00', b: '90.00', c: '89.99', d: '60.00', e: '59.99' }));

  it('counts the departments of each grade, bands highest first', () => {
    expect(gradeCountsView(rs, ['全部'])).toEqual({ labels: ['优', '良', '中', '差'], rows: [{ group: '全部', counts: [2, 1, 1, 1], n: 5 }] });
  });

  it('gives each grade its own colour and legend entry, each bar’s badge in its grade’s series', () => {
    const view = rankingsView(rs, '全部');
    const grades = seriesOf<{ type: string; name: string; itemStyle: { color: string }; data: [number, number][] }>(rankingChartOption(view, view.rows, zh)).filter((s) => s.type === 'scatter');
    expect(grades.map((s) => s.name)).toEqual(['优', '良', '中', '差']);
    expect(new Set(grades.map((s) => s.itemStyle.color)).size).toBe(4);
    // [total, row index]: a, b are 优; c 良; d 中; e 差.
    expect(grades.map((s) => s.data)).toEqual([[[95, 0], [90, 1]], [[89.99, 2]], [[60, 3]], [[59.99, 4]]]);
  });
});

describe('the 评分表 trend over rounds', () => {
  const rs = roundOf(HUNDRED, units({ a: '80.00', b: '70.00' }));
  const entry = (year: number, version: number) => ({ ...currentEntry(rs, 'a', true)!, roundSlug: String(year), year, systemVersion: version });

  it('marks the round scored under another system version than the one before, on the chart too', () => {
    const view = trendView([entry(2022, 2), entry(2020, 1), entry(2021, 1)]);
    expect(view.points.map((p) => [p.year, p.system])).toEqual([[2020, `${HUNDRED.id} v1`], [2021, `${HUNDRED.id} v1`], [2022, `${HUNDRED.id} v2`]]);
    expect(view.systemChanges).toEqual([2]);
    const [total] = seriesOf<{ markLine?: { data: { xAxis: number }[]; label: { formatter: string } } }>(trendChartOption(view, zh));
    expect(total!.markLine?.data).toEqual([{ xAxis: 2 }]);
    expect(total!.markLine?.label.formatter).toBe('指标体系变更');
    expect(seriesOf<{ markLine?: unknown }>(trendChartOption(trendView([entry(2020, 1), entry(2021, 1)]), zh))[0]!.markLine).toBeUndefined();
  });
});

describe('movement since last year, at its threshold', () => {
  // Last year b led a; this year a leads by a hair: one place up, half a point more.
  const last = roundOf(HUNDRED, units({ a: '85.00', b: '86.00', c: '70.00', d: '50.00' }), 'r0', 2020);
  const rs = roundOf(HUNDRED, units({ a: '85.50', b: '85.00', c: '73.00', n: '40.00' }));
  const comparison: Comparison = { info: { slug: 'r0', name: last.round.name, year: 2020, published: true }, standings: standingsOf(last.scores), earlierOf: new Map() };

  it('shows a one-place move with its arrow and a 0.5-point change without one; 新增 for a new unit', () => {
    const rows = new Map(rankingsView(rs, '全部', undefined, comparison).rows.map((r) => [r.code, r.move]));
    expect(rows.get('a')).toMatchObject({ kind: 'compared', rank: 1, rankArrow: 'up', total: '+0.50', totalArrow: null });
    expect(rows.get('b')).toMatchObject({ rank: -1, rankArrow: 'down', total: '-1.00', totalArrow: null });
    expect(rows.get('c')).toMatchObject({ rank: 0, rankArrow: null, total: '+3.00', totalArrow: 'up' });
    expect(rows.get('n')).toEqual({ kind: 'new' });
  });

  it('prints the same in the 通报 and the 汇总 sheet', async () => {
    const text = (await pdfText(await bulletinPdf(bulletinReport(rs, context(rs, comparison)), zh, 'zh-CN'))).join('\n');
    const line = (code: string) => text.split('\n').find((l) => l.includes(`单位${code}`))!;
    expect(line('a')).toBe('1 / 4 单位a 85.50 85.50 良 ▲1 +0.50');
    expect(line('b')).toMatch(/▼1 -1\.00$/);
    expect(line('c')).toMatch(/— ▲\+3\.00$/);
    expect(line('n')).toMatch(/新增 —$/);
    const csv = summaryCsvRows(summarySheet(rs, ['全部'], movementsOf(rs, comparison)));
    const at = (h: string) => csv.header.indexOf(h);
    expect(csv.rows.map((r) => [r[at('单位代码')], r[at('较上年·名次')], r[at('较上年·名次变化')], r[at('较上年·总分变化')]])).toEqual([
      ['a', '▲1', '+1', '+0.50'],
      ['b', '▼1', '-1', '-1.00'],
      ['c', '—', '0', '+3.00'],
      ['n', '新增', '', ''],
    ]);
  });
});

describe('the documents hold the page’s numbers as text', () => {
  const system = builtinSystem('julu-2021')!;
  const parsed = parseCohort(syntheticCohort(system, 12, { seed: 5, groups: ['乡镇', '县直部门'] }), system);
  if (!parsed.ok) throw new Error('synthetic cohort invalid');
  const rs = roundOf(system, parsed.cohort.departments);
  const ctx = context(rs, null);

  it('a 评分表: head, every indicator with its weight and score, the total and the grade', async () => {
    const d = rs.scores.departments[0]!;
    const pages = await pdfText(await scorecardPdf([scorecardReport(rs, d.code, ctx, null)!], zh, 'zh-CN'));
    const all = squeeze(pages.join(''));
    for (const s of ['巨鹿县财政局', '部门整体支出绩效评价评分表', '发布日期：2022年3月1日', `单位名称：${d.name}`, '评价人：', '复核人：', '（盖章）']) expect(all).toContain(squeeze(s));
    for (const { leaf } of indexSystem(system).leaves) expect(all).toContain(squeeze(`${leaf.name}${leaf.weight.toFixed()}`));
    for (const { leaf } of indexSystem(system).leaves) expect(all).toContain(fmtScore(d.indicators[leaf.code]!.score));
    expect(all).toContain(squeeze(`合计${system.total.toFixed()}评价等级 ${d.grade}${fmtScore(d.total)}`));
    // Each page starts with the table header again, once the table runs over.
    expect(squeeze(pages[1]!)).toMatch(/^一级指标二级指标三级指标分值评分标准得分/);
  });

  it('the 通报: every group’s ranking in order, with total, subtotals and grade', async () => {
    const text = (await pdfText(await bulletinPdf(bulletinReport(rs, ctx), zh, 'zh-CN'))).join('\n');
    for (const g of ['乡镇', '县直部门']) {
      const view = rankingsView(rs, g);
      const lines = view.rows.map((r) => `${r.rank} / ${view.rows.length} ${r.tied ? '并列 ' : ''}${r.name} ${r.total} ${r.l1.map(([s]) => s).join(' ')} ${r.grade}`);
      let at = 0;
      for (const l of lines) {
        const found = text.indexOf(l, at);
        expect(found, l).toBeGreaterThan(at - 1);
        at = found;
      }
    }
  });
});

describe('the xlsx export', () => {
  const system = builtinSystem('julu-2021')!;
  const parsed = parseCohort(syntheticCohort(system, 16, { seed: 9, groups: ['乡镇', '县直部门'] }), system);
  if (!parsed.ok) throw new Error('synthetic cohort invalid');
  // One amount with more digits than a spreadsheet number holds: it must come back exactly.
  const departments = parsed.cohort.departments.map((d, i) => (i === 0 ? { ...d, inputs: { ...d.inputs, budget: d.inputs.budget!.plus('0.0000000000123') } } : d));
  const rs = roundOf(system, departments);
  const groups = ['乡镇', '县直部门'];

  it('imports back with identical scores', async () => {
    const buf = await writeWorkbook([summarySheet(rs, groups), detailSheet(rs, groups), indicatorSheet(rs, groups)], { system, round: rs.round, rows: departments.map((d) => departmentToRow(d)) });
    const read = await readWorkbook(buf);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const back = rowsToCohort(read.source, system, rs.round);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.cohort.departments.find((d) => d.code === departments[0]!.code)!.inputs.budget!.toFixed()).toBe(departments[0]!.inputs.budget!.toFixed());
    expect(scoresToJson(scoreCohort(system, back.cohort.departments), { explain: true })).toEqual(scoresToJson(rs.scores, { explain: true }));
  });

  it('明细 has every leaf of every department with its inputs, value, score and rate', () => {
    const sheet = detailSheet(rs, groups);
    const leaves = indexSystem(system).leaves;
    expect(sheet.rows).toHaveLength(departments.length * leaves.length);
    const col = (h: string) => sheet.columns.findIndex((c) => c.header === h);
    const d = rs.scores.departments[0]!;
    const row = sheet.rows.find((r) => r[1] === d.code && r[col('指标代码')] === 'budget_adjustment')!;
    const s = d.indicators.budget_adjustment!;
    expect(row[col('得分')]).toBe(Number(fmtScore(s.score)));
    expect(row[col('得分率')]).toBeCloseTo(Number(s.score.div(s.weight).toFixed(4)), 10);
    expect(row[col('填报数据')]).toMatch(/预算调整数 .*万元；预算数 .*万元/);
    expect(row[col('指标值')]).toBeCloseTo(s.value?.kind === 'value' ? s.value.x.toNumber() : NaN, 6);
  });

  it('汇总 gives rank as k / n, each level-1 subtotal and score rate', () => {
    const sheet = summarySheet(rs, ['乡镇']);
    const members = rs.scores.departments.filter((d) => d.group === '乡镇');
    expect(sheet.rows.map((r) => r[1])).toEqual(members.map((d) => `${d.rank} / ${members.length}`));
    const l1 = system.indicators[0]!;
    const at = sheet.columns.findIndex((c) => c.header === `${l1.name}得分率`);
    expect(sheet.rows.map((r) => r[at])).toEqual(members.map((d) => Number(d.level1[l1.code]!.div(l1.weight).toDecimalPlaces(4).toFixed())));
  });
});
