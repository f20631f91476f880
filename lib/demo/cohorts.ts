// The seed township (the scoring issue's fixture, which the tests read too), imported so the bundle carries it.
import seedFixture from './xiaolvzhai-2021.json';
import { D, builtinSystem, indexSystem, parseCohort, scoreCohort, type Decimal, type Department, type System } from '@/lib/scoring';

/**
 * The demo rounds: the seed township 小吕寨镇 and twenty invented units (each marked 示例), tuned so
 * every view has something real to show — values inside the bands, a tie, not-applicable
 * indicators, an infinite 三公经费 increase, self-scores that differ from the computed ones, every
 * satisfaction grade and partly met checklists. Everything is derived from the fixed table below.
 */

export const DEMO_SYSTEM = 'julu-2021';
export const DEMO_ROUNDS = [
  { slug: '2020', name: '2020年度部门整体支出绩效评价', year: 2020 },
  { slug: '2021', name: '2021年度部门整体支出绩效评价', year: 2021 },
] as const;

type Grade = '优秀' | '良好' | '合格' | '不合格';

interface Unit {
  code: string;
  name: string;
  group: '乡镇' | '县直部门';
  /** 预算数, 万元. */
  budget: number;
  staff: [authorized: number, actual: number];
  /** [上年, 本年] 三公经费, 万元; a zero last year with spending this year is an infinite increase. */
  threePublic: [number, number];
  /** [重点项目支出, 项目总支出]; [0, 0] = no project spending (not applicable). */
  projects: [number, number];
  /** 预算完成率 and 预算调整率, as fractions of the budget. */
  completion: number;
  adjustment: number;
  /** 支付进度率 and 结转结余率. */
  payment: number;
  carryover: number;
  /** 公用经费: [实际, 预算]. */
  publicExpense: [number, number];
  /** 政府采购项目: [实际, 预算]; [0, 0] = no procurement (not applicable). */
  procurement: [number, number];
  /** 固定资产: [在用, 总额]. */
  fixedAssets: [number, number];
  /** 项目: [质量达标, 已完成]. */
  quality: [number, number];
  /** Checklist items answered 否, as `leaf.n`. */
  unmet: string[];
  satisfaction: Grade;
  /** duty_completion, economic_benefit, social_benefit, ecological_benefit. */
  judgements: [number, number, number, number];
  /** Self-evaluation: none, the department's own threshold arithmetic, or that plus full marks claimed here. */
  self: 'none' | 'thresholds' | string[];
}

