/**
 * Save latency with 1,000 departments in the round (issue 9 §3): a department's web submission, and
 * the bureau's accept and return, each measured alone on an on-disk PGlite. A save must not rescore
 * or snapshot the round, so its time should not depend on the round's size. Median and worst of
 * the runs; the same code runs on earlier commits for the "before" figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb, type Db } from '@/db/client';
import { importCohort } from '@/db/import';
import { acceptSubmission, returnSubmission } from '@/app/lib/services/review';
import { loadSubmissionForm, saveSubmission } from '@/app/lib/services/submission';
import { createUser, loadViewer } from '@/db/users';
import { builtinSystem, indexSystem, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { benchSection } from './report';

const N = Number(process.env.BENCH_SAVE_DEPARTMENTS ?? 1000);
const RUNS = Number(process.env.BENCH_SAVE_RUNS ?? 15);

async function viewerOf(db: Db, username: string, role: 'admin' | 'department', department?: string) {
  const r = await createUser({ username, password: 'bench-password-2021', role, departmentCode: department ?? null }, { id: null, name: 'bench' }, db);
  if (!r.ok) throw new Error(r.message);
  return (await loadViewer(db, r.id))!;
}

function line(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${label.padEnd(78)} ${median.toFixed(0).padStart(7)} ms median, ${sorted[sorted.length - 1]!.toFixed(0)} ms worst of ${samples.length}`);
}

export async function run() {
  benchSection(`Save latency with ${N.toLocaleString('en')} departments in the round (on-disk PGlite), ${RUNS} saves each`);
  const system = builtinSystem('julu-2021') as System;
  const cohort = syntheticCohort(system, N, { seed: 7, round: { name: '保存基准', year: 2021 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bench-save-'));
  const handle = await openDb({ dataDir: path.join(dir, 'pglite') });
  try {
    const db = handle.db;
    const r = await importCohort({ roundSlug: 'bench', system: 'julu-2021', source: { kind: 'cohort', json: cohort }, actor: 'bench' }, db);
    if (!r.ok) throw new Error(`bench import refused: ${r.problems[0]?.message}`);
    const codes = (cohort.departments as { code: string }[]).map((d) => d.code);
    const admin = await viewerOf(db, 'bench-admin', 'admin');
    const selfKeys = [...indexSystem(system).leaves.map((l) => `self.${l.leaf.code}`), 'self.total'];

    const saves: number[] = [];
    const accepts: number[] = [];
    const returns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const code = codes[i]!;
      const dept = await viewerOf(db, `bench-${i}`, 'department', code);
      const form = (await loadSubmissionForm(dept, 'bench', code, db))!;
      // Every self-score filled, as a submission needs; one input changed, as a correction would.
      const cells: Record<string, string> = { ...form.values, budget_adjusted: String(Number(form.values.budget_adjusted ?? '0') + 1) };
      for (const k of selfKeys) cells[k] ??= '0';
      let t = performance.now();
      const saved = await saveSubmission(dept, { slug: 'bench', code, baseVersion: form.version, cells, submit: true }, {}, db);
      saves.push(performance.now() - t);
      if (!saved.ok) throw new Error(`bench save refused: ${JSON.stringify(saved)}`);
      t = performance.now();
      const returned = await returnSubmission(admin, { slug: 'bench', code, baseVersion: saved.version, comment: '请补充说明' }, {}, db);
      returns.push(performance.now() - t);
      if (!returned.ok) throw new Error(`bench return refused: ${returned.message}`);
      const again = (await loadSubmissionForm(dept, 'bench', code, db))!;
      const resubmitted = await saveSubmission(dept, { slug: 'bench', code, baseVersion: again.version, cells, submit: true }, {}, db);
      if (!resubmitted.ok) throw new Error('bench resubmit refused');
      t = performance.now();
      const accepted = await acceptSubmission(admin, { slug: 'bench', code, baseVersion: resubmitted.version }, {}, db);
      accepts.push(performance.now() - t);
      if (!accepted.ok) throw new Error(`bench accept refused: ${accepted.message}`);
    }
    line(`department submits its web form (${N} departments in the round)`, saves);
    line(`bureau returns a submission (${N} departments in the round)`, returns);
    line(`bureau accepts a submission (${N} departments in the round)`, accepts);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
