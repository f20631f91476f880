import { labelProblems } from './labels';
import { MAX_ROWS, MAX_UPLOAD_BYTES, tooLargeMessage, tooManyRowsMessage, type Refused } from './limits';
import { formatOf, readSource, type CohortSource, type FileFormat } from './source';

/** A file handed in through the web or named on the command line, before anything is imported. */

export type { FileFormat };
export { formatOf };
export { MAX_UPLOAD_BYTES };

/** Departments in a source, counted before any of them is checked (limits.ts MAX_ROWS). */
function rowCount(source: CohortSource): number {
  if (source.kind === 'table') return source.table.rows.length;
  const departments = (source.json as { departments?: unknown } | null)?.departments;
  return Array.isArray(departments) ? departments.length : 0;
}

/**
 * Turns an uploaded file into an import source, or the problems that stop it (./source reads every
 * format). Files are capped at MAX_UPLOAD_BYTES and MAX_ROWS departments (./limits), the rows
 * counted before any row is checked.
 */
export async function readUpload(fileName: string, buffer: Buffer): Promise<{ ok: true; source: CohortSource; warnings: string[] } | Refused> {
  const refuse = (message: string) => ({ ok: false as const, problems: [{ message }] });
  if (!formatOf(fileName)) return refuse(`不支持的文件类型“${fileName}”：请上传 .xlsx（模板）、.csv 或 .json（cohort@1）`);
  if (buffer.length > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage(buffer.length));
  const read = await readSource(fileName, buffer);
  if (!read.ok) return { ok: false, problems: labelProblems(read.problems, undefined) };
  const rows = rowCount(read.source);
  if (rows > MAX_ROWS) return refuse(tooManyRowsMessage(rows));
  return { ok: true, source: read.source, warnings: read.warnings };
}
