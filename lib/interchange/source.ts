import type { CohortResult, Problem, System } from '@/lib/scoring';
import { parseCohortDocument } from './cohort';
import { parseCsvTable } from './csv';
import { decodeText } from './decode';
import { parseJson } from './json';
import { labelProblems } from './labels';
import type { Refused } from './limits';
import { rowsToCohort, type TableSource } from './table';
import { readWorkbook } from './xlsx';

/**
 * A submission file as every entry point reads it — `score`, `import` and the web upload — so the
 * same bytes always give the same result and the same messages.
 */

export type FileFormat = 'xlsx' | 'csv' | 'json';
/** `problems`: found while reading a cohort file (duplicate keys), reported with the validation's. */
export type CohortSource = { kind: 'cohort'; json: unknown; problems?: Problem[] } | { kind: 'table'; table: TableSource };
export type SourceResult = { ok: true; source: CohortSource; format: FileFormat; warnings: string[] } | { ok: false; problems: Problem[] };

/** Nesting of a cohort@1 file is 4 levels and of a system@1 file about 12: 64 is far beyond either. */
export const MAX_JSON_DEPTH = 64;
/** No string of a cohort or system file comes near this; a longer one is refused before it is quoted anywhere. */
export const MAX_JSON_STRING = 100_000;

export function formatOf(fileName: string): FileFormat | null {
  const ext = fileName.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return ext === 'xlsx' || ext === 'csv' || ext === 'json' ? ext : null;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// The old binary Excel format (.xls) is an OLE compound file.
const isOle = (b: Uint8Array) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * What the bytes are: a zip is a workbook whatever its name, otherwise the extension decides, and a
 * file without a known extension is JSON when it starts with `{`, else CSV.
 */
export function sniffFormat(fileName: string, bytes: Uint8Array): FileFormat {
  if (isZip(bytes)) return 'xlsx';
  const byName = formatOf(fileName);
  if (byName) return byName;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') ? 'json' : 'csv';
}

export function parseJsonText(text: string) {
  return parseJson(text, { maxDepth: MAX_JSON_DEPTH, maxString: MAX_JSON_STRING });
}

/** Reads a file's bytes into a cohort or table source, or the problems that stop it. */
export async function readSource(fileName: string, bytes: Buffer): Promise<SourceResult> {
  const refuse = (message: string): SourceResult => ({ ok: false, problems: [{ message }] });
  if (bytes.length === 0) return refuse('文件是空的');
  if (isOle(bytes)) return refuse('这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后再导入');
  const format = sniffFormat(fileName, bytes);
  if (format === 'xlsx') {
    const read = await readWorkbook(bytes);
    if (!read.ok) return read;
    return { ok: true, format, source: { kind: 'table', table: read.source }, warnings: read.source.warnings ?? [] };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const warnings = decoded.warning ? [decoded.warning] : [];
  if (format === 'csv') {
    const read = parseCsvTable(decoded.text);
    if (!read.ok) return read;
    return { ok: true, format, source: { kind: 'table', table: read.source }, warnings: [...warnings, ...(read.source.warnings ?? [])] };
  }
  const json = parseJsonText(decoded.text);
  if (!json.ok) return json;
  return { ok: true, format, source: { kind: 'cohort', json: json.value, ...(json.problems.length ? { problems: json.problems } : {}) }, warnings };
}

/** Validates a source against a system: every problem, each with its place and Chinese header. */
export function sourceToCohort(source: CohortSource, system: System, round: { name: string; year: number }): CohortResult | Refused {
  // `more`: problems counted beyond the listed ones (lib/interchange/limits).
  const more = (r: CohortResult | Refused) => (!r.ok && 'more' in r && r.more ? { more: r.more } : {});
  if (source.kind === 'cohort') {
    const r = parseCohortDocument(source.json, system);
    if (!source.problems?.length) return r;
    return { ok: false, problems: [...labelProblems(source.problems, system), ...(r.ok ? [] : r.problems)], ...more(r) };
  }
  const r = rowsToCohort(source.table, system, round);
  return r.ok ? r : { ok: false, problems: labelProblems(r.problems, system), ...more(r) };
}
