import { parse } from 'csv-parse/sync';
import type { Problem } from '@/lib/scoring';
import type { TableSource } from './table';

/**
 * A list of departments to enrol in a round: code, name and group per row. From the round
 * template (its identity columns) or a CSV whose header row names the columns by key (code, name,
 * group) or by their Chinese headers (单位代码, 单位名称, 分组).
 */
export interface MemberRow {
  /** 1-based row of the file. */
  row: number;
  code: string;
  name: string;
  group: string;
}

export type MemberListResult = { ok: true; rows: MemberRow[] } | { ok: false; problems: Problem[] };

const HEADERS: Record<'code' | 'name' | 'group', string[]> = {
  code: ['code', '单位代码', '单位编码', '代码'],
  name: ['name', '单位名称', '名称'],
  group: ['group', '分组'],
};

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** The identity columns of a table-form source (the xlsx template's 填报 sheet). */
export function memberListFromTable(source: TableSource): MemberListResult {
  if (!('code' in source.columns)) return { ok: false, problems: [{ message: '名单中缺少“单位代码”列（code）' }] };
  const rows = source.rows.map((r) => ({ row: r.row, code: text(r.cells.code), name: text(r.cells.name), group: text(r.cells.group) })).filter((r) => r.code || r.name || r.group);
  return rows.length ? { ok: true, rows } : { ok: false, problems: [{ message: '名单中没有任何单位' }] };
}

/** A CSV list; its header row is the first row naming a code column. */
export function parseMemberCsv(csv: string): MemberListResult {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    return { ok: false, problems: [{ message: `CSV 格式错误：${e instanceof Error ? e.message : String(e)}` }] };
  }
  const headerIndex = records.findIndex((r, i) => i < 3 && r.some((c) => HEADERS.code.includes(c)));
  if (headerIndex < 0) return { ok: false, problems: [{ row: 1, message: '找不到表头：第 1 行应有 单位代码（code）、单位名称（name）、分组（group）' }] };
  const header = records[headerIndex]!;
  const col = (k: keyof typeof HEADERS) => header.findIndex((c) => HEADERS[k].includes(c));
  const [ci, ni, gi] = [col('code'), col('name'), col('group')];
  const rows: MemberRow[] = [];
  records.slice(headerIndex + 1).forEach((r, i) => {
    if (r.every((c) => c === '')) return;
    // The template's key row under its Chinese headers is a header too.
    if (HEADERS.code.includes(r[ci] ?? '')) return;
    rows.push({ row: headerIndex + 2 + i, code: r[ci] ?? '', name: ni >= 0 ? (r[ni] ?? '') : '', group: gi >= 0 ? (r[gi] ?? '') : '' });
  });
  return rows.length ? { ok: true, rows } : { ok: false, problems: [{ message: '名单中没有任何单位' }] };
}
