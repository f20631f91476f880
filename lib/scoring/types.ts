import type Decimal from 'decimal.js';

/** Which cohort values the banded formula's min and max range over (spec §2). */
export type Policy = 'cohort-in-band' | 'cohort-all' | 'thresholds';
export const POLICIES: readonly Policy[] = ['cohort-in-band', 'cohort-all', 'thresholds'];

export type Better = 'lower' | 'higher';

/** x = num / den, or x = (curr − prev) / prev. Operands are input field keys. */
export type Metric =
  | { ratio: [string, string]; on_zero?: 'not_applicable' | 'error'; at_most_one?: boolean }
  | { change: [string, string] };

export type Rule =
  | { kind: 'banded'; metric: Metric; better: Better; full: Decimal; zero: Decimal }
  | { kind: 'proportional'; metric: Metric }
  | { kind: 'checklist'; items: string[]; tiers: { met: number; score: Decimal }[] }
  | { kind: 'grade'; grades: { label: string; score: Decimal }[] }
  | { kind: 'judgement'; points: string[] };

export type RuleKind = Rule['kind'];

interface NodeBase {
  code: string;
  name: string;
  weight: Decimal;
  /** 指标解释说明, shown to people; never used for scoring. */
  description?: string;
}
export interface Leaf extends NodeBase {
  rule: Rule;
}
export interface Branch extends NodeBase {
  children: IndicatorNode[];
}
export type IndicatorNode = Leaf | Branch;

/** Labels of an input field, for forms, templates and explanations. */
export interface FieldInfo {
  name: string;
  unit?: string;
  /** Counts must be whole numbers. */
  integer?: boolean;
  /** Must be strictly positive (e.g. 编制数). */
  positive?: boolean;
  description?: string;
}

export interface System {
  id: string;
  name: string;
  interpolation: Policy;
  total: Decimal;
  indicators: Branch[];
  fields: Record<string, FieldInfo>;
}

/** Derived, flattened view of a system that scoring and the UI iterate over. */
export interface LeafInfo {
  leaf: Leaf;
  level1: string;
  level2: string | null;
  /** Highest score the rule can give before the weight cap. */
  maxAttainable: Decimal;
}

export type SelfScores = Partial<Record<string, Decimal>>;

/** A validated department submission, in exact decimals. */
export interface Department {
  code: string;
  name: string;
  group: string;
  inputs: Record<string, Decimal>;
  checklists: Record<string, boolean[]>;
  grades: Record<string, string>;
  judgements: Record<string, Decimal>;
  self_scores?: SelfScores;
}

export interface Cohort {
  system: string;
  round: { name: string; year: number };
  departments: Department[];
}

/** One reason a file or form was rejected. `department` and `field` name where; row/column for tables. */
export interface Problem {
  department?: string;
  field?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

export type Status =
  | 'full'
  | 'zero'
  | 'interpolated'
  | 'fallback'
  | 'proportional'
  | 'tier'
  | 'grade'
  | 'judgement'
  | 'not_applicable';

/**
 * x = a / b with b > 0. Most values are only compared with thresholds, which `cmp` does without
 * dividing (a ≤ t·b); `x` divides once, on first read.
 */
export interface MetricRatio extends Fraction {
  kind: 'value';
  readonly x: Decimal;
  /** Sign of x − t. */
  cmp(t: Decimal): number;
}

/** a / b with b > 0, both short exact decimals, so products and differences stay exact. */
export interface Fraction {
  readonly a: Decimal;
  readonly b: Decimal;
}

export type MetricValue =
  | MetricRatio
  | { kind: 'not_applicable' }
  | { kind: 'infinite' };

/** Why a leaf scored what it did. Rendered by the UI, exports and reports; never recomputed there. */
export interface Explanation {
  rule: RuleKind;
  /** The rule in words, e.g. `≤ 100.00% 得满分；≥ 115.00% 得 0 分；之间按同组插值`. */
  ruleText: string;
  /** Raw inputs the rule read, as given (万元, 人, 个, 是/否, grade label…). */
  inputs: Record<string, string>;
  /** x as a percentage string (`98.21%`), 'not applicable' or '∞' when present. */
  valueText?: string;
  full?: Decimal;
  zero?: Decimal;
  better?: Better;
  band?: 'full' | 'zero' | 'in_band';
  policy?: Policy;
  /** Where min and max came from: the cohort, or the thresholds (policy or fallback). */
  basis?: 'cohort' | 'thresholds';
  min?: Decimal;
  max?: Decimal;
  n?: number;
  /** Rule's score was above the weight and was cut to it. */
  capped?: boolean;
  /** The computation with numbers filled in, in Chinese. */
  formula: string;
  /** What earns full marks, e.g. `在职人员控制率 ≤ 100.00% 可得满分`. */
  target: string;
}

export interface LeafScore {
  code: string;
  weight: Decimal;
  /** Rounded half-up to 2 decimals. */
  score: Decimal;
  status: Status;
  value?: MetricValue;
  explanation: Explanation;
  self?: Decimal;
  /** self − score, when a self-score was given. */
  selfDiff?: Decimal;
}

export interface DepartmentScore {
  code: string;
  name: string;
  group: string;
  total: Decimal;
  rank: number;
  /** True when another department of the group has the same total (并列). */
  tied: boolean;
  level1: Record<string, Decimal>;
  level2: Record<string, Decimal>;
  indicators: Record<string, LeafScore>;
  selfTotal?: Decimal;
  selfTotalDiff?: Decimal;
}

/** Per group and banded leaf: how many values took part and the min/max actually used. */
export interface CohortStat {
  /** Departments of the group with a finite, applicable value. */
  n: number;
  /** Values that qualified for min/max under the policy. */
  qualifying: number;
  basis: 'cohort' | 'thresholds';
  /** The policy asked for the cohort but too few values qualified, or max = min. */
  fallback: boolean;
  min: Decimal;
  max: Decimal;
  /** min and max as exact fractions: the interpolation divides once, at the end. */
  minFraction: Fraction;
  maxFraction: Fraction;
}

export interface Scores {
  system: string;
  policy: Policy;
  cohort: Record<string, Record<string, CohortStat>>;
  departments: DepartmentScore[];
}
