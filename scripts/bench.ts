/**
 * `npm run bench`: prints timings of the scoring engine and the `score` command on a generated
 * cohort of 10,000 departments, then the database and page benches when they are present.
 * Figures are the best of several runs (this machine has 2 cores shared with other work).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinSystem, parseCohort, scoreCohort, scoresToJson } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { benchSection, best, report } from './bench/report';

const N = Number(process.env.BENCH_DEPARTMENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const system = builtinSystem('julu-2021')!;
  const raw = syntheticCohort(system, N, { seed: 42 });
  const parsed = parseCohort(raw, system);
  if (!parsed.ok) throw new Error('synthetic cohort is invalid');
  const departments = parsed.cohort.departments;

  benchSection(`Scoring ${N.toLocaleString('en')} departments (julu-2021, 2 groups, cohort-in-band), best of ${RUNS}`);
  scoreCohort(system, departments); // warm-up: JIT and the system index
  // The target is for 10,000 departments; other sizes just report.
  report('scoreCohort (scoring alone)', best(RUNS, () => scoreCohort(system, departments)), N, N === 10_000 ? 1000 : undefined);
  report(
    'scoreCohort + read every explanation',
    best(RUNS, () => {
      const s = scoreCohort(system, departments);
      for (const d of s.departments) for (const l of Object.values(d.indicators)) void l.explanation.formula;
    }),
    N,
  );

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'cohort.json');
  fs.writeFileSync(file, JSON.stringify(raw));
  report(
    'in-process pipeline: read + JSON.parse + validate + score + Scores JSON',
    best(RUNS, () => {
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      const r = parseCohort(doc, system);
      if (!r.ok) throw new Error('invalid');
      JSON.stringify(scoresToJson(scoreCohort(system, r.cohort.departments)));
    }),
    N,
  );
  const tsx = path.join('node_modules', '.bin', 'tsx');
  report(
    '`npm run score -- --input <file>` as a process (incl. Node + tsx start-up)',
    best(3, () => execFileSync(tsx, ['scripts/score.ts', '--input', file], { maxBuffer: 1 << 30 })),
    N,
  );
  fs.rmSync(path.dirname(file), { recursive: true, force: true });

  // Later layers add their own sections; each is optional so the bench works at every commit.
  for (const extra of ['./bench/db', './bench/pages']) {
    const modulePath = path.join(__dirname, `${extra}.ts`);
    if (!fs.existsSync(modulePath)) continue;
    const mod = (await import(modulePath)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
