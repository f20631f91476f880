import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { selectAssignments } from './evaluation-data';
import { publicationBlockers } from './publication';
import type { Round } from './round-data';
import { departments, groups, roundDepartments, submissions, type SubmissionStatus } from './schema';

/** The bureau's review list: every unit of a round with its current submission and evaluation. */

export interface ReviewListItem {
  code: string;
  name: string;
  group: string;
  version: number | null;
  status: SubmissionStatus | null;
  comment: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** Judgement leaves still to be evaluated, by name (empty: evaluated). */
  pending: string[];
  /** Usernames of the unit's reviewers; empty when the bureau evaluates it. */
  panel: string[];
}

/** Every department of a round with its current version and status, by group and code. */
export async function selectReviewList(db: Db | Tx, round: Pick<Round, 'id' | 'systemVersionId'>): Promise<ReviewListItem[]> {
  const members = await db
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, round.id))
    .orderBy(asc(groups.name), asc(departments.code));
  const current = await db
    .select({
      departmentId: submissions.departmentId,
      version: submissions.version,
      status: submissions.status,
      comment: submissions.comment,
      createdAt: submissions.createdAt,
      createdBy: submissions.createdBy,
    })
    .from(submissions)
    .where(eq(submissions.roundId, round.id))
    .orderBy(asc(submissions.departmentId), asc(submissions.version));
  const latest = new Map<number, (typeof current)[number]>();
  for (const r of current) latest.set(r.departmentId, r);
  const blockers = new Map((await publicationBlockers(db, round)).map((b) => [b.code, b.pending]));
  const panels = await selectAssignments(db, round.id);
  return members.map((m) => {
    const c = latest.get(m.id);
    return {
      pending: blockers.get(m.code) ?? [],
      panel: (panels.get(m.id) ?? []).map((p) => p.username),
      code: m.code,
      name: m.name,
      group: m.group,
      version: c?.version ?? null,
      status: c?.status ?? null,
      comment: c?.comment ?? null,
      updatedAt: c?.createdAt ?? null,
      updatedBy: c?.createdBy ?? null,
    };
  });
}
