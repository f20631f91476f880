import type { z } from 'zod';
import { D, ZERO, type Decimal } from './decimal';
import { centsOf } from './exact';
import { defaultGradeBands } from './grades';
import { parseDecimal } from './numbers';
import { nodeHeaderSchema, ruleSchema, systemDocumentSchema, type RawRule } from './system-schema';
import type { Branch, FieldInfo, GradeBand, IndicatorNode, Leaf, Metric, Policy, Rule, System } from './types';
import { metricFields } from './metric';
import { ruleMaxScore } from './rules';

export interface SystemResult {
  ok: boolean;
  system?: System;
  /** Each names the node (or top-level key) it is about. */
  errors: string[];
  /** Allowed oddities, e.g. a checklist tier above the leaf weight (spec §1). */
  warnings: string[];
}

export class SystemError extends Error {
  constructor(readonly errors: string[]) {
    super(`指标体系无效：\n${errors.join('\n')}`);
  }
}

// Table columns and the self-score total share the namespace of leaf codes (spec §6).
const RESERVED_CODES = new Set(['code', 'name', 'group', 'total', 'self']);

function zodMessages(where: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${where}${i.path.length ? ` ${i.path.join('.')}` : ''}：${i.message}`);
}

function dec(raw: unknown, where: string, errors: string[]): Decimal {
  const p = parseDecimal(raw);
  if (!p.ok) {
    errors.push(`${where}：${p.message}`);
    return ZERO;
  }
  return p.value;
}

/** Scores have 2 decimals (spec §4): a weight or rule score with more could never be reached exactly. */
function twoDecimals(d: Decimal, what: string, where: string, errors: string[]): void {
  if (centsOf(d) === null) errors.push(`${where}：${what} ${d} 超过 2 位小数（得分保留 2 位小数，满分将无法得到）`);
}

/** Exact sum of weights with at most 2 decimals (each has been checked), in cents. */
function sumCents(ds: Decimal[]): bigint {
  let total = 0n;
  for (const d of ds) total += centsOf(d) ?? 0n;
  return total;
}
const centsText = (c: bigint) => new D(c.toString()).div(100).toFixed();

function buildRule(raw: RawRule, where: string, errors: string[]): Rule {
  switch (raw.kind) {
    case 'banded': {
      const full = dec(raw.full, `${where} rule.full`, errors);
      const zero = dec(raw.zero, `${where} rule.zero`, errors);
      if (raw.better === 'lower' && !full.lt(zero)) {
        errors.push(`${where}：better 为 lower 时，满分线 full (${full}) 须小于零分线 zero (${zero})`);
      }
      if (raw.better === 'higher' && !full.gt(zero)) {
        errors.push(`${where}：better 为 higher 时，满分线 full (${full}) 须大于零分线 zero (${zero})`);
      }
      return { kind: 'banded', metric: raw.metric as Metric, better: raw.better, full, zero };
    }
    case 'proportional':
      // weight × min(1, x) of a change could go below 0 (a 50 % fall would score −50 % of the weight).
      if ('change' in raw.metric) errors.push(`${where}：proportional 规则只适用于比率指标（ratio），变动率（change）可为负，请改用 banded 规则`);
      return { kind: 'proportional', metric: raw.metric as Metric };
    case 'checklist': {
      const tiers = raw.tiers.map((t, i) => ({
        met: t.met,
        score: dec(t.score, `${where} rule.tiers.${i}.score`, errors),
      }));
      const seen = new Set<number>();
      for (const t of tiers) {
        if (t.met > raw.items.length) errors.push(`${where}：档次 met=${t.met} 超过评价要点数 ${raw.items.length}`);
        if (seen.has(t.met)) errors.push(`${where}：档次 met=${t.met} 重复`);
        if (t.score.isNeg()) errors.push(`${where}：档次 met=${t.met} 的分数为负`);
        twoDecimals(t.score, `档次 met=${t.met} 的分数`, where, errors);
        seen.add(t.met);
      }
      // Sorted high to low so scoring takes the first tier reached.
      tiers.sort((a, b) => b.met - a.met);
      return { kind: 'checklist', items: raw.items, tiers };
    }
    case 'grade': {
      const labels = new Set<string>();
      const grades = raw.grades.map((g, i) => {
        if (labels.has(g.label)) errors.push(`${where}：等级“${g.label}”重复`);
        labels.add(g.label);
        const score = dec(g.score, `${where} rule.grades.${i}.score`, errors);
        if (score.isNeg()) errors.push(`${where}：等级“${g.label}”的分数为负`);
        twoDecimals(score, `等级“${g.label}”的分数`, where, errors);
        return { label: g.label, score };
      });
      return { kind: 'grade', grades };
    }
    case 'judgement':
      return { kind: 'judgement', points: raw.points };
  }
}

interface Walk {
  errors: string[];
  warnings: string[];
  codes: Set<string>;
}

function buildNode(raw: unknown, path: string, walk: Walk): IndicatorNode | null {
  const header = nodeHeaderSchema.safeParse(raw);
  const rawCode = (raw as { code?: unknown } | null)?.code;
  const where = `节点 ${typeof rawCode === 'string' ? rawCode : path}`;
  if (!header.success) {
    walk.errors.push(...zodMessages(where, header.error));
    return null;
  }
  const { code, name, description } = header.data;
  if (walk.codes.has(code)) walk.errors.push(`${where}：代码重复`);
  if (RESERVED_CODES.has(code)) walk.errors.push(`${where}：代码“${code}”为保留字`);
  walk.codes.add(code);
  const weight = dec(header.data.weight, `${where} weight`, walk.errors);
  if (!weight.gt(0)) walk.errors.push(`${where}：分值须大于 0`);
  else twoDecimals(weight, '分值', where, walk.errors);

  const obj = raw as Record<string, unknown>;
  const extra = Object.keys(obj).filter((k) => !['code', 'name', 'weight', 'description', 'children', 'rule'].includes(k));
  if (extra.length) walk.errors.push(`${where}：未知的键 ${extra.join(', ')}`);

  if ('children' in obj === 'rule' in obj) {
    walk.errors.push(`${where}：须有且只有 children（分支）或 rule（末级指标）之一`);
    return null;
  }
  if ('rule' in obj) {
    const rule = ruleSchema.safeParse(obj.rule);
    if (!rule.success) {
      walk.errors.push(...zodMessages(`${where} rule`, rule.error));
      return null;
    }
    const leaf: Leaf = { code, name, weight, description, rule: buildRule(rule.data, where, walk.errors) };
    const max = ruleMaxScore(leaf.rule, weight);
    if (max.gt(weight)) {
      walk.warnings.push(`${where}（${name}）：规则最高可得 ${max}，超过分值 ${weight}，得分按分值封顶`);
    }
    return leaf;
  }
  const rawChildren = obj.children;
  if (!Array.isArray(rawChildren) || rawChildren.length === 0) {
    walk.errors.push(`${where}：children 须为非空数组`);
    return null;
  }
  const children = rawChildren
    .map((c, i) => buildNode(c, `${path}.children.${i}`, walk))
    .filter((c): c is IndicatorNode => c !== null);
  if (children.length === rawChildren.length && centsOf(weight) !== null && children.every((c) => centsOf(c.weight) !== null)) {
    const childSum = sumCents(children.map((c) => c.weight));
    if (childSum !== centsOf(weight)) {
      walk.errors.push(`${where}（${name}）：下级分值合计 ${centsText(childSum)} ≠ 本级分值 ${weight}`);
    }
  }
  return { code, name, weight, description, children };
}

/** Validates a system@1 document and returns every problem found, each naming its node. */
export function parseSystem(raw: unknown): SystemResult {
  const doc = systemDocumentSchema.safeParse(raw);
  if (!doc.success) return { ok: false, errors: zodMessages('体系', doc.error), warnings: [] };

  const walk: Walk = { errors: [], warnings: [], codes: new Set() };
  const indicators: Branch[] = [];
  doc.data.indicators.forEach((n, i) => {
    const node = buildNode(n, `indicators.${i}`, walk);
    if (!node) return;
    if (!('children' in node)) {
      walk.errors.push(`节点 ${node.code}：一级指标须有下级指标`);
      return;
    }
    indicators.push(node);
  });

  const total = doc.data.total === undefined ? new D(100) : dec(doc.data.total, '体系 total', walk.errors);
  if (indicators.length === doc.data.indicators.length && indicators.every((n) => centsOf(n.weight) !== null)) {
    const level1 = sumCents(indicators.map((n) => n.weight));
    if (level1 !== centsOf(total)) {
      walk.errors.push(
        doc.data.total === undefined
          ? `体系：一级指标分值合计 ${centsText(level1)} ≠ 100（如总分不是 100，须写明 "total"）`
          : `体系：一级指标分值合计 ${centsText(level1)} ≠ total ${total}`,
      );
    }
  }
  const grades = buildGrades(doc.data.grades, total, walk.errors);

  const fields: Record<string, FieldInfo> = { ...doc.data.fields };
  // Grade and judgement leaves own a table column named by their code (spec §6), as do input fields.
  const columnLeaves: string[] = [];
  const visit = (node: IndicatorNode) => {
    if ('children' in node) return node.children.forEach(visit);
    const rule = node.rule;
    if (rule.kind === 'grade' || rule.kind === 'judgement') columnLeaves.push(node.code);
    if (rule.kind !== 'banded' && rule.kind !== 'proportional') return;
    for (const f of metricFields(rule.metric)) fields[f] ??= { name: f };
  };
  indicators.forEach(visit);
  for (const code of columnLeaves) {
    if (fields[code]) walk.errors.push(`节点 ${code}：代码与输入字段同名，表格列会冲突`);
  }

  if (walk.errors.length) return { ok: false, errors: walk.errors, warnings: walk.warnings };
  return {
    ok: true,
    errors: [],
    warnings: walk.warnings,
    system: {
      id: doc.data.id,
      name: doc.data.name,
      interpolation: doc.data.interpolation as Policy,
      total,
      indicators,
      fields,
      grades,
    },
  };
}

/**
 * The system's grade bands (spec §7), highest min first. The defaults (优 90 / 良 80 / 中 60 / 差 0)
 * are for a total of 100; another total must declare its own. The lowest band must start at 0 so
 * every total has a grade.
 */
function buildGrades(raw: { label: string; min: unknown }[] | undefined, total: Decimal, errors: string[]): GradeBand[] {
  if (!raw) {
    if (!total.eq(100)) errors.push(`体系 grades：总分为 ${total} 而不是 100，须写明评价等级 "grades"（[{"label", "min"}…]）`);
    return defaultGradeBands();
  }
  const bands: GradeBand[] = [];
  const labels = new Set<string>();
  raw.forEach((g, i) => {
    const where = `体系 grades.${i}（${g.label}）`;
    if (labels.has(g.label)) errors.push(`${where}：等级名称重复`);
    labels.add(g.label);
    const min = dec(g.min, `${where} min`, errors);
    if (min.isNeg() || min.gt(total)) errors.push(`${where}：min ${min} 应在 0 至总分 ${total} 之间`);
    if (bands.some((b) => b.min.eq(min))) errors.push(`${where}：min ${min} 与另一等级相同`);
    bands.push({ label: g.label, min });
  });
  bands.sort((a, b) => b.min.comparedTo(a.min));
  if (bands.length && !bands[bands.length - 1]!.min.isZero()) {
    errors.push(`体系 grades：最低等级的 min 须为 0，否则低于 ${bands[bands.length - 1]!.min} 的总分没有等级`);
  }
  return bands;
}

/** parseSystem for callers that cannot go on without a valid system. */
export function loadSystem(raw: unknown): { system: System; warnings: string[] } {
  const r = parseSystem(raw);
  if (!r.ok || !r.system) throw new SystemError(r.errors);
  return { system: r.system, warnings: r.warnings };
}
