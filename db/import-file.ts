import { labelProblems } from '@/lib/interchange/labels';
import { readUpload } from '@/lib/interchange/upload';
import type { Db, Tx } from './client';
import { importCohort, type ImportRequest, type ImportResult } from './import';

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
