import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { CliError, Out, type CliIo } from './io';

const HOLE = '\u0000items\u0000';

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` would, except that the array under
 * `key` is given as `items` and written one item at a time, so it never becomes one string. The
 * other keys keep their places.
 */
export async function writeJsonArrayStreamed(out: Out, value: Record<string, unknown>, key: string, items: Iterable<unknown>): Promise<void> {
  const text = JSON.stringify({ ...value, [key]: HOLE }, null, 2);
  const at = text.indexOf(JSON.stringify(HOLE));
  await out.write(`${text.slice(0, at)}[`);
  let first = true;
  let batch = '';
  for (const item of items) {
    batch += `${first ? '' : ','}\n    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
    // Written in pieces of about 64 KiB: few writes, a bounded buffer.
    if (batch.length > 65_536) {
      await out.write(batch);
      batch = '';
    }
  }
  await out.write(`${batch}${first ? ']' : '\n  ]'}${text.slice(at + JSON.stringify(HOLE).length)}\n`);
}

export interface Output {
  out: Out;
  /** Makes the file appear under its name (it is written under a temporary name until then). */
  commit(): Promise<void>;
  /** Removes the partial file after a failure. */
  abort(): void;
}

/**
 * `--out <file>` or `--out -` (stdout). A file is written beside its target and renamed when
 * complete, so an interrupted command never leaves a truncated file under the real name.
 */
export function openOutput(target: string, io: CliIo, opts: { gzip?: boolean } = {}): Output {
  if (target === '-') {
    if (!opts.gzip) return { out: new Out(io.stdout), commit: async () => {}, abort: () => {} };
    const gz = zlib.createGzip();
    gz.pipe(io.stdout, { end: false });
    return {
      out: new Out(gz),
      commit: async () => {
        gz.end();
        await finished(gz);
      },
      abort: () => gz.destroy(),
    };
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let stream: fs.WriteStream;
  try {
    stream = fs.createWriteStream(tmp);
  } catch (e) {
    throw new CliError([`无法写入 ${target}：${(e as Error).message}`]);
  }
  const failed = new Promise<never>((_, reject) => stream.once('error', (e) => reject(new CliError([`无法写入 ${target}：${(e as NodeJS.ErrnoException).code ?? e.message}`]))));
  failed.catch(() => {});
  const gz = opts.gzip ? zlib.createGzip() : null;
  gz?.pipe(stream);
  return {
    out: new Out(gz ?? stream),
    commit: async () => {
      (gz ?? stream).end();
      await Promise.race([finished(stream), failed]);
      fs.renameSync(tmp, target);
    },
    abort: () => {
      gz?.destroy();
      stream.destroy();
      fs.rmSync(tmp, { force: true });
    },
  };
}
