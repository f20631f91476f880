import { parseArgs } from 'node:util';
import { getRoundCohort, getRound } from '@/db/queries';
import { selectRoundMembers } from '@/db/round-data';
import { resolveSystemRef } from '@/db/systems';
import { departmentToRow } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { withDb } from './db';
import { CliError, Out, reportFailure, type CliIo } from './io';
import { openOutput } from './output';

/**
 * npm run template -- --round <round> --out file.xlsx [--system <id>] [--with-data]
 * Writes the xlsx template of a round: one row per department of the round. A round that does not
 * exist yet needs --system, and gets an empty template.
 */

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { round: { type: 'string' }, out: { type: 'string' }, system: { type: 'string' }, 'with-data': { type: 'boolean' } },
    });
    if (!values.round || !values.out) throw new CliError(['用法：npm run template -- --round <轮次> --out 文件.xlsx [--system <体系>] [--with-data]']);
    const slug = values.round;
    const buf = await withDb(io, async ({ db }) => {
      const round = await getRound(slug, db);
      if (round) {
        const cohort = (await getRoundCohort(slug, db))!;
        const rows = values['with-data']
          ? cohort.departments.map((d) => departmentToRow(d))
          : (await selectRoundMembers(db, round.id)).map((m) => ({ code: m.code, name: m.name, group: m.group }));
        return buildTemplate(cohort.system, round, rows);
      }
      if (!values.system) throw new CliError([`评价轮次 ${slug} 不存在；新轮次的模板须用 --system 指定指标体系`]);
      const r = await resolveSystemRef(db, values.system);
      if (!r.ok) throw new CliError(r.errors);
      const year = /^\d{4}$/.test(slug) ? Number(slug) : new Date().getFullYear();
      return buildTemplate(r.system, { slug, name: `${year}年度部门整体支出绩效评价`, year });
    });
    const target = openOutput(values.out, io);
    try {
      await target.out.write(buf);
      await target.commit();
    } catch (e) {
      target.abort();
      throw e;
    }
    if (values.out !== '-') await new Out(io.stdout).write(`已写出模板 ${values.out}\n`);
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}
