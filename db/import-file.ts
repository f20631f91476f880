import { labelProblems } from '@/lib/interchange/labels';
import { formatOf, readSource, type FileFormat } from '@/lib/interchange/source';
import { MAX_ROWS, MAX_UPLOAD_BYTES, tooLargeMessage, tooManyRowsMessage, type Refused } from '@/lib/interchange/limits';
import type { Db, Tx } from './client';
import { importCohort, type ImportRequest, type ImportResult, type ImportSource } from './import';

export type { FileFormat };
export { formatOf };
export { MAX_UPLOAD_BYTES };

/** Departments in a source, counted before any of them is checked (limits.ts MAX_ROWS). */
function rowCount(source: ImportSource): number {
  if (source.kind === 'table') return source.table.rows.length;
  const departments = (source.json as { departments?: unknown } | null)?.departments;
  return Array.isArray(departments) ? departments.length : 0;
}

/**
 * Turns an uploaded file into an import source, or the problems that stop it (lib/interchange/source
 * reads every format). Files are capped at MAX_UPLOAD_BYTES and MAX_ROWS departments
 * (lib/interchange/limits), the rows counted before any row is checked.
 */
export async function readUpload(fileName: string, buffer: Buffer): Promise<{ ok: true; source: ImportSource; warnings: string[] } | Refused> {
  const refuse = (message: string) => ({ ok: false as const, problems: [{ message }] });
  if (!formatOf(fileName)) return refuse(`不支持的文件类型“${fileName}”：请上传 .xlsx（模板）、.csv 或 .json（cohort@1）`);
  if (buffer.length > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage(buffer.length));
  const read = await readSource(fileName, buffer);
  if (!read.ok) return { ok: false, problems: labelProblems(read.problems, undefined) };
  const rows = rowCount(read.source);
  if (rows > MAX_ROWS) return refuse(tooManyRowsMessage(rows));
  return { ok: true, source: read.source, warnings: read.warnings };
}

/** What the user sees when the database itself fails: one line, never the driver's text. */
export const DATABASE_FAILED = '数据库写入失败，导入未完成，数据库未作任何改动；请稍后重试，如仍失败请联系管理员';

/**
 * The import behind both `npm run import` and the web upload: same checks, same messages, one
 * transaction. The file type comes from its name (.xlsx, .csv, .json) and its content. A failure of
 * the database is one clear line (the details go to the server's log), never the driver's message.
 */
export async function importFile(
  req: Omit<ImportRequest, 'source' | 'fileName'> & { fileName: string; buffer: Buffer },
  db?: Db | Tx,
  opts: { logError?: (e: unknown) => void } = {},
): Promise<ImportResult & { warnings?: string[] }> {
  const read = await readUpload(req.fileName, req.buffer);
  if (!read.ok) return read;
  const { buffer: _buffer, ...rest } = req;
  let result: ImportResult;
  try {
    result = await importCohort({ ...rest, source: read.source }, db);
  } catch (e) {
    const code = (e as { code?: unknown; cause?: { code?: unknown } }).code ?? (e as { cause?: { code?: unknown } }).cause?.code;
    (opts.logError ?? ((err) => console.error(`import of ${req.fileName} into ${req.roundSlug} failed in the database:`, err)))(e);
    return { ok: false, problems: [{ message: `${DATABASE_FAILED}${typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `（错误代码 ${code}）` : ''}` }] };
  }
  if (!result.ok) return { ok: false, problems: labelProblems(result.problems, undefined), ...(result.more ? { more: result.more } : {}) };
  return { ...result, warnings: read.warnings };
}
