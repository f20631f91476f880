import fs from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { builtinSystem, formatProblem, parseCohort, scoreCohort, scoresToJson, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import type { Db } from '../client';
import type { ImportResult } from '../import';
import * as schema from '../schema';

export const system = builtinSystem('julu-2021') as System;

export const seedCohort = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'lib/demo/xiaolvzhai-2021.json'), 'utf8')) as {
  format: string;
  system: string;
  round: { name: string; year: number };
  departments: Record<string, unknown>[];
};

/** The seed township plus `n` synthetic units in two groups: a cohort with every status in it. */
export function mixedCohort(n = 30, seed = 3) {
  const synthetic = syntheticCohort(system, n, { seed, round: seedCohort.round });
  return { ...seedCohort, departments: [...seedCohort.departments, ...(synthetic.departments as Record<string, unknown>[])] };
}

/** What `score` prints for a cohort file: the reference every stored round must reproduce. */
export function scoresOfFile(raw: unknown, explain = true): Record<string, unknown> {
  const r = parseCohort(raw, system);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return scoresToJson(scoreCohort(system, r.cohort.departments), { explain });
}

export function expectOk(r: ImportResult): asserts r is ImportResult & { ok: true } {
  if (!r.ok) throw new Error(`import refused:\n${r.problems.map(formatProblem).join('\n')}`);
}

const tables = {
  indicator_systems: schema.indicatorSystems,
  rounds: schema.rounds,
  departments: schema.departments,
  groups: schema.groups,
  round_departments: schema.roundDepartments,
  import_batches: schema.importBatches,
  submissions: schema.submissions,
  score_snapshots: schema.scoreSnapshots,
  snapshot_results: schema.snapshotResults,
  evaluations: schema.evaluations,
  publications: schema.publications,
  round_reviewers: schema.roundReviewers,
};

/** Row count of every table plus the current submission of each department: "nothing changed" means this is equal. */
export async function databaseState(db: Db) {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  const current = await db
    .select({ round: schema.submissions.roundId, dept: schema.submissions.departmentId, version: schema.submissions.version })
    .from(schema.submissions)
    .where(eq(schema.submissions.isCurrent, true))
    .orderBy(schema.submissions.roundId, schema.submissions.departmentId);
  return { counts, current };
}

/**
 * Takes a round through review to publication as the bureau would: close collection, accept every
 * waiting submission, publish. Throws with the refusal when it cannot.
 */
export async function publishAll(db: Db, slug: string, admin: import('@/lib/auth/roles').Viewer): Promise<number> {
  const { setCollecting, publishRound } = await import('@/app/lib/services/rounds');
  const { acceptAllSubmitted } = await import('@/app/lib/services/review');
  const { selectRound } = await import('../round-data');
  if ((await selectRound(db, slug))?.status === 'collecting') {
    const s = await setCollecting(admin, slug, 'reviewing', '', {}, db);
    if (!s.ok) throw new Error(s.message);
  }
  const a = await acceptAllSubmitted(admin, slug, {}, db);
  if (!a.ok) throw new Error(a.message);
  const p = await publishRound(admin, slug, {}, db);
  if (!p.ok) throw new Error(`${p.message}: ${JSON.stringify('missing' in p ? p.missing : null)}`);
  return p.number;
}

/** Declares groups for a round directly (what the bureau does on the round page), for test set-ups. */
export async function declare(db: Db, slug: string, ...names: string[]): Promise<void> {
  const [round] = await db.select({ id: schema.rounds.id }).from(schema.rounds).where(eq(schema.rounds.slug, slug));
  await db.insert(schema.groups).values(names.map((name) => ({ roundId: round!.id, name }))).onConflictDoNothing();
}
