import { parseArgs } from 'node:util';
import { writeBackup } from '@/db/backup';
import { withDb } from './db';
import { CliError, Out, reportFailure, writeLines, type CliIo } from './io';
import { openOutput } from './output';

/**
 * npm run backup -- --out <file.ndjson | file.ndjson.gz | -> [--gzip]
 * Writes every table of the database (db/backup.ts) to a versioned NDJSON file, one row at a time
 * (gzip-compressed when the name ends in .gz or with --gzip). `-` writes to stdout.
 */

const USAGE = '用法：npm run backup -- --out <文件.ndjson | 文件.ndjson.gz | -> [--gzip]';

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, gzip: { type: 'boolean', default: false } } });
    if (!values.out) throw new CliError([USAGE]);
    const target = values.out;
    const result = await withDb(io, async ({ db }) => {
      const output = openOutput(target, io, { gzip: values.gzip || target.endsWith('.gz') });
      try {
        const r = await writeBackup(db, (line) => output.out.write(`${line}\n`));
        await output.commit();
        return r;
      } catch (e) {
        output.abort();
        throw e;
      }
    });
    const summary = `已备份 ${result.tables} 个数据表、${result.rows} 行 → ${target === '-' ? '标准输出' : target}`;
    if (target === '-') writeLines(io.stderr, [summary]);
    else await new Out(io.stdout).write(`${summary}\n`);
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}
