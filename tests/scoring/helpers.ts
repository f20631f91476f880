/**
 * Builders for scoring tests: small systems written inline as system@1 JSON, departments that go
 * through the real cohort parser (so every test scores validated data), and short accessors.
 */
import {
  builtinSystem,
  D,
  loadSystem,
  parseCohort,
  renderExplanation,
  type ExplainLocale,
  scoreCohort,
  type BandedExplanation,
  type Department,
  type DepartmentScore,
  type LeafScore,
  type Policy,
  type Problem,
  type Scores,
  type System,
} from '@/lib/scoring';
import seedCohort from '@/lib/demo/xiaolvzhai-2021.json';

export type Json = Record<string, unknown>;

export const JULU = builtinSystem('julu-2021')!;
export const SEED_COHORT: Json = seedCohort;

/** A leaf node of a system@1 document. */
export function leaf(code: string, weight: number | string, rule: Json, name = code): Json {
  return { code, name, weight, rule };
}

export const banded = (metric: Json, better: 'lower' | 'higher', full: string, zero: string): Json => ({
  kind: 'banded',
  metric,
  better,
  full,
  zero,
});
export const ratio = (num: string, den: string, extra: Json = {}): Json => ({ ratio: [num, den], ...extra });
export const change = (curr: string, prev: string): Json => ({ change: [curr, prev] });

/**
 * A system@1 document with one level-1 node (100) holding one level-2 node (100) that holds the
 * given leaves, padded to 100 with a judgement leaf `rest` so the tree is valid.
 */
export function systemDoc(leaves: Json[], extra: Json = {}): Json {
  const used = leaves.reduce((s, l) => s.plus(String(l.weight)), new D(0));
  const rest = new D(100).minus(used);
  const children = rest.gt(0) ? [...leaves, leaf('rest', rest.toFixed(), { kind: 'judgement', points: [] }, '其余')] : leaves;
  return {
    format: 'dept-scorecard/system@1',
    id: 'test',
    name: '测试体系',
    interpolation: 'cohort-in-band',
    ...extra,
    indicators: [{ code: 'l1', name: '一级', weight: 100, children: [{ code: 'l2', name: '二级', weight: 100, children }] }],
  };
}

export function system(leaves: Json[], extra: Json = {}): System {
  return loadSystem(systemDoc(leaves, extra)).system;
}

/** Parts of the seed department to replace. */
export interface JuluEdit {
  group?: string;
  inputs?: Json;
  checklists?: Json;
  grades?: Json;
  judgements?: Json;
  self_scores?: Json;
}

/** The seed township's department with some parts replaced: a valid julu-2021 department. */
export function juluDept(code: string, edit: JuluEdit = {}): Json {
  const seed = (SEED_COHORT.departments as Json[])[0]!;
  return {
    code,
    name: `部门${code}`,
    group: edit.group ?? '乡镇',
    inputs: { ...(seed.inputs as Json), ...edit.inputs },
    checklists: { ...(seed.checklists as Json), ...edit.checklists },
    grades: { ...(seed.grades as Json), ...edit.grades },
    judgements: { ...(seed.judgements as Json), ...edit.judgements },
    ...(edit.self_scores ? { self_scores: edit.self_scores } : {}),
  };
}

export function cohortDoc(sys: System, departments: Json[]): Json {
  return { format: 'dept-scorecard/cohort@1', system: sys.id, round: { name: '测试轮次', year: 2021 }, departments };
}

/** Parses departments and fails loudly with every problem when the test data itself is invalid. */
export function parse(sys: System, departments: Json[]): Department[] {
  const r = parseCohort(cohortDoc(sys, departments), sys);
  if (!r.ok) throw new Error(`test cohort is invalid:\n${r.problems.map((p) => JSON.stringify(p)).join('\n')}`);
  return r.cohort.departments;
}

/** The problems of a cohort that must be rejected. */
export function problemsOf(sys: System, departments: Json[]): Problem[] {
  const r = parseCohort(cohortDoc(sys, departments), sys);
  if (r.ok) throw new Error('expected the cohort to be rejected');
  return r.problems;
}

export function score(sys: System, departments: Json[], policy?: Policy): Scores {
  return scoreCohort(sys, parse(sys, departments), policy ? { policy } : {});
}

export function deptOf(scores: Scores, code: string): DepartmentScore {
  const d = scores.departments.find((x) => x.code === code);
  if (!d) throw new Error(`no department ${code}`);
  return d;
}

export function leafOf(scores: Scores, code: string, leafCode: string): LeafScore {
  const l = deptOf(scores, code).indicators[leafCode];
  if (!l) throw new Error(`no leaf ${leafCode}`);
  return l;
}

/** A leaf score as the 2-decimal text users see. */
export function scoreText(scores: Scores, code: string, leafCode: string): string {
  return leafOf(scores, code, leafCode).score.toFixed(2);
}

/**
 * A leaf's explanation as people read it, in zh-CN unless asked: the rule, value, formula and
 * target sentences, and each input's value as shown (是/否 for checklist items).
 */
export function textOf(sys: System, l: LeafScore, locale: ExplainLocale = 'zh-CN') {
  const t = renderExplanation(l.explanation, sys, locale);
  return {
    ruleText: t.rule,
    valueText: t.value,
    formula: t.formula,
    target: t.target,
    sets: t.sets,
    inputs: Object.fromEntries(t.inputs.map((i) => [i.key, i.value])),
  };
}

/** A banded leaf's explanation, typed as such (the test fails if the leaf is not banded). */
export function bandedOf(l: LeafScore): BandedExplanation {
  if (l.explanation.rule !== 'banded') throw new Error(`${l.code} is not a banded leaf`);
  return l.explanation;
}
