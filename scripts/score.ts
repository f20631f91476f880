/**
 * npm run score -- --input <cohort.json | table.csv> [--system <id | system@1 file>]
 *                  [--policy cohort-in-band|cohort-all|thresholds] [--format json|table] [--explain [--lang zh-CN|en]] [--sensitivity]
 * npm run score -- --round <round> [...]   (the round's current submissions, from the database)
 *
 * Prints the Scores JSON of spec §6 on stdout. `--explain` adds each leaf's structured explanation
 * and its text (rule, value, formula, target) in Chinese, or in English with `--lang en`.
 * `--sensitivity` adds each department's rank_range and the three-policy table, the rank ranges
 * and the setters (spec §7). Bad input: every problem on stderr, one per line,
 * exit status 2, and nothing on stdout.
 */
import { parseArgs } from 'node:util';
import { EXPLAIN_LOCALES, POLICIES, scoreCohort, scoresToJson, type Department, type ExplainLocale, type Policy, type Scores, type System } from '@/lib/scoring';
import { analyse, withSensitivity } from '@/lib/scoring/sensitivity';
import { CliError, readCohortFile, resolveSystem } from './cli/input';
import { sensitivityTable } from './cli/sensitivity-table';
import { rankingTable } from './cli/table';

const USAGE = `用法 / usage:
  npm run score -- --input <cohort.json|table.csv> [--system <id|system.json>] [--policy <policy>] [--format json|table] [--explain [--lang zh-CN|en]] [--sensitivity]
  npm run score -- --round <round> [--policy <policy>] [--format json|table] [--explain [--lang zh-CN|en]] [--sensitivity]`;

async function scoresOfRound(slug: string, policy: Policy | undefined): Promise<{ system: System; departments: Department[]; scores: Scores }> {
  // Loaded only for --round, so scoring a file never opens the database.
  const { getRoundCohort } = await import('@/db/queries');
  const { closeDb } = await import('@/db/client');
  try {
    const view = await getRoundCohort(slug);
    if (!view) throw new CliError([`评价轮次 ${slug} 不存在`]);
    return {
      system: view.system,
      departments: view.departments,
      scores: scoreCohort(view.system, view.departments, { policy: policy ?? view.round.policy }),
    };
  } finally {
    await closeDb();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      round: { type: 'string' },
      system: { type: 'string' },
      policy: { type: 'string' },
      format: { type: 'string', default: 'json' },
      explain: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'zh-CN' },
      sensitivity: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!!values.input === !!values.round) throw new CliError(['须且只能给出 --input 或 --round 之一', USAGE]);
  if (values.format !== 'json' && values.format !== 'table') throw new CliError([`--format 应为 json 或 table，实为 ${values.format}`]);
  if (values.policy && !POLICIES.includes(values.policy as Policy)) {
    throw new CliError([`--policy 应为 ${POLICIES.join(' / ')}，实为 ${values.policy}`]);
  }
  const policy = values.policy as Policy | undefined;
  if (!EXPLAIN_LOCALES.includes(values.lang as ExplainLocale)) throw new CliError([`--lang 应为 ${EXPLAIN_LOCALES.join(' / ')}，实为 ${values.lang}`]);
  const locale = values.lang as ExplainLocale;

  let system: System;
  let departments: Department[];
  let scores: Scores;
  if (values.round) {
    ({ system, departments, scores } = await scoresOfRound(values.round, policy));
  } else {
    const file = readCohortFile(values.input!);
    system = resolveSystem(values.system ?? file.systemId ?? 'julu-2021');
    departments = file.parse(system).departments;
    scores = scoreCohort(system, departments, { policy });
  }

  const sensitivity = values.sensitivity ? analyse(system, departments, scores) : null;
  if (values.format === 'table') process.stdout.write(sensitivity ? sensitivityTable(system, sensitivity) : rankingTable(system, scores));
  else {
    const json = scoresToJson(scores, { explain: values.explain, text: { system, locale } });
    process.stdout.write(`${JSON.stringify(sensitivity ? withSensitivity(json, sensitivity) : json, null, 2)}\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliError) {
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      process.exit(2);
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${message}\n`);
    const usageError = String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    process.exit(usageError ? 2 : 1);
  },
);
