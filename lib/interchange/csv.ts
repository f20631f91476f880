import { CsvError, parse as parseStream, type Parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { Problem } from '@/lib/scoring';
import { neutraliseCell, restoreCell } from './formula';
import { moreOf, ProblemList } from './limits';
import { columnLabel, type Cell, type TableRow, type TableSource } from './table';

/**
 * Reads the CSV table form (spec §6) from decoded text (see decode.ts for encodings). The key row
 * is the first row, or the second when the file was saved from the xlsx template (Chinese headers
 * above the keys). The rules match the xlsx reader's: a data cell under an empty key is refused, a
 * row shorter than the key row is refused unless only optional self-scores are missing (then a
 * warning), and a duplicate key is refused.
 */

const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true } as const;

export type CsvResult = { ok: true; source: TableSource } | { ok: false; problems: Problem[] };

const NO_KEY_ROW: Problem = { row: 1, message: '找不到键行：第 1 行（或模板的第 2 行）应为 code, name, group … 等列键' };

// csv-parse's messages in words a clerk reads; the parser's own text is kept for anything else.
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合：文件可能被截断，或某个单元格里的引号不成对',
  INVALID_OPENING_QUOTE: '单元格中间出现了引号：含引号的单元格须整格用双引号括起，其中的引号写两次',
  CSV_INVALID_CLOSING_QUOTE: '引号后面紧跟了其他字符：含引号的单元格须整格用双引号括起，其中的引号写两次',
};

function csvError(e: unknown): Problem {
  const err = e as { message: string; lines?: number; code?: string };
  const text = (err.code && CSV_ERRORS[err.code]) ?? err.message;
  return { ...(err.lines ? { row: err.lines } : {}), message: `CSV 格式错误：${text}` };
}

/** Record-by-record reading once the key row is known. */
export class CsvLayout {
  readonly columns: Record<string, string> = Object.create(null);
  // Bounded: a file of thousands of bad rows is counted, not kept (limits.ts).
  readonly problems: Problem[] = new ProblemList();
  readonly warnings: string[] = [];
  readonly keyRow: number;

  constructor(
    private readonly keys: string[],
    keyRowIndex: number,
  ) {
    this.keyRow = keyRowIndex + 1;
    keys.forEach((k, i) => {
      if (k === '') return;
      const label = columnLabel(i);
      if (Object.hasOwn(this.columns, k)) {
        this.problems.push({ row: this.keyRow, column: label, cell: `${label}${this.keyRow}`, field: k, message: `列键 ${k} 重复（另见 ${this.columns[k]} 列）` });
      } else this.columns[k] = label;
    });
  }

  /** A data record (row = its 1-based row number); null for a blank row. Problems go to `this.problems`. */
  row(r: string[], row: number): TableRow | null {
    if (r.every((c) => c === '')) return null;
    const keys = this.keys;
    if (r.length > keys.length && r.slice(keys.length).some((c) => c !== '')) {
      const label = columnLabel(keys.length);
      this.problems.push({ row, column: label, cell: `${label}${row}`, message: `本行有 ${r.length} 列，多于键行的 ${keys.length} 列` });
    }
    if (r.length < keys.length) {
      const lacking = keys.slice(r.length).filter((k) => k !== '');
      const label = columnLabel(r.length);
      if (lacking.every((k) => k.startsWith('self.'))) {
        if (lacking.length) this.warnings.push(`第 ${row} 行只有 ${r.length} 列，少于键行的 ${keys.length} 列；缺少的 ${lacking.length} 项自评分按未填处理`);
      } else {
        this.problems.push({
          row,
          column: label,
          cell: `${label}${row}`,
          field: lacking[0],
          message: `本行只有 ${r.length} 列，少于键行的 ${keys.length} 列（从 ${label} 列起缺失）：文件可能被截断，或漏了逗号`,
        });
      }
    }
    const short = r.length < keys.length && keys.slice(r.length).some((k) => k !== '' && !k.startsWith('self.'));
    const cells: Record<string, Cell> = Object.create(null);
    keys.forEach((k, j) => {
      if (short && j >= r.length) return;
      const v = r[j] ?? '';
      // Undo the export's formula neutralisation (formula.ts), so a round trip is lossless.
      if (k !== '') cells[k] = restoreCell(v);
      else if (v !== '') {
        const label = columnLabel(j);
        this.problems.push({ row, column: label, cell: `${label}${row}`, message: '此列没有列键（键行此格为空），数据无法识别' });
      }
    });
    return { row, cells, ...(short ? { short } : {}) };
  }

