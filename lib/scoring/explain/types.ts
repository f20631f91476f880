/**
 * The explanation of one leaf score, as data (issue 11 §2): what the rule is, what it read, where
 * the value fell, the terms of the formula and what earns full marks. It holds no sentence in any
 * language: `renderExplanation` (render.ts) turns it into zh-CN or English text, with the names and
 * units of indicators and fields taken from the system.
 *
 * The shape is plain JSON (strings, numbers, booleans, arrays, objects) and is the same in memory
 * and in the Scores JSON (`scoresToJson(…, {explain: true})`), so a stored explanation is read back
 * as it is. Numbers are strings:
 * - `DecimalText`: exact decimal text as the rule or input has it ("1.15", "1049.6", "-0.05");
 * - `PercentText`: a fraction × 100, rounded half-up to 2 decimals, without "%" ("107.14", "-5.00");
 * - `ScoreText`: a score with exactly 2 decimals ("0.42").
 */

import type { Better, Policy } from '../types';

export type DecimalText = string;
export type PercentText = string;
export type ScoreText = string;

/** Where a metric value lies: at or past the full-marks line, at or past the zero line, or strictly between. */
export type Band = 'full' | 'zero' | 'in_band';

/** The metric's value: a percentage, not applicable (full marks) or an infinite change (zero). */
export type ValueFacts = { kind: 'value'; percent: PercentText } | { kind: 'not_applicable' } | { kind: 'infinite' };

/** ratio: x = fields[0] / fields[1]; change: x = (fields[0] − fields[1]) / fields[1]. */
export interface MetricFacts {
  kind: 'ratio' | 'change';
  fields: [string, string];
}

/** What earns full marks on a metric: x `cmp` threshold, and the input that reaches it holding the other fixed. */
export interface MetricTarget {
  cmp: '≤' | '≥';
  threshold: DecimalText;
  /** e.g. staff_actual ≤ 56: counts rounded to the safe side, amounts to 2 decimals. Absent when no such input exists. */
  reach: { field: string; cmp: '≤' | '≥'; amount: DecimalText } | null;
}

interface Common {
  /** Leaf code: the renderer takes its name from the system. */
  leaf: string;
  weight: DecimalText;
  score: ScoreText;
  /** The rule's own score was above the weight and was cut to it. */
  capped: boolean;
  /**
   * What the rule read, as given: input fields (decimal text), a checklist's items
   * (`<leaf>.<n>`, true/false), a grade label, a judgement score.
   */
  inputs: Record<string, string | boolean>;
}

export interface BandedExplanation extends Common {
  rule: 'banded';
  policy: Policy;
  better: Better;
  full: DecimalText;
  zero: DecimalText;
  metric: MetricFacts;
  value: ValueFacts;
  band: Band;
  /**
   * The department's own value is the min (or the max) its group interpolates between, cohort
   * basis only: it sets the scale of every in-band score on this leaf. Null otherwise.
   */
  sets: 'min' | 'max' | null;
  /** Inside the band only: where min and max came from and the formula's terms. */
  interpolation: {
    basis: 'cohort' | 'thresholds';
    /** The policy asked for the cohort, but fewer than 2 values qualified or max = min. */
    fallback: boolean;
    /** How many of the group's values min and max ranged over (0 under `thresholds`). */
    qualifying: number;
    /** min and max used, as decimals (exact, or 32 significant digits when the quotient does not terminate). */
    min: DecimalText;
    max: DecimalText;
    terms: { x: PercentText; min: PercentText; max: PercentText };
  } | null;
  target: MetricTarget;
}

export interface ProportionalExplanation extends Common {
  rule: 'proportional';
  metric: MetricFacts;
  value: ValueFacts;
  target: MetricTarget;
}

export interface ChecklistExplanation extends Common {
  rule: 'checklist';
  met: number;
  of: number;
  /** The rule's tiers, highest `met` first. */
  tiers: { met: number; score: DecimalText }[];
  /** The tier reached, or null when none was. */
  tier: { met: number; score: DecimalText } | null;
  /** The fewest items met that earn the full weight, or null when no tier reaches it. */
  itemsForFull: number | null;
}

export interface GradeExplanation extends Common {
  rule: 'grade';
  grades: { label: string; score: DecimalText }[];
  label: string;
  /** The label's own score, before any cap. */
  labelScore: DecimalText;
  /** The label with the highest score. */
  best: string;
}

export interface JudgementExplanation extends Common {
  rule: 'judgement';
  /** The evaluation's score; null while the leaf is not yet evaluated (status `pending`, spec §7). */
  given: DecimalText | null;
  /** When a panel of reviewers scored it: each score (and comment), how they combine, the spread. */
  panel?: PanelFacts;
}

/** A panel's scores on one judgement leaf and how they became its score (spec §7, panel.ts). */
export interface PanelFacts {
  rule: 'mean' | 'trimmed-mean';
  scores: { by: string; score: ScoreText; comment?: string }[];
  /** One highest and one lowest dropped (trimmed mean with 5 or more reviewers). */
  trimmed: boolean;
  spread: ScoreText;
  /** The spread is above the round's threshold. */
  flagged: boolean;
}

export type Explanation = BandedExplanation | ProportionalExplanation | ChecklistExplanation | GradeExplanation | JudgementExplanation;
