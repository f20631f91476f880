import { parseCohort, parseDepartment, type CohortResult, type Department, type Problem, type System } from '@/lib/scoring';
import { DecimalPool } from './compact';
import { labelProblems } from './labels';
import { ProblemList, type Refused } from './limits';
import { codeProblem, groupProblem, nameProblem, textProblem } from './text-rules';

/**
 * A cohort@1 document checked as the import stores it: the engine's validation (lib/scoring), plus
 * the bounds on stored text (code, name, group, round name), plus the Chinese header of every
 * field in the problems. Departments can be given one at a time, so a file of 200,000 departments
 * is validated while it is read, never held as one tree.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ROUND_NAME_MAX = 200;

export class CohortJsonReader {
  private readonly headerProblems: Problem[] = [];
  /** Bounded: a file of thousands of bad values is counted, not kept (limits.ts). */
  private readonly problems = new ProblemList();
  private readonly departments: Department[] = [];
  private readonly seen = new Set<string>();
  private readonly pool = new DecimalPool();
  private count = 0;
  private top: Obj = {};

  constructor(private readonly system: System) {}

  /** The document's keys other than `departments` (before or after the departments: a streamed file may have them last). */
  header(top: Obj): void {
    this.top = top;
    // The engine's own checks of format, round and unknown keys: given one placeholder department
    // (whose problem is dropped) it reports exactly the top-level problems.
    const r = parseCohort({ ...top, departments: [null] }, this.system);
    if (!r.ok) this.headerProblems.push(...r.problems.filter((p) => p.field !== 'departments.0'));
    const round = top.round;
    if (isObj(round) && typeof round.name === 'string') {
      const bad = textProblem(round.name.trim(), '评价轮次名称', ROUND_NAME_MAX);
      if (bad) this.headerProblems.push({ field: 'round.name', message: bad });
    }
  }

  department(raw: unknown, index: number): void {
    this.count++;
    const own: Problem[] = [];
    let value = raw;
    let who = `#${index + 1}`;
    if (isObj(raw)) {
      // Bad text is reported here and blanked for the engine, so its messages never quote it.
      const fix: Obj = {};
      const code = typeof raw.code === 'string' ? raw.code.trim() : undefined;
      if (code) {
        const bad = codeProblem(code);
        if (bad) {
          own.push({ department: who, field: 'code', message: bad });
          fix.code = who;
        } else who = code;
      }
      for (const [key, check] of [
        ['name', nameProblem],
        ['group', groupProblem],
      ] as const) {
        const v = raw[key];
        if (typeof v !== 'string' || v.trim() === '') continue;
        const bad = check(v.trim());
        if (bad) {
          own.push({ department: who, field: key, message: bad });
          fix[key] = key === 'name' ? '-' : '';
        }
      }
      if (Object.keys(fix).length) value = { ...raw, ...fix };
    }
    // Bounded too: one department may carry any number of unknown keys.
    const parsed = new ProblemList();
    const dept = parseDepartment(value, index, this.system, parsed);
    this.problems.more += parsed.more;
    // A bad code is reported above, once; the engine only saw a placeholder for it.
    const codeBad = own.some((p) => p.field === 'code');
    own.push(...parsed.filter((p) => !(codeBad && p.field === 'code')));
    const code = dept?.code ?? (isObj(value) && typeof value.code === 'string' ? value.code.trim() : '');
    if (code && this.seen.has(code)) own.push({ department: code, field: 'code', message: `部门代码 ${code} 重复` });
    if (code) this.seen.add(code);
    this.problems.push(...own);
    if (dept && own.length === 0) this.departments.push(this.pool.department(dept));
  }

  get departmentCount(): number {
    return this.count;
  }

  result(): CohortResult | Refused {
    const problems = new ProblemList();
    problems.push(...this.headerProblems, ...this.problems);
    problems.more += this.problems.more;
    if (this.count === 0) problems.push({ field: 'departments', message: 'departments 应为非空数组' });
    if (problems.length) {
      const { problems: listed, more } = problems.result();
      return { ok: false, problems: labelProblems(listed, this.system), ...(more ? { more } : {}) };
    }
    const round = this.top.round as { name: string; year: number };
    return {
      ok: true,
      cohort: {
        system: typeof this.top.system === 'string' ? this.top.system : this.system.id,
        round: { name: round.name.trim(), year: round.year },
        departments: this.departments,
      },
    };
  }
}

/** A whole cohort@1 document (already parsed by json.ts). */
export function parseCohortDocument(raw: unknown, system: System): CohortResult | Refused {
  if (!isObj(raw)) return { ok: false, problems: [{ message: '文件内容应为 JSON 对象' }] };
  const { departments, ...top } = raw;
  const reader = new CohortJsonReader(system);
  reader.header(top);
  if (Array.isArray(departments)) departments.forEach((d, i) => reader.department(d, i));
  return reader.result();
}
