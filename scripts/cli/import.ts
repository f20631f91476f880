import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '@/db/import-file';
import type { SystemRef } from '@/db/systems';
import { moreProblemsMessage } from '@/lib/interchange/limits';
import { formatProblem } from '@/lib/scoring';
import { withDb } from './db';
import { readSystemFile } from './input';
import { CliError, EXIT_BAD_INPUT, Out, reportFailure, writeLines, type CliIo } from './io';

/**
 * npm run import -- --round <round> [--system <id | system@1 file>] --input <file.xlsx | .csv | .json>
 *                   [--name <round name>] [--year <year>] [--actor <who>]
 * All or nothing: on bad input every problem is printed, one per line, nothing is stored, exit 2.
 */

const USAGE = '用法：npm run import -- --round <轮次> [--system <体系代码或 system@1 文件>] --input <文件.xlsx|.csv|.json>';

/** `--system`: a system@1 file when it names one, else a built-in or stored system id. */
function systemRef(arg: string | undefined, warn: (line: string) => void): SystemRef | undefined {
  if (arg === undefined) return undefined;
  if (!arg.toLowerCase().endsWith('.json') && !fs.existsSync(arg)) return arg;
  return readSystemFile(arg, warn).document as Record<string, unknown>;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        round: { type: 'string' },
        system: { type: 'string' },
        input: { type: 'string' },
        name: { type: 'string' },
        year: { type: 'string' },
        actor: { type: 'string' },
      },
    });
    if (!values.round || !values.input) throw new CliError([USAGE]);
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new CliError([`--year 应为四位年份：${values.year}`]);
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(values.input);
    } catch (e) {
      throw new CliError([`无法读取文件 ${values.input}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
    }
    const warn = (line: string) => writeLines(io.stderr, [line]);
    const system = systemRef(values.system, warn);
    const result = await withDb(io, ({ db }) =>
      importFile(
        {
          roundSlug: values.round!,
          system,
          fileName: path.basename(values.input!),
          buffer,
          actor: values.actor ?? `cli:${os.userInfo().username}`,
          ...(values.name ? { roundName: values.name } : {}),
          ...(values.year ? { year: Number(values.year) } : {}),
        },
        db,
        // The driver's message stays out of the user's way unless asked for.
        { logError: (e) => io.env.SCORECARD_DEBUG === '1' && writeLines(io.stderr, [String((e as Error)?.stack ?? e)]) },
      ),
    );
    if (!result.ok) {
      writeLines(io.stderr, result.problems.map(formatProblem));
      const more = result.more ?? 0;
      if (more) writeLines(io.stderr, [moreProblemsMessage(more)]);
      writeLines(io.stderr, [`导入未完成：共 ${(result.problems.length + more).toLocaleString('en')} 个问题，数据库未作任何改动`]);
      return EXIT_BAD_INPUT;
    }
    for (const w of result.warnings ?? []) warn(`提示：${w}`);
    await new Out(io.stdout).write(
      `已导入评价轮次 ${result.round}${result.roundCreated ? '（新建）' : ''}：${result.departments} 个单位` + `（新增 ${result.newDepartments} 个），评价人评分 ${result.evaluations} 项\n`,
    );
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}