// prettier-ignore
const UNITS: Unit[] = [
  { code: 'demo-guanting', name: '示例·官亭镇', group: '乡镇', budget: 1320.5, staff: [62, 64], threePublic: [14.2, 13.1], projects: [410.6, 436.8], completion: 0.972, adjustment: 0.031, payment: 0.981, carryover: 0.064, publicExpense: [102.3, 101.1], procurement: [4, 4], fixedAssets: [88.42, 91.07], quality: [12, 12], unmet: [], satisfaction: '优秀', judgements: [9.5, 4, 4.5, 4.5], self: 'thresholds' },
  { code: 'demo-xiguocheng', name: '示例·西郭城镇', group: '乡镇', budget: 1186.2, staff: [58, 61], threePublic: [11.6, 12.3], projects: [352.4, 388.1], completion: 0.917, adjustment: 0.054, payment: 0.934, carryover: 0.121, publicExpense: [95.6, 93.2], procurement: [5, 6], fixedAssets: [120.3, 131.6], quality: [9, 9], unmet: ['basic_info.3'], satisfaction: '良好', judgements: [8.5, 4, 4, 4], self: ['budget_adjustment', 'carryover'] },
  { code: 'demo-wanghuzhai', name: '示例·王虎寨镇', group: '乡镇', budget: 1012.8, staff: [51, 50], threePublic: [9.8, 9.1], projects: [265.3, 287.9], completion: 0.958, adjustment: 0.0, payment: 1.0, carryover: 0.0, publicExpense: [84.2, 85.0], procurement: [3, 3], fixedAssets: [76.5, 78.9], quality: [8, 8], unmet: [], satisfaction: '优秀', judgements: [10, 4.5, 5, 4.5], self: 'thresholds' },
  { code: 'demo-sujiaying', name: '示例·苏家营乡', group: '乡镇', budget: 876.4, staff: [46, 52], threePublic: [0, 6.4], projects: [198.7, 226.4], completion: 0.884, adjustment: 0.082, payment: 0.902, carryover: 0.236, publicExpense: [77.9, 75.1], procurement: [2, 3], fixedAssets: [60.2, 69.8], quality: [6, 7], unmet: ['disclosure.3', 'asset_integrity.3', 'fund_compliance.3'], satisfaction: '合格', judgements: [7, 3, 3.5, 3], self: ['three_public_change', 'project_quality', 'disclosure'] },
  { code: 'demo-zhangwangtuan', name: '示例·张王疃乡', group: '乡镇', budget: 930.7, staff: [48, 49], threePublic: [10.4, 10.6], projects: [240.2, 258.4], completion: 0.941, adjustment: 0.046, payment: 0.962, carryover: 0.088, publicExpense: [80.6, 79.4], procurement: [3, 3], fixedAssets: [70.1, 75.3], quality: [7, 7], unmet: ['activity_rationality.2'], satisfaction: '良好', judgements: [9, 4, 4, 4], self: 'none' },
  { code: 'demo-dicun', name: '示例·堤村乡', group: '乡镇', budget: 802.3, staff: [44, 45], threePublic: [8.3, 8.0], projects: [176.9, 190.2], completion: 0.963, adjustment: 0.022, payment: 0.99, carryover: 0.041, publicExpense: [70.1, 70.3], procurement: [0, 0], fixedAssets: [55.8, 57.2], quality: [5, 5], unmet: [], satisfaction: '优秀', judgements: [9.5, 4.5, 4.5, 5], self: 'thresholds' },
  { code: 'demo-yantuan', name: '示例·阎疃镇', group: '乡镇', budget: 1254.9, staff: [60, 66], threePublic: [13.5, 14.6], projects: [330.8, 372.5], completion: 0.902, adjustment: 0.067, payment: 0.918, carryover: 0.173, publicExpense: [104.8, 101.6], procurement: [6, 7], fixedAssets: [98.7, 112.4], quality: [199, 200], unmet: ['basic_info.4', 'fund_compliance.7'], satisfaction: '良好', judgements: [8, 3.5, 4, 3.5], self: ['staff_control', 'public_expense_control'] },
  { code: 'demo-guanzhai', name: '示例·观寨乡', group: '乡镇', budget: 768.6, staff: [40, 41], threePublic: [7.6, 7.5], projects: [150.2, 160.3], completion: 0.978, adjustment: 0.012, payment: 0.995, carryover: 0.027, publicExpense: [66.3, 66.5], procurement: [2, 2], fixedAssets: [49.6, 50.8], quality: [6, 6], unmet: [], satisfaction: '良好', judgements: [9, 4, 4.5, 4], self: 'thresholds' },
  { code: 'demo-hezhai', name: '示例·何寨镇', group: '乡镇', budget: 1098.1, staff: [55, 63], threePublic: [12.1, 13.9], projects: [280.4, 340.7], completion: 0.842, adjustment: 0.118, payment: 0.87, carryover: 0.31, publicExpense: [96.1, 90.2], procurement: [8, 10], fixedAssets: [80.4, 97.6], quality: [10, 11], unmet: ['activity_compliance.2', 'disclosure.2', 'disclosure.3', 'basic_info.2', 'asset_integrity.2'], satisfaction: '不合格', judgements: [6, 2.5, 3, 2.5], self: 'none' },
  { code: 'demo-juluzhen', name: '示例·巨鹿镇', group: '乡镇', budget: 1620.3, staff: [75, 77], threePublic: [17.8, 17.2], projects: [505.1, 540.6], completion: 0.95, adjustment: 0.038, payment: 0.976, carryover: 0.052, publicExpense: [128.4, 127.9], procurement: [19, 20], fixedAssets: [141.2, 146.5], quality: [15, 15], unmet: [], satisfaction: '优秀', judgements: [9.5, 4.5, 4.5, 4.5], self: 'thresholds' },

  { code: 'demo-jiaoyu', name: '示例·县教育局', group: '县直部门', budget: 18650.4, staff: [412, 425], threePublic: [36.5, 34.2], projects: [6120.5, 6480.2], completion: 0.964, adjustment: 0.042, payment: 0.972, carryover: 0.071, publicExpense: [820.6, 812.3], procurement: [26, 27], fixedAssets: [5210.3, 5488.6], quality: [31, 31], unmet: [], satisfaction: '优秀', judgements: [9.5, 4.5, 5, 4.5], self: 'thresholds' },
  { code: 'demo-weijian', name: '示例·县卫生健康局', group: '县直部门', budget: 9820.7, staff: [186, 191], threePublic: [22.4, 21.6], projects: [3320.6, 3506.4], completion: 0.953, adjustment: 0.026, payment: 0.985, carryover: 0.048, publicExpense: [402.3, 398.8], procurement: [14, 14], fixedAssets: [2150.2, 2231.7], quality: [18, 18], unmet: ['basic_info.3'], satisfaction: '优秀', judgements: [9, 4.5, 5, 4], self: ['budget_adjustment', 'basic_info'] },
  { code: 'demo-nongye', name: '示例·县农业农村局', group: '县直部门', budget: 7420.2, staff: [98, 96], threePublic: [15.8, 14.9], projects: [2870.4, 3012.8], completion: 0.969, adjustment: 0.035, payment: 0.958, carryover: 0.083, publicExpense: [286.1, 284.7], procurement: [11, 12], fixedAssets: [1320.5, 1361.2], quality: [22, 22], unmet: [], satisfaction: '良好', judgements: [9, 4, 4.5, 4.5], self: 'thresholds' },
  { code: 'demo-shuili', name: '示例·县水利局', group: '县直部门', budget: 5230.9, staff: [64, 68], threePublic: [12.2, 12.9], projects: [2410.3, 2660.1], completion: 0.912, adjustment: 0.071, payment: 0.921, carryover: 0.164, publicExpense: [198.4, 193.0], procurement: [9, 10], fixedAssets: [2980.6, 3310.4], quality: [14, 15], unmet: ['fund_compliance.3', 'disclosure.3'], satisfaction: '合格', judgements: [8, 3.5, 4, 4.5], self: ['fixed_asset_utilization', 'project_quality', 'payment_progress'] },
  { code: 'demo-jiaotong', name: '示例·县交通运输局', group: '县直部门', budget: 6105.6, staff: [72, 74], threePublic: [18.6, 17.1], projects: [2690.8, 2870.3], completion: 0.937, adjustment: 0.058, payment: 0.944, carryover: 0.112, publicExpense: [231.8, 229.3], procurement: [12, 13], fixedAssets: [4120.1, 4402.8], quality: [396, 398], unmet: ['asset_integrity.3'], satisfaction: '良好', judgements: [8.5, 4, 4, 3.5], self: 'thresholds' },
  { code: 'demo-minzheng', name: '示例·县民政局', group: '县直部门', budget: 4380.1, staff: [53, 53], threePublic: [8.9, 8.4], projects: [2840.2, 2960.5], completion: 0.981, adjustment: 0.018, payment: 0.997, carryover: 0.022, publicExpense: [150.6, 151.2], procurement: [5, 5], fixedAssets: [610.3, 622.9], quality: [9, 9], unmet: [], satisfaction: '优秀', judgements: [9.5, 4, 5, 4.5], self: 'none' },
  { code: 'demo-wenlv', name: '示例·县文化广电和旅游局', group: '县直部门', budget: 2210.5, staff: [47, 52], threePublic: [0, 3.8], projects: [820.4, 930.6], completion: 0.893, adjustment: 0.094, payment: 0.905, carryover: 0.207, publicExpense: [96.4, 92.1], procurement: [4, 5], fixedAssets: [880.2, 1010.4], quality: [6, 7], unmet: ['activity_rationality.1', 'disclosure.2', 'disclosure.3', 'fund_compliance.2'], satisfaction: '合格', judgements: [7, 3, 4, 3.5], self: ['three_public_change', 'budget_completion'] },
  { code: 'demo-shijian', name: '示例·县市场监督管理局', group: '县直部门', budget: 3120.8, staff: [88, 90], threePublic: [11.4, 11.0], projects: [940.5, 1002.7], completion: 0.959, adjustment: 0.029, payment: 0.979, carryover: 0.056, publicExpense: [171.2, 170.6], procurement: [7, 7], fixedAssets: [420.3, 438.5], quality: [11, 11], unmet: [], satisfaction: '良好', judgements: [9, 4, 4.5, 4], self: 'thresholds' },
  { code: 'demo-ziran', name: '示例·县自然资源和规划局', group: '县直部门', budget: 3860.2, staff: [70, 79], threePublic: [14.1, 16.4], projects: [1410.2, 1720.9], completion: 0.861, adjustment: 0.105, payment: 0.883, carryover: 0.288, publicExpense: [168.9, 160.2], procurement: [6, 8], fixedAssets: [760.5, 905.3], quality: [12, 13], unmet: ['activity_compliance.2', 'basic_info.2', 'basic_info.4', 'asset_integrity.2', 'asset_integrity.3'], satisfaction: '不合格', judgements: [6.5, 3, 3, 3.5], self: 'none' },
  { code: 'demo-dangan', name: '示例·县档案馆', group: '县直部门', budget: 186.4, staff: [12, 12], threePublic: [0, 0], projects: [0, 0], completion: 0.986, adjustment: 0.0, payment: 1.0, carryover: 0.015, publicExpense: [21.3, 21.5], procurement: [0, 0], fixedAssets: [42.6, 43.1], quality: [0, 0], unmet: ['disclosure.3'], satisfaction: '良好', judgements: [9, 3.5, 4.5, 4], self: 'thresholds' },
];

