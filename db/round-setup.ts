import { and, eq } from 'drizzle-orm';
import type { PanelRule, Policy, System } from '@/lib/scoring';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { deadlineOf } from './round-admin';
import { lockRound, Refusal } from './round-lock';
import { groups, rounds } from './schema';
import { storeSystemVersion } from './systems';

/** Storing a round set up in the browser (issue 9 §1): its system version, policy, groups, deadline and panel rule. */

export interface RoundRow {
  slug: string;
  name: string;
  year: number;
  system: System;
  /** The system@1 document as given, stored as a version. */
  document: unknown;
  policy: Policy;
  groups: string[];
  /** yyyy-mm-dd, or null. */
  deadline: string | null;
  panelRule: PanelRule;
  spreadThreshold: string | null;
  /** Shown to the admin when the system was checked; kept in the audit entry. */
  warnings: string[];
}

/** Creates a round (填报中) with its declared groups, in the caller's transaction; the system becomes a stored version. */
export async function insertRound(tx: Tx, r: RoundRow, actor: Actor): Promise<void> {
  const versionId = await storeSystemVersion(tx, r.system, r.document, actor.name);
  const [created] = await tx
    .insert(rounds)
    .values({
      slug: r.slug,
      name: r.name,
      year: r.year,
      systemVersionId: versionId,
      policy: r.policy,
      status: 'collecting',
      deadline: r.deadline ? deadlineOf(r.deadline) : null,
      panelRule: r.panelRule,
      spreadThreshold: r.spreadThreshold,
      createdBy: actor.name,
    })
    .onConflictDoNothing({ target: rounds.slug })
    .returning({ id: rounds.id });
  if (!created) throw new Refusal(`轮次标识 ${r.slug} 已被使用`);
  await tx.insert(groups).values(r.groups.map((g) => ({ roundId: created.id, name: g })));
  await writeAudit(tx, actor, {
    action: 'round.create',
    round: { id: created.id, slug: r.slug },
    after: {
      name: r.name,
      year: r.year,
      system: r.system.id,
      systemVersionId: versionId,
      policy: r.policy,
      groups: r.groups,
      deadline: r.deadline,
      panelRule: r.panelRule,
      warnings: r.warnings,
    },
  });
}

/**
 * Declares more groups for a round, in the caller's transaction (groups are never renamed or
 * removed: past rankings name them). Returns the names that were new.
 */
export async function addGroups(tx: Tx, slug: string, names: string[], actor: Actor): Promise<string[]> {
  const round = await lockRound(tx, slug, { unpublished: true });
  const added = await tx
    .insert(groups)
    .values(names.map((g) => ({ roundId: round.id, name: g })))
    .onConflictDoNothing({ target: [groups.roundId, groups.name] })
    .returning({ name: groups.name });
  if (added.length) await writeAudit(tx, actor, { action: 'round.groups', round, after: { added: added.map((a) => a.name) } });
  return added.map((a) => a.name);
}

/** The declared groups of a round, in name order. */
export async function listGroups(roundId: number, db?: Db): Promise<string[]> {
  const handle = db ?? (await getDb());
  return (await handle.select({ name: groups.name }).from(groups).where(and(eq(groups.roundId, roundId))).orderBy(groups.name)).map((g) => g.name);
}
