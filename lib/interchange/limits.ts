import type { Problem } from '@/lib/scoring';

/**
 * What an uploaded file may cost the server. A file is untrusted until it has been read, so every
 * limit is checked as early as it can be: the byte size from Content-Length before the body is read
 * and again while it streams in, the xlsx's real unzipped size while it is inflated (zip-guard.ts),
 * the number of rows before any row is checked, and the problem list while it is built.
 */

/** 5,000 departments are about 1.2 MB as xlsx, 1.5 MB as CSV and 5.3 MB as compact JSON. */
export const MAX_ROWS = 5000;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The 5,000-row template unzips to about 9 MB; a workbook saved by Excel with styles to a few times that. */
export const MAX_INFLATED_BYTES = 48 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1000;
/** Problems listed in full; the rest are only counted. */
export const MAX_PROBLEMS = 200;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function tooLargeMessage(bytes?: number): string {
  return `文件过大${bytes ? `（${mb(bytes)}）` : ''}：上传文件最大 ${MAX_UPLOAD_BYTES / 1048576} MB（约可容纳 ${MAX_ROWS.toLocaleString('en')} 个单位）`;
}

export function tooManyRowsMessage(rows: number): string {
  return `文件中有 ${rows.toLocaleString('en')} 个单位的数据，一次最多导入 ${MAX_ROWS.toLocaleString('en')} 个；请分批导入`;
}

/**
 * A problem list that keeps the first MAX_PROBLEMS problems and only counts the rest, so a file
 * with a million bad cells costs a counter, not a million objects. It is an array, so the parsers
 * (the engine's included) push into it as into any other; `more` is how many were counted but not
 * kept. A parser hands back `result()`: a plain array, and `more` when there were more.
 */
export class ProblemList extends Array<Problem> {
  more = 0;

  // map/filter/slice of a ProblemList give plain arrays.
  static override get [Symbol.species]() {
    return Array;
  }

  override push(...items: Problem[]): number {
    for (const p of items) {
      if (this.length < MAX_PROBLEMS) super.push(p);
      else this.more++;
    }
    return this.length;
  }

  result(): { problems: Problem[]; more?: number } {
    return { problems: [...this], ...(this.more ? { more: this.more } : {}) };
  }
}

/** How many problems a list counted without keeping them (0 for a plain array). */
export function moreOf(problems: readonly Problem[]): number {
  return problems instanceof ProblemList ? problems.more : 0;
}

/** A refusal listing problems; `more`: problems found beyond the listed ones. */
export interface Refused {
  ok: false;
  problems: Problem[];
  more?: number;
}

/** What to show of a refusal: at most MAX_PROBLEMS problems, and how many more there were. */
export function listedProblems(r: Omit<Refused, 'ok'>): { problems: Problem[]; more: number } {
  const shown = r.problems.slice(0, MAX_PROBLEMS);
  return { problems: shown, more: (r.more ?? 0) + (r.problems.length - shown.length) };
}

/** "还有 1,234 个问题未列出" */
export function moreProblemsMessage(more: number): string {
  return `还有 ${more.toLocaleString('en')} 个问题未列出（只列出前 ${MAX_PROBLEMS} 个）`;
}

export type BoundedRead = { ok: true; buffer: Buffer } | { ok: false; received: number };

/**
 * Reads a request body with a running byte count and stops as soon as it passes `max`: a 300 MB
 * upload costs the server `max` bytes, not 300 MB. The rest is left unread, not cancelled
 * (cancelling would tear down the connection before the refusal can be sent); the caller answers
 * with `Connection: close`, so the server drops the connection instead of draining it.
 */
export async function readBounded(body: ReadableStream<Uint8Array> | null, max: number): Promise<BoundedRead> {
  if (!body) return { ok: true, buffer: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > max) {
      reader.releaseLock();
      return { ok: false, received };
    }
    chunks.push(value);
  }
  return { ok: true, buffer: Buffer.concat(chunks, received) };
}