/** The two units whose totals are made equal (并列): same group, otherwise independent data. */
const TIE = ['demo-nongye', 'demo-shijian'] as const;

/** Units that also appear in 2020, with figures shifted so history moves. */
const IN_2020 = ['demo-guanting', 'demo-xiguocheng', 'demo-wanghuzhai', 'demo-sujiaying', 'demo-dicun', 'demo-yantuan', 'demo-hezhai', 'demo-jiaoyu', 'demo-weijian', 'demo-nongye', 'demo-shuili', 'demo-minzheng', 'demo-wenlv', 'demo-dangan'];

const money = (x: number) => new D(x).toDecimalPlaces(2).toFixed();

function inputsOf(u: Unit): Record<string, string | number> {
  const exp = u.budget * u.completion; // 支出预算数 ≈ 预算完成数: the report's own convention
  return {
    staff_authorized: u.staff[0],
    staff_actual: u.staff[1],
    three_public_prev: money(u.threePublic[0]),
    three_public_curr: money(u.threePublic[1]),
    key_project_spending: money(u.projects[0]),
    total_project_spending: money(u.projects[1]),
    budget: money(u.budget),
    budget_completed: money(u.budget * u.completion),
    budget_adjusted: money(u.budget * u.adjustment),
    payments: money(exp * u.payment),
    payment_target: money(exp),
    carryover: money(exp * u.carryover),
    expenditure_budget: money(exp),
    public_expense_actual: money(u.publicExpense[0]),
    public_expense_budget: money(u.publicExpense[1]),
    procurement_actual: u.procurement[0],
    procurement_budgeted: u.procurement[1],
    fixed_assets_in_use: money(u.fixedAssets[0]),
    fixed_assets_total: money(u.fixedAssets[1]),
    projects_completed: u.quality[1],
    projects_qualified: u.quality[0],
  };
}

