/**
 * npm run template -- --round <round> --out file.xlsx [--system <id>] [--with-data]
 * Writes the xlsx template of a round: one row per department of the round. A round that does not
 * exist yet needs --system, and gets an empty template.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runWithDb, UsageError } from '@/db/cli';
import { getRoundCohort, getRound } from '@/db/queries';
import { selectRoundMembers } from '@/db/round-data';
import { resolveSystemRef } from '@/db/systems';
import { departmentToRow } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';

void runWithDb(async ({ db }) => {
  const { values } = parseArgs({
    options: { round: { type: 'string' }, out: { type: 'string' }, system: { type: 'string' }, 'with-data': { type: 'boolean' } },
  });
  if (!values.round || !values.out) throw new UsageError('用法：npm run template -- --round <轮次> --out 文件.xlsx [--system <体系>] [--with-data]');
  const round = await getRound(values.round, db);
  let buf: Buffer;
  if (round) {
    const cohort = (await getRoundCohort(values.round, db))!;
    const rows = values['with-data']
      ? cohort.departments.map((d) => departmentToRow(d))
      : (await selectRoundMembers(db, round.id)).map((m) => ({ code: m.code, name: m.name, group: m.group }));
    buf = await buildTemplate(cohort.system, round, rows);
  } else {
    if (!values.system) throw new UsageError(`评价轮次 ${values.round} 不存在；新轮次的模板须用 --system 指定指标体系`);
    const r = await resolveSystemRef(db, values.system);
    if (!r.ok) throw new UsageError(r.errors.join('\n'));
    const year = /^\d{4}$/.test(values.round) ? Number(values.round) : new Date().getFullYear();
    buf = await buildTemplate(r.system, { slug: values.round, name: `${year}年度部门整体支出绩效评价`, year });
  }
  fs.writeFileSync(values.out, buf);
  process.stdout.write(`已写出模板 ${values.out}\n`);
});
