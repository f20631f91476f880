import zlib from 'node:zlib';
import { MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES } from './limits';

/**
 * Measures what an xlsx (a zip) really unzips to, before exceljs opens it. The sizes a zip's
 * directory declares are written by whoever made the file, so they prove nothing: every entry is
 * inflated here, exactly the bytes the unzipper will read, counting the output and throwing it
 * away, and the count stops the moment the total passes the limit. A bomb of a few hundred KB that
 * would unzip to gigabytes costs at most `limit` bytes of inflation and no memory.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export type ZipCheck = { ok: true; inflatedBytes: number } | { ok: false; message: string };

const refuse = (message: string): ZipCheck => ({ ok: false, message });
const CORRUPT = 'xlsx 文件已损坏，无法读取';
const tooBig = (limit: number) => `xlsx 文件解压后过大（超过 ${limit / 1048576} MB），拒绝读取；一个模板文件远小于此`;

/** Output bytes of one deflate stream, or 'over' once it passes `limit`, or 'corrupt'. */
function inflatedSize(data: Buffer, limit: number): Promise<number | 'over' | 'corrupt'> {
  return new Promise((resolve) => {
    const z = zlib.createInflateRaw();
    let n = 0;
    let settled = false;
    const settle = (v: number | 'over' | 'corrupt') => {
      if (settled) return;
      settled = true;
      z.destroy();
      resolve(v);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) settle('over');
    });
    z.on('end', () => settle(n));
    z.on('error', () => settle('corrupt'));
    z.end(data);
  });
}

function findEndOfDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535; the last signature is the one unzippers use.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX16); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

export async function checkZip(buf: Buffer, limit = MAX_INFLATED_BYTES): Promise<ZipCheck> {
  const end = findEndOfDirectory(buf);
  if (end < 0) return refuse(CORRUPT);
  const entries = buf.readUInt16LE(end + 10);
  const dirOffset = buf.readUInt32LE(end + 16);
  // zip64 (over 65,535 entries or 4 GB) is never a template.
  if (entries === MAX16 || dirOffset === MAX32) return refuse('xlsx 文件过大（zip64），拒绝读取');
  if (entries > MAX_ZIP_ENTRIES) return refuse(`xlsx 文件包含 ${entries} 个部件，超过上限 ${MAX_ZIP_ENTRIES}，拒绝读取`);
  let p = dirOffset;
  let total = 0;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return refuse(CORRUPT);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const local = buf.readUInt32LE(p + 42);
    if (compressed === MAX32 || declared === MAX32 || local === MAX32) return refuse('xlsx 文件过大（zip64），拒绝读取');
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);

    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return refuse(CORRUPT);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return refuse(CORRUPT);
    // A declared size is only a claim, but an honest file never claims this much.
    if (declared > limit) return refuse(tooBig(limit));
    const remaining = limit - total;
    let size: number | 'over' | 'corrupt';
    if (method === 0) size = compressed > remaining ? 'over' : compressed;
    else if (method === 8) size = await inflatedSize(buf.subarray(start, start + compressed), remaining);
    else return refuse(`xlsx 文件使用了不支持的压缩方式（${method}），请用 Excel 或 WPS 另存为 .xlsx`);
    if (size === 'corrupt') return refuse(CORRUPT);
    if (size === 'over') return refuse(tooBig(limit));
    total += size;
  }
  return { ok: true, inflatedBytes: total };
}