function departmentJson(u: Unit, system: System): Record<string, unknown> {
  const checklists: Record<string, boolean[]> = {};
  for (const { leaf } of indexSystem(system).checklistLeaves) {
    if (leaf.rule.kind === 'checklist') checklists[leaf.code] = leaf.rule.items.map((_, i) => !u.unmet.includes(`${leaf.code}.${i + 1}`));
  }
  const [duty, eco, soc, ecol] = u.judgements;
  return {
    code: u.code,
    name: u.name,
    group: u.group,
    inputs: inputsOf(u),
    checklists,
    grades: { satisfaction: u.satisfaction },
    judgements: { duty_completion: duty, economic_benefit: eco, social_benefit: soc, ecological_benefit: ecol },
  };
}

function parse(raw: unknown, system: System): Department[] {
  const r = parseCohort(raw, system);
  if (!r.ok) throw new Error(`示例数据无效：${r.problems.map((p) => `${p.department} ${p.field} ${p.message}`).join('；')}`);
  return r.cohort.departments;
}

/**
 * Self-scores as a department would compute them alone: its own figures against the thresholds
 * (no cohort), plus full marks claimed on the leaves listed. They differ from the cohort score
 * wherever a value sits inside a band, which is what the self-score columns are for.
 */
function selfScores(d: Department, u: Unit, system: System): Record<string, string> {
  const alone = scoreCohort(system, [d], { policy: 'thresholds' }).departments[0]!;
  const out: Record<string, Decimal> = {};
  for (const [code, s] of Object.entries(alone.indicators)) out[code] = s.score;
  if (Array.isArray(u.self)) for (const code of u.self) out[code] = alone.indicators[code]!.weight;
  let total = new D(0);
  for (const v of Object.values(out)) total = total.plus(v);
  return { ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toFixed()])), total: total.toFixed() };
}

function seedTownship(): Record<string, unknown> {
  return structuredClone(seedFixture.departments[0]!) as Record<string, unknown>;
}

