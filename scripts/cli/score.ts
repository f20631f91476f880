import { parseArgs } from 'node:util';
import { EXPLAIN_LOCALES, POLICIES, scoreCohort, scoresToJson, type Department, type ExplainLocale, type Policy, type Scores, type System } from '@/lib/scoring';
import { analyse, withSensitivity } from '@/lib/scoring/sensitivity';
import { maxScoreDepartments, readCohortInput, resolveSystemArg } from './input';
import { CliError, Out, reportFailure, writeLines, type CliIo } from './io';
import { writeJsonArrayStreamed } from './output';
import { writeScoresJson } from './scores-json';
import { sensitivityTable } from './sensitivity-table';
import { rankingTableLines } from './table';

/**
 * npm run score -- --input <cohort.json | table.csv | table.xlsx> [--system <id | system@1 file>]
 *                  [--policy cohort-in-band|cohort-all|thresholds] [--format json|table] [--explain] [--sensitivity] [--lang zh-CN|en]
 * npm run score -- --round <round> [...]   (the round as its pages show it: a published round's publication)
 *
 * Prints the Scores JSON of spec §6 on stdout, one department at a time and at the reader's pace.
 * `--explain` adds each leaf's structured explanation and its text (rule, value, formula, target)
 * in Chinese, or in English with `--lang en`. `--sensitivity` adds each department's rank_range and
 * the three-policy table, the rank ranges and the setters (spec §7); its `--format table` is in
 * Chinese, or in English with `--lang en`.
 * Bad input: every problem on stderr, one per line, exit status 2, and nothing on stdout.
 */

const USAGE = `用法 / usage:
  npm run score -- --input <cohort.json|table.csv|table.xlsx> [--system <id|system.json>] [--policy <policy>] [--format json|table] [--explain] [--sensitivity] [--lang zh-CN|en]
  npm run score -- --round <round> [--policy <policy>] [--format json|table] [--explain] [--sensitivity] [--lang zh-CN|en]`;

/**
 * A round's figures as its pages show them (db/queries' getRoundFigures): a published round's
 * publication, frozen, any other round scored live. Another `--policy` rescores the same
 * submissions — for a published round, the ones its publication pinned.
 */
async function scoresOfRound(slug: string, policy: Policy | undefined, io: CliIo): Promise<{ system: System; departments: Department[]; scores: Scores }> {
  // Loaded only for --round, so scoring a file never opens the database.
  const { getRoundFigures } = await import('@/db/queries');
  const { withDb } = await import('./db');
  return withDb(io, async ({ db }) => {
    const shown = await getRoundFigures(slug, undefined, db);
    if (!shown) throw new CliError([`评价轮次 ${slug} 不存在`]);
    const { system, departments } = shown;
    const scores = policy && policy !== shown.scores.policy ? scoreCohort(system, departments, { policy }) : shown.scores;
    return { system, departments, scores };
  });
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
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
    const out = new Out(io.stdout);
    if (values.help) {
      await out.write(`${USAGE}\n`);
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
    const warn = (line: string) => writeLines(io.stderr, [line]);

    let system: System;
    let departments: Department[];
    let scores: Scores;
    if (values.round) {
      ({ system, departments, scores } = await scoresOfRound(values.round, policy, io));
    } else {
      // SCORECARD_MAX_DEPARTMENTS lowers the bound (tests); it is never raised above what the heap holds.
      const max = Math.min(Number(io.env.SCORECARD_MAX_DEPARTMENTS) || Infinity, maxScoreDepartments());
      const input = await readCohortInput(values.input!, values.system !== undefined ? resolveSystemArg(values.system, warn) : undefined, max);
      for (const w of input.warnings) warn(`提示：${w}`);
      system = input.system;
      departments = input.cohort.departments;
      scores = scoreCohort(system, departments, { policy });
    }

    const options = { explain: values.explain, text: { system, locale } };
    if (values.sensitivity) {
      // A whole-cohort analysis whose result is written whole (sensitivity is for rounds a person reads).
      const sensitivity = analyse(system, departments, scores);
      if (values.format === 'table') await out.write(sensitivityTable(system, sensitivity, locale));
      else {
        const json = withSensitivity(scoresToJson(scores, options), sensitivity);
        await writeJsonArrayStreamed(out, json, 'departments', json.departments as unknown[]);
      }
      return 0;
    }

    if (values.format === 'table') {
      let batch = '';
      for (const line of rankingTableLines(system, scores)) {
        batch += `${line}\n`;
        if (batch.length > 65_536) {
          await out.write(batch);
          batch = '';
        }
      }
      await out.write(batch);
    } else await writeScoresJson(out, scores, options);
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}
