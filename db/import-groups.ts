import { and, eq, inArray } from 'drizzle-orm';
import type { ImportSource } from './import';
import { groupProblem } from '@/lib/interchange/text-rules';
import { DEFAULT_GROUP, DEPARTMENT_CODE, type Problem } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { undeclaredGroupMessage } from '@/lib/interchange/group-names';
import { departments, groups, roundDepartments } from './schema';


/** One department row of an import as the file gives it, with where it sits. */
interface RowRef {
  code: string;
  group: string;
  where: Pick<Problem, 'sheet' | 'row' | 'column' | 'field' | 'header'>;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

function rowsOf(source: ImportSource): RowRef[] {
  if (source.kind === 'table') {
    const t = source.table;
    return t.rows.map((r) => ({
      code: text(r.cells.code),
      group: text(r.cells.group),
      where: { ...(t.sheet ? { sheet: t.sheet } : {}), row: r.row, ...(t.columns.group ? { column: t.columns.group } : {}), field: 'group', header: '分组' },
    }));
  }
  const list = (source.json as { departments?: unknown } | null)?.departments;
  if (!Array.isArray(list)) return [];
  return list.map((d, i) => {
    const o = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    return { code: text(o.code), group: typeof o.group === 'string' ? o.group.trim() : '', where: { field: `departments.${i}.group`, header: '分组' } };
  });
}

/**
 * The groups an import into an existing round names (issue 9 §4): each must be declared for the
 * round, and a department already in the round must stay in its group — moving it is an explicit
 * admin action, never a side effect of a file. An empty 分组 cell means "the group it is in".
 * Every offending cell is reported, with its row.
 */
export async function importGroupProblems(db: Db | Tx, roundId: number, source: ImportSource): Promise<Problem[]> {
  // Only what the file's own checks let through: a bad code or group is reported there, once, and
  // never reaches a query (PostgreSQL refuses a NUL in text).
  const rows = rowsOf(source).filter((r) => (r.code === '' || DEPARTMENT_CODE.test(r.code)) && (r.group === '' || groupProblem(r.group) === null));
  const declared = (await db.select({ name: groups.name }).from(groups).where(eq(groups.roundId, roundId))).map((g) => g.name).sort();
  const codes = [...new Set(rows.map((r) => r.code).filter(Boolean))];
  const enrolled = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    const found = await db
      .select({ code: departments.code, group: groups.name })
      .from(roundDepartments)
      .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
      .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
      .where(and(eq(roundDepartments.roundId, roundId), inArray(departments.code, codes.slice(i, i + 500))));
    for (const f of found) enrolled.set(f.code, f.group);
  }
  const problems: Problem[] = [];
  for (const r of rows) {
    const current = enrolled.get(r.code);
    const named = r.group === '' || r.group === DEFAULT_GROUP ? null : r.group;
    const at = { ...r.where, ...(r.code ? { department: r.code } : {}) };
    if (named && !declared.includes(named)) problems.push({ ...at, message: undeclaredGroupMessage(named, declared) });
    else if (named && current && named !== current) {
      problems.push({ ...at, message: `单位 ${r.code} 在本轮属于分组“${current}”，文件中为“${named}”；调整分组须由管理员在轮次管理中单独操作并写明理由` });
    } else if (!named && !current && !declared.includes(DEFAULT_GROUP) && declared.length !== 1) {
      problems.push({ ...at, message: `新单位 ${r.code || ''} 未填分组；本轮已声明的分组：${declared.join('、')}` });
    }
  }
  return problems;
}

/** The group each incoming department is written to: its current one, the one named, or the round's only group. */
export function groupFor(named: string, current: string | undefined, declared: readonly string[]): string {
  if (current) return current;
  if ((named === '' || named === DEFAULT_GROUP) && declared.length === 1 && !declared.includes(DEFAULT_GROUP)) return declared[0]!;
  return named || DEFAULT_GROUP;
}
