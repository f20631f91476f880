import { ENGINE_VERSION, scoreCohort, scoresToJson } from '@/lib/scoring';
import pkg from '@/package.json';
import type { Tx } from './client';
import { loadRoundDepartments, type Round } from './round-data';
import { scoreSnapshots, snapshotResults } from './schema';

const CHUNK = 500;

type SnapshotEvaluations = NonNullable<(typeof scoreSnapshots.$inferInsert)['evaluations']>;

/**
 * Scores the round with the engine and stores everything a publication freezes: the Scores JSON
 * with explanations (what the pages of a published round read), the exact submission versions,
 * the system version, the policy and panel rule, every evaluation it used, and the engine and app
 * versions. Runs inside the caller's transaction, which holds the round's row lock.
 */
export async function takeSnapshot(
  tx: Tx,
  round: Pick<Round, 'id' | 'systemVersionId' | 'policy' | 'panelRule' | 'spreadThreshold'>,
  opts: { reason: string; actor: string },
): Promise<{ id: number; departments: number }> {
  const { system, departments, rows, evaluations } = await loadRoundDepartments(tx, round);
  const scores = scoreCohort(system, departments, { policy: round.policy });

  const versions: Record<string, { id: number; version: number }> = {};
  const idOfCode = new Map<string, number>();
  const codeOfId = new Map<number, string>();
  for (const r of rows) {
    versions[r.code] = { id: r.id, version: r.version };
    idOfCode.set(r.code, r.departmentId);
    codeOfId.set(r.departmentId, r.code);
  }
  const evaluated: SnapshotEvaluations = {};
  for (const e of evaluations) {
    const code = codeOfId.get(e.departmentId);
    if (!code) continue; // a department without a scored submission is not in the ranking
    const leaves = (evaluated[code] ??= {});
    (leaves[e.indicator] ??= []).push({ id: e.id, by: e.by, score: e.score, comment: e.comment });
  }
  const [snap] = await tx
    .insert(scoreSnapshots)
    .values({
      roundId: round.id,
      systemVersionId: round.systemVersionId,
      policy: round.policy,
      panelRule: round.panelRule,
      reason: opts.reason,
      submissionVersions: versions,
      scores: scoresToJson(scores, { explain: true }),
      evaluations: evaluated,
      engineVersion: ENGINE_VERSION,
      appVersion: pkg.version,
      createdBy: opts.actor,
    })
    .returning({ id: scoreSnapshots.id });
  const results = scores.departments.map((d) => ({
    snapshotId: snap!.id,
    departmentId: idOfCode.get(d.code)!,
    groupName: d.group,
    total: d.total.toFixed(2),
    rank: d.rank,
    tied: d.tied,
  }));
  for (let i = 0; i < results.length; i += CHUNK) await tx.insert(snapshotResults).values(results.slice(i, i + CHUNK));
  return { id: snap!.id, departments: departments.length };
}
