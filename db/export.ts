import { cohortToJson } from '@/lib/scoring';
import { getDb, type Db } from './client';
import { loadRoundDepartments, selectRound } from './round-data';
import { indicatorSystems } from './schema';
import { eq } from 'drizzle-orm';

/**
 * A round's scored submissions as a cohort@1 document. Importing it into a new round with the same
 * system gives identical scores: it carries every input exactly as stored (decimal strings).
 */
export async function exportRound(slug: string, db?: Db): Promise<Record<string, unknown> | null> {
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const { departments } = await loadRoundDepartments(handle, round);
  return cohortToJson({ system: round.systemId, round: { name: round.name, year: round.year }, departments });
}

/** The system@1 document a round is scored with, exactly as stored (for backups and re-imports). */
export async function exportRoundSystem(slug: string, db?: Db): Promise<unknown | null> {
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const [row] = await handle.select({ document: indicatorSystems.document }).from(indicatorSystems).where(eq(indicatorSystems.id, round.systemVersionId));
  return row?.document ?? null;
}
