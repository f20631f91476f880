import { eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { getDb, type Db } from './client';
import { roundDepartments, roundReviewers, rounds } from './schema';

/**
 * Which rounds a viewer may know about: all of them for the bureau and leaders, for a department
 * the rounds it takes part in, for a reviewer those it evaluates in. Null means "no restriction".
 */
export async function visibleRoundSlugs(viewer: Viewer, db?: Db): Promise<Set<string> | null> {
  if (viewer.role === 'reviewer') {
    const handle = db ?? (await getDb());
    const rows = await handle.selectDistinct({ slug: rounds.slug }).from(roundReviewers).innerJoin(rounds, eq(rounds.id, roundReviewers.roundId)).where(eq(roundReviewers.reviewerId, viewer.id));
    return new Set(rows.map((r) => r.slug));
  }
  if (viewer.role !== 'department') return null;
  if (viewer.departmentId === null) return new Set();
  const handle = db ?? (await getDb());
  const rows = await handle
    .select({ slug: rounds.slug })
    .from(roundDepartments)
    .innerJoin(rounds, eq(rounds.id, roundDepartments.roundId))
    .where(eq(roundDepartments.departmentId, viewer.departmentId));
  return new Set(rows.map((r) => r.slug));
}
