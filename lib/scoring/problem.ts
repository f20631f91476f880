import type { Problem } from './types';

/** One line per problem, naming where: sheet, row and column for tables; department and field otherwise. */
export function formatProblem(p: Problem): string {
  const where: string[] = [];
  if (p.sheet) where.push(`工作表 ${p.sheet}`);
  if (p.row !== undefined) where.push(`第 ${p.row} 行`);
  if (p.column) where.push(`${p.column} 列`);
  if (p.department) where.push(`部门 ${p.department}`);
  if (p.field) where.push(`字段 ${p.field}`);
  return where.length ? `${where.join(' · ')}：${p.message}` : p.message;
}
