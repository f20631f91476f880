import { parseCsvTable } from '@/lib/interchange/csv';
import { MAX_XLSX_BYTES, readWorkbook } from '@/lib/interchange/xlsx';
import type { Db, Tx } from './client';
import { importCohort, type ImportRequest, type ImportResult, type ImportSource } from './import';

export type FileFormat = 'xlsx' | 'csv' | 'json';
export const MAX_UPLOAD_BYTES = MAX_XLSX_BYTES;

export function formatOf(fileName: string): FileFormat | null {
  const ext = fileName.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return ext === 'xlsx' || ext === 'csv' || ext === 'json' ? ext : null;
}

/** Turns an uploaded file into an import source, or the problems that stop it. */
export async function readUpload(fileName: string, buffer: Buffer): Promise<{ ok: true; source: ImportSource } | { ok: false; problems: { message: string }[] }> {
  const format = formatOf(fileName);
  const refuse = (message: string) => ({ ok: false as const, problems: [{ message }] });
  if (!format) return refuse(`不支持的文件类型“${fileName}”：请上传 .xlsx（模板）、.csv 或 .json（cohort@1）`);
  if (buffer.length > MAX_UPLOAD_BYTES) return refuse(`文件过大（${(buffer.length / 1048576).toFixed(1)} MB），上限 ${MAX_UPLOAD_BYTES / 1048576} MB`);
  if (buffer.length === 0) return refuse('文件是空的');
  if (format === 'xlsx') {
    const read = await readWorkbook(buffer);
    return read.ok ? { ok: true, source: { kind: 'table', table: read.source } } : read;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if (format === 'csv') {
    const read = parseCsvTable(text);
    return read.ok ? { ok: true, source: { kind: 'table', table: read.source } } : read;
  }
  try {
    return { ok: true, source: { kind: 'cohort', json: JSON.parse(text.replace(/^\uFEFF/, '')) } };
  } catch (e) {
    return refuse(`JSON 格式错误：${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The import behind both `npm run import` and the web upload: same checks, same messages, one
 * transaction. The file type comes from its name (.xlsx, .csv, .json).
 */
export async function importFile(
  req: Omit<ImportRequest, 'source' | 'fileName'> & { fileName: string; buffer: Buffer },
  db?: Db | Tx,
): Promise<ImportResult> {
  const read = await readUpload(req.fileName, req.buffer);
  if (!read.ok) return read;
  const { buffer: _buffer, ...rest } = req;
  return importCohort({ ...rest, source: read.source }, db);
}
