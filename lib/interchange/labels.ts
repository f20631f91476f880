import { indexSystem, type Problem, type System } from '@/lib/scoring';
import { tableColumns } from './table';
import { tidyMessage } from './text-rules';

/**
 * What a clerk sees for a field key: the Chinese header of the template column (with its unit), or
 * for the sections of a cohort@1 file the name of the indicator. Problems carry it as `header`, so
 * no message shows an internal key such as `projects_completed` or `duty_clarity.1` alone.
 */

const FIXED: Record<string, string> = {
  format: '文件格式（format）',
  system: '指标体系（system）',
  round: '评价轮次（round）',
  'round.name': '评价轮次名称',
  'round.year': '评价年度',
  departments: '单位列表（departments）',
};

const headersBySystem = new WeakMap<System, Map<string, string>>();

function headers(system: System): Map<string, string> {
  let m = headersBySystem.get(system);
  if (!m) {
    m = new Map(tableColumns(system).map((c) => [c.key, c.header]));
    headersBySystem.set(system, m);
  }
  return m;
}

/** The header of a table column key (`budget`, `duty_clarity.1`, `self.total`) or cohort field path (`inputs.budget`). */
export function fieldHeader(field: string | undefined, system: System): string | undefined {
  if (!field) return undefined;
  const h = headers(system);
  if (h.has(field)) return h.get(field);
  if (Object.hasOwn(FIXED, field)) return FIXED[field];
  const dot = field.indexOf('.');
  if (dot < 0) return undefined;
  const section = field.slice(0, dot);
  const rest = field.slice(dot + 1);
  switch (section) {
    case 'inputs':
    case 'grades':
    case 'judgements':
      return h.get(rest);
    case 'self_scores':
      return h.get(`self.${rest}`);
    case 'checklists': {
      const leaf = indexSystem(system).byCode.get(rest)?.leaf;
      return leaf ? `${leaf.name}（评价要点，是/否）` : undefined;
    }
  }
  return undefined;
}

/** Adds the header to each problem that names a known field, and makes every message safe to show. */
export function labelProblems(problems: Problem[], system: System | undefined): Problem[] {
  return problems.map((p) => {
    const header = p.header ?? (system ? fieldHeader(p.field, system) : undefined);
    return { ...p, ...(header ? { header } : {}), message: tidyMessage(p.message) };
  });
}