  source(rows: TableRow[]): TableSource {
    return { columns: this.columns, keyRow: this.keyRow, rows, problems: [...this.problems], ...(moreOf(this.problems) ? { more: moreOf(this.problems) } : {}), warnings: this.warnings };
  }
}

function keyRowOf(records: string[][]): number {
  return records.findIndex((r, i) => i < 2 && r.includes('code'));
}

/** A whole CSV text. */
export function parseCsvTable(text: string): CsvResult {
  let records: string[][];
  try {
    records = parse(text, OPTIONS);
  } catch (e) {
    return { ok: false, problems: [csvError(e)] };
  }
  const keyRowIndex = keyRowOf(records);
  if (keyRowIndex < 0) return { ok: false, problems: [NO_KEY_ROW] };
  const layout = new CsvLayout(records[keyRowIndex]!, keyRowIndex);
  const rows: TableRow[] = [];
  records.slice(keyRowIndex + 1).forEach((r, i) => {
    const row = layout.row(r, keyRowIndex + 2 + i);
    if (row) rows.push(row);
  });
  return { ok: true, source: layout.source(rows) };
}

/**
 * A CSV read in chunks: `onLayout` gets the columns once the key row is found, then `onRow` each
 * data row, so a large file is never held whole. Resolves with the layout (its problems and
 * warnings complete), or the problem that stopped the reading.
 */
export async function streamCsvTable(
  chunks: AsyncIterable<string>,
  onLayout: (layout: CsvLayout) => void,
  onRow: (row: TableRow) => void,
): Promise<{ ok: true; layout: CsvLayout } | { ok: false; problems: Problem[] }> {
  const parser: Parser = parseStream(OPTIONS);
  const head: string[][] = [];
  let layout: CsvLayout | null = null;
  let index = 0;
  let failure: Problem | null = null;
  // What a callback threw; the parser calls `take` from its own events, so it is rethrown from here.
  let thrown: { error: unknown } | null = null;
  const take = (r: string[]) => {
    if (failure || thrown) return;
    try {
      takeRecord(r);
    } catch (error) {
      thrown = { error };
    }
  };
  const takeRecord = (r: string[]) => {
    if (!layout) {
      head.push(r);
      const k = keyRowOf(head);
      if (k >= 0) {
        layout = new CsvLayout(head[k]!, k);
        onLayout(layout);
        index = head.length;
      } else if (head.length >= 2) failure = NO_KEY_ROW;
      return;
    }
    index++;
    const row = layout.row(r, index);
    if (row) onRow(row);
  };
  parser.on('readable', () => {
    let r: string[] | null;
    while ((r = parser.read() as string[] | null) !== null) take(r);
  });
  // A malformed file makes the parser emit 'error' (and then nothing else): it ends the reading.
  let parseError: unknown = null;
  const done = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (e) => {
      parseError = e;
      resolve();
    });
  });
  const settled = () => failure || thrown || parseError;
  for await (const chunk of chunks) {
    if (settled()) break;
    if (!parser.write(chunk)) await Promise.race([new Promise((r) => parser.once('drain', r)), done]);
  }
  if (!settled()) {
    parser.end();
    await done;
  }
  if (thrown) throw (thrown as { error: unknown }).error;
  if (parseError) {
    // Anything but the parser's own complaint is not a CSV problem.
    if (!(parseError instanceof CsvError)) throw parseError;
    return { ok: false, problems: [csvError(parseError)] };
  }
  if (failure) return { ok: false, problems: [failure] };
  if (!layout) return { ok: false, problems: [NO_KEY_ROW] };
  return { ok: true, layout };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV with a BOM so that Excel opens the Chinese correctly; no cell can start a formula (formula.ts). */
export function toCsv(header: string[], rows: string[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map((c) => quote(neutraliseCell(c))).join(',')).join('\r\n') + '\r\n';
}
