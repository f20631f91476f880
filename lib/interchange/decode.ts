import type { Problem } from '@/lib/scoring';

/**
 * The one place where an uploaded or command-line text file (CSV, JSON) becomes text, so `score`,
 * `import` and the web upload read every file the same way.
 *
 * - UTF-8, with or without a BOM (the BOM is dropped).
 * - UTF-16 LE/BE with a BOM (what Excel's "Unicode text" writes).
 * - GB18030 (which includes GBK and GB2312): a file that is not valid UTF-8 but is valid GB18030
 *   is read as GB18030, with a warning saying so.
 * - Anything else is read as UTF-8 with the bad bytes turned into U+FFFD; the table and cohort
 *   checks then refuse every name or code holding one, naming its cell, so a damaged character is
 *   never stored.
 *
 * Decoding uses Node's WHATWG TextDecoder (ICU), the decoder browsers use for the same labels.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  ok: true;
  text: string;
  encoding: Encoding;
  /** Said to the user when the file was not UTF-8, so a wrong guess is visible. */
  warning?: string;
}

export type DecodeResult = Decoded | { ok: false; problems: Problem[] };

const ENCODING_NAME: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', gb18030: 'GBK/GB18030' };

export function encodingName(e: Encoding): string {
  return ENCODING_NAME[e];
}

/** The BOM's encoding and length, if the bytes start with one. */
export function sniffBom(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM shows as ASCII with a zero byte beside every character. Such a file is
 * refused rather than guessed at (Excel always writes the BOM).
 */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  return evenZeros > half * 0.4 || oddZeros > half * 0.4;
}

function strict(encoding: Encoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    // A RangeError means this Node has no such decoder (built without ICU): treated as not decodable.
    if (e instanceof TypeError || e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * Whether text that failed as UTF-8 is still mostly UTF-8: more characters beyond ASCII decoded
 * well than bytes that did not. A GBK file read as UTF-8 is nearly all bad bytes; a UTF-8 file with
 * a few damaged bytes is nearly all good characters, and must not be re-read as GB18030 (which
 * would accept it and garble every name).
 */
class Utf8Tally {
  good = 0;
  bad = 0;
  add(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd) this.bad++;
      else if (c >= 0x80) this.good++;
    }
  }
  get mostlyUtf8() {
    return this.good >= this.bad;
  }
}

export const UTF16_WITHOUT_BOM = '文件似乎是不带 BOM 的 UTF-16 编码，无法可靠识别；请另存为 UTF-8（CSV UTF-8）后再上传';

export function gbWarning(): string {
  return '文件编码为 GBK/GB18030，已按 GB18030 读取；如名称显示不对，请另存为 UTF-8 后重新导入';
}

/** Decodes a whole file. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const bom = sniffBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: bom.encoding };
  }
  if (looksLikeBomlessUtf16(bytes)) return { ok: false, problems: [{ message: UTF16_WITHOUT_BOM }] };
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const tally = new Utf8Tally();
  tally.add(lenient);
  if (!tally.mostlyUtf8) {
    const gb = strict('gb18030', bytes);
    if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030', warning: gbWarning() };
  }
  return { ok: true, text: lenient, encoding: 'utf-8' };
}

/** Thrown inside a streamed decode when the bytes are not valid in the encoding being tried. */
export class NotThisEncoding extends Error {}

/**
 * Decodes a file that is read in chunks (too big to hold as one string), trying UTF-8, then
 * GB18030, then UTF-8 with replacement characters, exactly as `decodeText` decides. `consume` reads
 * the text chunks; when an encoding turns out wrong part-way, the file is opened again and
 * `consume` starts over with the next encoding, so it must keep no state between calls.
 */
export async function decodeStreamed<T>(
  open: () => AsyncIterable<Uint8Array>,
  consume: (chunks: AsyncIterable<string>, encoding: Encoding) => Promise<T>,
): Promise<{ ok: true; value: T; encoding: Encoding; warning?: string } | { ok: false; problems: Problem[] }> {
  const first = await firstBytes(open(), 512);
  const bom = sniffBom(first);
  if (!bom && looksLikeBomlessUtf16(first)) return { ok: false, problems: [{ message: UTF16_WITHOUT_BOM }] };
  const attempt = async (encoding: Encoding, fatal: boolean) => {
    try {
      const value = await consume(decodeChunks(open(), encoding, fatal, bom?.length ?? 0), encoding);
      return { ok: true as const, value, encoding, ...(encoding === 'gb18030' ? { warning: gbWarning() } : {}) };
    } catch (e) {
      if (e instanceof NotThisEncoding) return null;
      throw e;
    }
  };
  if (bom) return (await attempt(bom.encoding, false))!;
  const utf8 = await attempt('utf-8', true);
  if (utf8) return utf8;
  // Not valid UTF-8: count good characters against bad bytes in one more pass, as decodeText does.
  const tally = new Utf8Tally();
  for await (const s of decodeChunks(open(), 'utf-8', false, 0)) tally.add(s);
  if (!tally.mostlyUtf8) {
    const gb = await attempt('gb18030', true);
    if (gb) return gb;
  }
  return (await attempt('utf-8', false))!;
}

async function firstBytes(chunks: AsyncIterable<Uint8Array>, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  for await (const c of chunks) {
    parts.push(c);
    have += c.length;
    if (have >= n) break;
  }
  return Buffer.concat(parts).subarray(0, n);
}

async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: Encoding, fatal: boolean, skip: number): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  let toSkip = skip;
  for await (let c of chunks) {
    if (toSkip > 0) {
      const n = Math.min(toSkip, c.length);
      c = c.subarray(n);
      toSkip -= n;
    }
    let s: string;
    try {
      s = decoder.decode(c, { stream: true });
    } catch {
      throw new NotThisEncoding();
    }
    if (s) yield s;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new NotThisEncoding();
  }
  if (tail) yield tail;
}
