import { parse } from 'csv-parse/sync';
import type { Problem } from '@/lib/scoring';
import { columnLabel, type TableRow, type TableSource } from './table';

/**
 * Reads the CSV table form (spec §6), UTF-8 with or without a BOM. The key row is the first row,
 * or the second when the file was saved from the xlsx template (Chinese headers above the keys).
 */
export function parseCsvTable(text: string): { ok: true; source: TableSource } | { ok: false; problems: Problem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { ok: false, problems: [{ ...(err.lines ? { row: err.lines } : {}), message: `CSV 格式错误：${err.message}` }] };
  }
  const keyRowIndex = records.findIndex((r, i) => i < 2 && r.includes('code'));
  if (keyRowIndex < 0) {
    return { ok: false, problems: [{ row: 1, message: '找不到键行：第 1 行（或模板的第 2 行）应为 code, name, group … 等列键' }] };
  }
  const keys = records[keyRowIndex]!;
  const columns: Record<string, string> = {};
  const problems: Problem[] = [];
  keys.forEach((k, i) => {
    if (k === '') return;
    if (k in columns) problems.push({ row: keyRowIndex + 1, column: columnLabel(i), message: `列键 ${k} 重复` });
    columns[k] = columnLabel(i);
  });
  const rows: TableRow[] = [];
  records.slice(keyRowIndex + 1).forEach((r, i) => {
    const row = keyRowIndex + 2 + i;
    if (r.every((c) => c === '')) return;
    if (r.length > keys.length) problems.push({ row, column: columnLabel(keys.length), message: `本行有 ${r.length} 列，多于键行的 ${keys.length} 列` });
    const cells: TableRow['cells'] = {};
    keys.forEach((k, j) => {
      if (k !== '') cells[k] = r[j] ?? '';
    });
    rows.push({ row, cells });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, source: { columns, rows } };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV with a BOM so that Excel opens the Chinese correctly. */
export function toCsv(header: string[], rows: string[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
