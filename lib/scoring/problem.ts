import type { Problem } from './types';

/**
 * One line per problem, naming where. With a cell or a header it reads as the clerk sees the file —
 * `填报!K7 预算数（万元） · 单位 bad：…  [budget]`, the field key last for the technical reader;
 * otherwise sheet, row and column for tables, department and field for cohort files.
 */
export function formatProblem(p: Problem): string {
  if (p.cell || p.header) {
    const place = p.cell ? (p.sheet ? `${p.sheet}!${p.cell}` : p.cell) : p.sheet ? `工作表 ${p.sheet}${p.row !== undefined ? ` 第 ${p.row} 行` : ''}` : p.row !== undefined ? `第 ${p.row} 行` : '';
    const who = p.department ? `单位 ${p.department}` : '';
    // A table names the cell first; a cohort file the department first.
    const head = (place ? [`${place} ${p.header ?? ''}`.trim(), who] : [who, p.header ?? '']).filter(Boolean).join(' · ');
    const key = p.field && p.field !== p.header ? `  [${p.field}]` : '';
    return `${head}：${p.message}${key}`;
  }
  const where: string[] = [];
  if (p.sheet) where.push(`工作表 ${p.sheet}`);
  if (p.row !== undefined) where.push(`第 ${p.row} 行`);
  if (p.column) where.push(`${p.column} 列`);
  if (p.department) where.push(`部门 ${p.department}`);
  if (p.field) where.push(`字段 ${p.field}`);
  return where.length ? `${where.join(' · ')}：${p.message}` : p.message;
}
