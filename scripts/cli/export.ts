import { parseArgs } from 'node:util';
import { exportRound, exportRoundSystem } from '@/db/export';
import { withDb } from './db';
import { CliError, Out, reportFailure, writeLines, type CliIo } from './io';
import { openOutput, writeJsonArrayStreamed } from './output';

/**
 * npm run export -- --round <round> --out <file.json | -> [--system-out system.json]
 * Writes the round as a cohort@1 file (`-`: stdout), one department at a time, and optionally its
 * system@1 document: importing it into a new round gives identical scores.
 */

const USAGE = '用法：npm run export -- --round <轮次> --out <文件.json | -> [--system-out 体系.json]';

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { round: { type: 'string' }, out: { type: 'string' }, 'system-out': { type: 'string' } } });
    if (!values.round || !values.out) throw new CliError([USAGE]);
    const { cohort, system } = await withDb(io, async ({ db }) => ({
      cohort: await exportRound(values.round!, db),
      system: values['system-out'] ? await exportRoundSystem(values.round!, db) : null,
    }));
    if (!cohort) throw new CliError([`评价轮次 ${values.round} 不存在`]);
    const departments = (cohort as { departments: unknown[] }).departments;
    const target = openOutput(values.out, io);
    try {
      await writeJsonArrayStreamed(target.out, cohort, 'departments', departments);
      await target.commit();
    } catch (e) {
      target.abort();
      throw e;
    }
    if (values['system-out']) {
      const s = openOutput(values['system-out'], io);
      await s.out.write(`${JSON.stringify(system, null, 2)}\n`);
      await s.commit();
    }
    // With --out - the data is stdout; the summary then goes to stderr.
    const summary = `已导出评价轮次 ${values.round}：${departments.length} 个单位 → ${values.out === '-' ? '标准输出' : values.out}`;
    if (values.out === '-') writeLines(io.stderr, [summary]);
    else await new Out(io.stdout).write(`${summary}\n`);
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}