/** Deterministic shift of one unit's 2021 figures back to 2020: a little less spent, a little worse run. */
function earlier(u: Unit, i: number): Unit {
  const k = [0.93, 0.97, 1.02, 0.95, 0.99][i % 5]!;
  const met = (x: number, by: number) => Math.min(1, Math.max(0, x + by));
  return {
    ...u,
    budget: u.budget * k,
    // Last year's 本年度 is this year's 上年度; a unit with none this year may have had some before.
    threePublic: [u.threePublic[0] === 0 ? (u.threePublic[1] > 0 ? 3.1 : 0) : u.threePublic[0] * 1.04, u.threePublic[0]],
    completion: met(u.completion, i % 3 === 0 ? -0.03 : 0.01),
    adjustment: met(u.adjustment, i % 2 === 0 ? 0.015 : -0.01),
    carryover: met(u.carryover, i % 4 === 0 ? 0.05 : -0.01),
    unmet: i % 3 === 1 ? [...u.unmet, 'basic_info.4'] : u.unmet,
    satisfaction: (['良好', '优秀', '合格', '良好'] as Grade[])[i % 4]!,
    judgements: [Math.max(5, u.judgements[0] - 0.5), u.judgements[1], u.judgements[2], u.judgements[3]],
  };
}

export interface DemoCohorts {
  /** cohort@1 documents, keyed by round slug. */
  cohorts: Record<(typeof DEMO_ROUNDS)[number]['slug'], Record<string, unknown>>;
}

export function demoCohorts(): DemoCohorts {
  const system = builtinSystem(DEMO_SYSTEM)!;
  const round2021 = DEMO_ROUNDS[1];

  // 1. The units as tabled, then one judgement adjusted so the two TIE units end level.
  const units = UNITS.map((u) => ({ ...u }));
  const raw = () => [seedTownship(), ...units.map((u) => departmentJson(u, system))];
  const first = scoreCohort(system, parse({ format: 'dept-scorecard/cohort@1', system: DEMO_SYSTEM, round: round2021, departments: raw() }, system));
  const total = (code: string) => first.departments.find((d) => d.code === code)!.total;
  const b = units.find((u) => u.code === TIE[1])!;
  const gap = total(TIE[0]).minus(total(TIE[1]));
  // Judgements feed no cohort statistic, so moving one changes that unit's total and nothing else.
  b.judgements = [Number(new D(b.judgements[0]).plus(gap).toFixed(2)), b.judgements[1], b.judgements[2], b.judgements[3]];
  if (b.judgements[0] < 0 || b.judgements[0] > 10) throw new Error('示例数据无法构成并列');

  // 2. Self-scores from each unit's own figures.
  const withSelf = (list: Unit[], extra: Record<string, unknown>[]) => {
    const docs = list.map((u) => departmentJson(u, system));
    const parsed = parse({ format: 'dept-scorecard/cohort@1', system: DEMO_SYSTEM, round: round2021, departments: docs }, system);
    return [...extra, ...docs.map((doc, i) => (list[i]!.self === 'none' ? doc : { ...doc, self_scores: selfScores(parsed[i]!, list[i]!, system) }))];
  };

  const cohort = (r: (typeof DEMO_ROUNDS)[number], departments: Record<string, unknown>[]) => ({
    format: 'dept-scorecard/cohort@1',
    system: DEMO_SYSTEM,
    round: { name: r.name, year: r.year },
    departments,
  });

  const seed2020 = { ...seedTownship() };
  delete seed2020.self_scores;
  const inputs2020 = { ...(seed2020.inputs as Record<string, unknown>), budget: '986.3', budget_adjusted: '64.1', three_public_prev: '13.1', three_public_curr: '12.6' };
  const units2020 = units.filter((u) => IN_2020.includes(u.code)).map(earlier);

  return {
    cohorts: {
      '2020': cohort(DEMO_ROUNDS[0], withSelf(units2020, [{ ...seed2020, inputs: inputs2020 }])),
      '2021': cohort(round2021, withSelf(units, [seedTownship()])),
    },
  };
}

/** A later correction of one submission, so the demo shows a department with two versions. */
export function demoCorrection(cohort2021: Record<string, unknown>): Record<string, unknown> {
  const departments = cohort2021.departments as Record<string, unknown>[];
  const original = departments.find((d) => d.code === 'demo-guanting')!;
  const inputs = { ...(original.inputs as Record<string, string | number>) };
  // 官亭镇 first reported its 结转结余 before year-end adjustments, then corrected it.
  inputs.carryover = money(Number(inputs.carryover) * 0.8);
  return { ...cohort2021, departments: [{ ...original, inputs }] };
}
