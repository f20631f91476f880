import { and, eq, isNull, max } from 'drizzle-orm';
import { ENGINE_VERSION, indexSystem } from '@/lib/scoring';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { selectAssignments, selectCurrentEvaluations } from './evaluation-data';
import { selectCurrentStatuses, selectRound, type Round } from './round-data';
import { departments, groups, roundDepartments, rounds, type SubmissionStatus } from './schema';
import { publications } from './schema-cycle';
import { selectPublications, type PublicationInfo } from './publication-data';
import { takeSnapshot } from './snapshot';
import { loadSystemVersion } from './systems';
import { lockRound, Refusal } from './round-lock';

/**
 * Publishing a round (已发布): only when every enrolled department is accepted and evaluated; then
 * one snapshot freezes the scores and every page of the round reads it. Withdrawing needs a
 * reason; publishing again stores a new snapshot, and every publication stays listed and readable.
 * Who may is app/lib/services/rounds' question; these run in the caller's transaction.
 */

/** What keeps one department from publication. */
export interface Missing {
  code: string;
  name: string;
  group: string;
  /** Its current submission's status (null: nothing handed in); anything but accepted blocks. */
  status: SubmissionStatus | null;
  /** Judgement leaves still pending, by name, and the reviewers who have not scored them. */
  pending: string[];
  waitingFor: string[];
}

/** Every enrolled department that is not yet accepted and evaluated, in group and code order. */
export async function publicationBlockers(db: Db | Tx, round: Pick<Round, 'id' | 'systemVersionId'>): Promise<Missing[]> {
  const { system } = await loadSystemVersion(db, round.systemVersionId);
  const leaves = indexSystem(system).judgementLeaves.map((l) => l.leaf);
  const members = await db
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, round.id))
    .orderBy(groups.name, departments.code);
  const statusOf = await selectCurrentStatuses(db, round.id);
  const evaluations = await selectCurrentEvaluations(db, round.id);
  const assignments = await selectAssignments(db, round.id);
  const out: Missing[] = [];
  for (const m of members) {
    const status = statusOf.get(m.id) ?? null;
    const mine = evaluations.filter((e) => e.departmentId === m.id);
    const panel = assignments.get(m.id) ?? [];
    const pending: string[] = [];
    const waitingFor = new Set<string>();
    for (const leaf of leaves) {
      if (panel.length === 0) {
        if (!mine.some((e) => e.indicator === leaf.code && e.reviewerId === null)) pending.push(leaf.name);
        continue;
      }
      const missing = panel.filter((r) => !mine.some((e) => e.indicator === leaf.code && e.reviewerId === r.reviewerId));
      if (missing.length) {
        pending.push(leaf.name);
        for (const r of missing) waitingFor.add(r.username);
      }
    }
    if (status !== 'accepted' || pending.length) out.push({ code: m.code, name: m.name, group: m.group, status, pending, waitingFor: [...waitingFor] });
  }
  return out;
}

export type PublishResult = { ok: true; message: string; number: number } | { ok: false; message: string; missing?: Missing[] };

const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * Publishes a round in review, in the caller's transaction: refused, with the list of what is
 * missing, unless every enrolled department is accepted and evaluated. Stores one snapshot (see
 * takeSnapshot) as publication n. Other refusals are thrown as `Refusal`.
 */
export async function publish(tx: Tx, slug: string, actor: Actor): Promise<PublishResult> {
  const round = await lockRound(tx, slug);
  if (round.status === 'published') throw new Refusal(`评价轮次 ${slug} 已经发布`);
  if (round.status === 'collecting') throw new Refusal(`评价轮次 ${slug} 仍在填报中：请先结束填报、进入评审，再发布`);
  const missing = await publicationBlockers(tx, round);
  if (missing.length) return { ok: false, message: `还有 ${missing.length} 个单位未接受或未评议完，暂不能发布`, missing };
  const snap = await takeSnapshot(tx, round, { reason: 'publish', actor: actor.name });
  if (snap.departments === 0) throw new Refusal(`评价轮次 ${slug} 没有任何单位，无从发布`);
  const [last] = await tx.select({ n: max(publications.number) }).from(publications).where(eq(publications.roundId, round.id));
  const number = (last?.n ?? 0) + 1;
  const [pub] = await tx.insert(publications).values({ roundId: round.id, number, snapshotId: snap.id, publishedBy: actor.name }).returning({ at: publications.publishedAt });
  await tx.update(rounds).set({ status: 'published' }).where(eq(rounds.id, round.id));
  await writeAudit(tx, actor, {
    action: 'round.publish',
    round,
    before: { status: round.status },
    after: { status: 'published', publication: number, snapshotId: snap.id, engineVersion: ENGINE_VERSION, departments: snap.departments },
  });
  return { ok: true, number, message: `评价轮次 ${slug} 已发布（第 ${number} 次发布，${when(pub!.at)}），成绩已冻结` };
}

/** Withdraws the standing publication with a reason, in the caller's transaction: the round goes back to review; the snapshot stays readable. */
export async function withdraw(tx: Tx, slug: string, reason: string, actor: Actor): Promise<PublishResult> {
  const why = reason.trim();
  if (!why) throw new Refusal('撤回发布须写明理由');
  const round = await lockRound(tx, slug);
  if (round.status !== 'published') throw new Refusal(`评价轮次 ${slug} 未发布`);
  const [standing] = await tx
    .update(publications)
    .set({ withdrawnAt: new Date(), withdrawnBy: actor.name, withdrawReason: why })
    .where(and(eq(publications.roundId, round.id), isNull(publications.withdrawnAt)))
    .returning({ number: publications.number });
  await tx.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.id, round.id));
  await writeAudit(tx, actor, {
    action: 'round.unpublish',
    round,
    before: { status: 'published', publication: standing?.number ?? null },
    after: { status: 'reviewing', reason: why },
  });
  return { ok: true, number: standing?.number ?? 0, message: `已撤回第 ${standing?.number ?? '?'} 次发布，评价轮次 ${slug} 回到评审中；原发布的成绩仍可查阅` };
}

/** What keeps a round from publication. */
export async function listBlockers(round: Pick<Round, 'id' | 'systemVersionId'>, db?: Db): Promise<Missing[]> {
  return publicationBlockers(db ?? (await getDb()), round);
}

/** Every publication of a round, first first. */
export async function listPublications(roundId: number, db?: Db): Promise<PublicationInfo[]> {
  return selectPublications(db ?? (await getDb()), roundId);
}
