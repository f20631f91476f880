/**
 * npm run import -- --round <round> [--system <id | system@1 file>] --input <file.xlsx | .csv | .json>
 *                   [--name <round name>] [--year <year>] [--actor <who>]
 * All or nothing: on bad input every problem is printed, one per line, nothing is stored, exit 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_BAD_INPUT, runWithDb, UsageError } from '@/db/cli';
import { importFile } from '@/db/import-file';
import type { SystemRef } from '@/db/systems';
import { formatProblem } from '@/lib/scoring';

function systemRef(arg: string | undefined): SystemRef | undefined {
  if (arg === undefined) return undefined;
  if (!arg.toLowerCase().endsWith('.json') && !fs.existsSync(arg)) return arg;
  try {
    return JSON.parse(fs.readFileSync(arg, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`无法读取指标体系文件 ${arg}：${e instanceof Error ? e.message : String(e)}`);
  }
}

void runWithDb(async ({ db }) => {
  const { values } = parseArgs({
    options: {
      round: { type: 'string' },
      system: { type: 'string' },
      input: { type: 'string' },
      name: { type: 'string' },
      year: { type: 'string' },
      actor: { type: 'string' },
    },
  });
  if (!values.round || !values.input) {
    throw new UsageError('用法：npm run import -- --round <轮次> [--system <体系代码或 system@1 文件>] --input <文件.xlsx|.csv|.json>');
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应为四位年份：${values.year}`);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(values.input);
  } catch (e) {
    throw new UsageError(`无法读取文件 ${values.input}：${e instanceof Error ? e.message : String(e)}`);
  }
  const result = await importFile(
    {
      roundSlug: values.round,
      system: systemRef(values.system),
      fileName: path.basename(values.input),
      buffer,
      actor: values.actor ?? `cli:${os.userInfo().username}`,
      ...(values.name ? { roundName: values.name } : {}),
      ...(values.year ? { year: Number(values.year) } : {}),
    },
    db,
  );
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`导入未完成：共 ${result.problems.length} 个问题，数据库未作任何改动\n`);
    return EXIT_BAD_INPUT;
  }
  process.stdout.write(
    `已导入评价轮次 ${result.round}${result.roundCreated ? '（新建）' : ''}：${result.departments} 个单位` +
      `（新增 ${result.newDepartments} 个），得分快照 #${result.snapshotId}\n`,
  );
});
