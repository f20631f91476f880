import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { restoreBackup } from '@/db/backup';
import { withDb } from './db';
import { CliError, EXIT_BAD_INPUT, Out, reportFailure, writeLines, type CliIo } from './io';

/**
 * npm run restore -- --in <backup file | -> [--replace]
 * Restores a backup of `npm run backup` into the database that DATABASE_URL (or DATA_DIR) names,
 * all or nothing. A database holding any data is refused unless --replace.
 */

const USAGE = '用法：npm run restore -- --in <备份文件 | -> [--replace]';

/** The file's lines, gunzipped when it starts with gzip's magic bytes (whatever its name). */
async function* lines(source: Readable): AsyncIterable<string> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  if (first.done) return;
  const gzipped = first.value[0] === 0x1f && first.value[1] === 0x8b;
  async function* all() {
    yield first.value;
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value;
  }
  const stream = gzipped ? Readable.from(all()).pipe(zlib.createGunzip()) : Readable.from(all());
  yield* readline.createInterface({ input: stream, crlfDelay: Infinity });
}

export async function main(argv: string[], io: CliIo & { stdin?: Readable }): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { in: { type: 'string' }, replace: { type: 'boolean', default: false } } });
    if (!values.in) throw new CliError([USAGE]);
    let source: Readable;
    if (values.in === '-') source = io.stdin ?? process.stdin;
    else {
      try {
        fs.accessSync(values.in, fs.constants.R_OK);
      } catch (e) {
        throw new CliError([`无法读取文件 ${values.in}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
      }
      source = fs.createReadStream(values.in);
    }
    const result = await withDb(io, ({ db }) => restoreBackup(db, lines(source), { replace: values.replace }));
    if (!result.ok) {
      writeLines(io.stderr, [result.message, '恢复未完成，数据库未作任何改动']);
      return EXIT_BAD_INPUT;
    }
    await new Out(io.stdout).write(`已恢复 ${result.tables} 个数据表、${result.rows} 行\n`);
    return 0;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return reportFailure(new CliError(['备份文件的 gzip 压缩数据已损坏', '恢复未完成，数据库未作任何改动']), io);
    return reportFailure(e, io);
  }
}
