/**
 * npm run export -- --round <round> --out file.json [--system-out system.json]
 * Writes the round as a cohort@1 file (and optionally its system@1 document): importing it into a
 * new round gives identical scores.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runWithDb, UsageError } from '@/db/cli';
import { exportRound, exportRoundSystem } from '@/db/export';

void runWithDb(async ({ db }) => {
  const { values } = parseArgs({ options: { round: { type: 'string' }, out: { type: 'string' }, 'system-out': { type: 'string' } } });
  if (!values.round || !values.out) throw new UsageError('用法：npm run export -- --round <轮次> --out 文件.json [--system-out 体系.json]');
  const cohort = await exportRound(values.round, db);
  if (!cohort) throw new UsageError(`评价轮次 ${values.round} 不存在`);
  fs.writeFileSync(values.out, `${JSON.stringify(cohort, null, 2)}\n`);
  if (values['system-out']) fs.writeFileSync(values['system-out'], `${JSON.stringify(await exportRoundSystem(values.round, db), null, 2)}\n`);
  const n = (cohort.departments as unknown[]).length;
  process.stdout.write(`已导出评价轮次 ${values.round}：${n} 个单位 → ${values.out}\n`);
});
