import type Decimal from 'decimal.js';
import type { ExactFraction, Rational } from './exact';
import type { Explanation } from './explain/types';

export type { ExactFraction, Rational } from './exact';
export type * from './explain/types';

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

/** A grade band (评价等级, spec §7): a total of at least `min` earns `label`. */
export interface GradeBand {
  label: string;
  min: Decimal;
}

export interface System {
  id: string;
  name: string;
  interpolation: Policy;
  total: Decimal;
  indicators: Branch[];
  fields: Record<string, FieldInfo>;
  /** The system's grade bands, highest `min` first; the lowest has min 0, so every total has a grade. */
  grades: GradeBand[];
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
  /** The evaluation of each judgement leaf (spec §7); a leaf without one is pending. */
  judgements: Record<string, Decimal>;
  self_scores?: SelfScores;
  /** How a panel reached a judgement leaf's score, for its explanation (see panel.ts). */
  panels?: Record<string, PanelResult>;
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
  /** The cell or range as a spreadsheet names it (`K7`, `M4:N4`); with `sheet`, `填报!K7`. */
  cell?: string;
  /** What the clerk sees for `field`: the Chinese header with its unit, e.g. `预算数（万元）`. */
  header?: string;
  message: string;
  /**
   * What is wrong with an input value, as data, for pages in another language (`message` is the
   * Chinese sentence). Set for the problems a user can make by typing a value: numbers, grades,
   * checklist answers and the relations between inputs.
   */
  reason?: ProblemReason;
}

/** Field keys name input fields; `leaf` an indicator code: the reader takes the names from the system. */
export type ProblemReason =
  | { kind: 'missing' }
  | { kind: 'not_number'; text: string }
  | { kind: 'negative'; value: string }
  | { kind: 'not_integer'; value: string }
  | { kind: 'not_positive' }
  | { kind: 'zero_denominator'; leaf: string }
  | { kind: 'part_exceeds_whole'; value: string; whole: string; wholeValue: string; leaf: string }
  | { kind: 'unknown_grade'; text: string; labels: string[] }
  | { kind: 'not_yes_no'; text: string };

export type Status =
  | 'full'
  | 'zero'
  | 'interpolated'
  | 'fallback'
  | 'proportional'
  | 'tier'
  | 'grade'
  | 'judgement'
  | 'not_applicable'
  /** A judgement leaf not yet evaluated: it scores nothing and the total is provisional (spec §7). */
  | 'pending';

/** x = num / den, exact (see exact.ts `Fraction`). `x` is its quotient as a decimal, for display and charts only. */
export interface MetricRatio extends ExactFraction {
  kind: 'value';
  readonly x: Decimal;
}

export type MetricValue =
  | MetricRatio
  | { kind: 'not_applicable' }
  | { kind: 'infinite' };

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
  /** 评价等级: the label of the system's highest grade band whose min ≤ total (spec §7). */
  grade: string;
  indicators: Record<string, LeafScore>;
  selfTotal?: Decimal;
  selfTotalDiff?: Decimal;
  /** Judgement leaves still pending: the total is provisional (spec §7). */
  provisional?: boolean;
  /** The total with every pending leaf at full marks; `total` has them at 0. Set when provisional. */
  totalMax?: Decimal;
}

/** Panel rule of a round (spec §7): the mean, or with 5 or more reviewers the trimmed mean. */
export type PanelRule = 'mean' | 'trimmed-mean';
export const PANEL_RULES: readonly PanelRule[] = ['mean', 'trimmed-mean'];

/** One reviewer's score on a judgement leaf. */
export interface ReviewerScore {
  /** Who: a username, or the bureau. */
  by: string;
  score: Decimal;
  comment?: string;
}

/** How a panel's scores became one judgement score. */
export interface PanelResult {
  rule: PanelRule;
  scores: ReviewerScore[];
  /** Whether the highest and lowest were dropped (trimmed mean with ≥ 5 reviewers). */
  trimmed: boolean;
  /** The combined score, rounded half-up to 2 decimals: the leaf's score. */
  score: Decimal;
  /** Highest minus lowest of all the scores given. */
  spread: Decimal;
  /** The spread is above the round's threshold: to be discussed. */
  flagged: boolean;
}

/** Per group and banded leaf: how many values took part and the min/max actually used. */
export interface CohortStat {
  /** n: departments of the group with a finite, applicable value (spec §6 `n`). */
  n: number;
  /** Of those, the values that qualified for min/max under the policy (0 under `thresholds`). */
  qualifying: number;
  basis: 'cohort' | 'thresholds';
  /** The policy asked for the cohort but fewer than two values qualified, or max = min. */
  fallback: boolean;
  /** min and max as decimals (32 significant digits), for display and the JSON. */
  min: Decimal;
  max: Decimal;
  /** min and max exactly: what the interpolation computes with. */
  minValue: ExactFraction;
  maxValue: ExactFraction;
}

export interface Scores {
  system: string;
  policy: Policy;
  cohort: Record<string, Record<string, CohortStat>>;
  departments: DepartmentScore[];
}
