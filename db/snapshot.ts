import { eq } from 'drizzle-orm';
import { scoreCohort, scoresToJson, type Department, type Policy, type Scores } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { loadSubmissions, selectScoredVersions, type Round } from './round-data';
import { scoreSnapshots, snapshotResults } from './schema';
import { loadSystemVersion } from './systems';

const CHUNK = 500;

/**
 * Scores the round's current submissions with the engine and stores the result together with the
 * submission versions it read. Runs inside the caller's transaction so the snapshot always matches
 * the data committed with it. The stored Scores JSON leaves out explanations: they follow from the
 * pinned submissions, system version and policy (see `reproduceSnapshot`), and would make each
 * snapshot of 1,000 departments about 9 MB.
 */
export async function takeSnapshot(
  tx: Tx,
  round: Pick<Round, 'id' | 'systemVersionId' | 'policy'>,
  opts: { reason: string; actor: string; importBatchId?: number; known?: Map<number, Department> },
): Promise<{ id: number; departments: number }> {
  const { system } = await loadSystemVersion(tx, round.systemVersionId);
  const rows = await selectScoredVersions(tx, round.id);
  const departments = await loadSubmissions(tx, rows, system, opts.known);
  const scores = scoreCohort(system, departments, { policy: round.policy });

  const versions: Record<string, { id: number; version: number }> = {};
  const idOfCode = new Map<string, number>();
  for (const r of rows) {
    versions[r.code] = { id: r.id, version: r.version };
    idOfCode.set(r.code, r.departmentId);
  }
  const [snap] = await tx
    .insert(scoreSnapshots)
    .values({
      roundId: round.id,
      systemVersionId: round.systemVersionId,
      policy: round.policy,
      reason: opts.reason,
      submissionVersions: versions,
      scores: scoresToJson(scores),
      importBatchId: opts.importBatchId ?? null,
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

/**
 * Recomputes a stored snapshot from what it pinned — the exact submission versions, the system
 * version and the policy — e.g. to show a published ranking with its explanations.
 */
export async function reproduceSnapshot(db: Db | Tx, snapshotId: number): Promise<Scores | null> {
  const [snap] = await db.select().from(scoreSnapshots).where(eq(scoreSnapshots.id, snapshotId));
  if (!snap) return null;
  const { system } = await loadSystemVersion(db, snap.systemVersionId);
  const pinned = Object.entries(snap.submissionVersions).map(([code, v]) => ({ id: v.id, version: v.version, code, status: '', departmentId: 0 }));
  const departments = await loadSubmissions(db, pinned, system);
  return scoreCohort(system, departments, { policy: snap.policy as Policy });
}
