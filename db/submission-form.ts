import { and, asc, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { departmentToRow, rowsToCohort, tableColumns, type TableColumn } from '@/lib/interchange/table';
import { departmentToJson, type Problem, type System } from '@/lib/scoring';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { listSubmissionVersions, type SubmissionVersion } from './queries';
import type { Round } from './round-data';
import { departments, rounds, submissions, type SubmissionStatus } from './schema';
import { reviewAdjustments } from './schema-auth';
import { getSubmission, saveSubmission as appendSubmission } from './submissions';
import { actorOf, cellChanges, departmentRef, lockedRoundMessage, refusalText } from './web-change';

/**
 * A department's own submission through the web form: reading it (for the department itself or
 * the bureau's review), and saving or submitting it. Storage, versions and the optimistic check are
 * db/submissions'; this adds who may, the table form's validation, and the audit entry.
 */

/** The form columns: the table form of spec §6 without the identity columns, which the account fixes. */
export function formColumns(system: System): TableColumn[] {
  return tableColumns(system).filter((c) => c.kind !== 'identity');
}

export interface Adjustment {
  version: number;
  indicator: string;
  before: string | null;
  after: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export interface SubmissionForm {
  round: Round;
  system: System;
  department: { code: string; name: string; group: string };
  /** The current version: what a save must be based on. */
  version: number;
  status: SubmissionStatus;
  comment: string | null;
  /** Current values keyed by table column (identity columns left out). */
  values: Record<string, string>;
  versions: SubmissionVersion[];
  adjustments: Adjustment[];
  /** Why the department cannot change it now, or null when it can. */
  readOnly: string | null;
}

function editRefusal(round: Round, status: SubmissionStatus, version: number): string | null {
  if (round.status === 'locked') return lockedRoundMessage(round);
  if (status === 'accepted') return `财政局已接受本单位的填报（第 ${version} 版）；如需修改，请联系财政局退回`;
  return null;
}

/**
 * A department's submission in a round, for its own form or for the bureau's review. Anyone else —
 * another department, a leader, someone not signed in — gets null, exactly as for a department
 * that does not take part in the round.
 */
export async function loadSubmissionForm(viewer: Viewer | null, slug: string, code: string, db?: Db): Promise<SubmissionForm | null> {
  if (!can(viewer, 'submission:edit', { departmentCode: code }) && !can(viewer, 'submission:review')) return null;
  const handle = db ?? (await getDb());
  const current = await getSubmission(slug, code, undefined, handle);
  if (!current) return null;
  const [versions, adjustments] = await Promise.all([
    listSubmissionVersions(slug, code, handle),
    handle
      .select({
        version: submissions.version,
        indicator: reviewAdjustments.indicator,
        before: reviewAdjustments.before,
        after: reviewAdjustments.after,
        reason: reviewAdjustments.reason,
        createdBy: reviewAdjustments.createdBy,
        createdAt: reviewAdjustments.createdAt,
      })
      .from(reviewAdjustments)
      .innerJoin(submissions, eq(submissions.id, reviewAdjustments.submissionId))
      .innerJoin(departments, eq(departments.id, submissions.departmentId))
      .innerJoin(rounds, eq(rounds.id, submissions.roundId))
      .where(and(eq(rounds.slug, slug), eq(departments.code, code)))
      .orderBy(asc(reviewAdjustments.id)),
  ]);
  const { code: _c, name: _n, group: _g, ...values } = departmentToRow(current.department);
  const d = current.department;
  return {
    round: current.round,
    system: current.system,
    department: { code: d.code, name: d.name, group: d.group },
    version: current.version,
    status: current.status,
    comment: current.comment,
    values,
    versions,
    adjustments,
    readOnly: editRefusal(current.round, current.status, current.version),
  };
}

export interface SaveRequest {
  slug: string;
  code: string;
  /** The version the form was loaded from. */
  baseVersion: number;
  /** Form values keyed by table column; identity columns are ignored. */
  cells: Record<string, string>;
  /** Submit to the bureau, or keep as a draft. */
  submit: boolean;
}

export type SaveResult = { ok: true; version: number; status: SubmissionStatus } | { ok: false; problems: Problem[] } | { ok: false; message: string };

const DENIED = { ok: false as const, message: '无权修改该单位的填报' };

/**
 * A department saves (draft) or submits its own submission. The values go through the table
 * validation of an import; the save is refused when the round is locked, the submission accepted,
 * or someone stored a newer version since the form was loaded. The change and its audit entry are
 * written in one transaction.
 */
export async function saveSubmission(viewer: Viewer | null, req: SaveRequest, meta: { address?: string | null } = {}, db?: Db): Promise<SaveResult> {
  if (!viewer || !can(viewer, 'submission:edit', { departmentCode: req.code })) return DENIED;
  const handle = db ?? (await getDb());
  const current = await getSubmission(req.slug, req.code, undefined, handle);
  if (!current) return DENIED;
  const { round, system } = current;
  if (round.status === 'locked') return { ok: false, message: lockedRoundMessage(round) };

  const columns = tableColumns(system);
  const d = current.department;
  const cells: Record<string, string> = { code: d.code, name: d.name, group: d.group };
  for (const c of columns) if (c.kind !== 'identity') cells[c.key] = (req.cells[c.key] ?? '').trim();
  const parsed = rowsToCohort({ columns: Object.fromEntries(columns.map((c) => [c.key, c.header])), rows: [{ row: 1, cells }] }, system, { name: round.name, year: round.year });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const department = parsed.cohort.departments[0]!;
  const status = req.submit ? ('submitted' as const) : ('draft' as const);

  return handle.transaction(async (tx) => {
    const base = await getSubmission(req.slug, req.code, req.baseVersion, tx);
    if (base?.isCurrent && base.status === 'accepted') return { ok: false as const, message: editRefusal(round, 'accepted', base.version)! };
    const r = await appendSubmission(
      { roundSlug: req.slug, code: req.code, baseVersion: req.baseVersion || null, actor: viewer.username, department: departmentToJson(department), status },
      tx,
    );
    if (!r.ok) return { ok: false as const, message: refusalText(r) };
    const added = await getSubmission(req.slug, req.code, r.version, tx);
    const changes = cellChanges(base?.department ?? null, department);
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: req.submit ? 'submission.submit' : 'submission.save',
      round,
      department: await departmentRef(tx, req.code),
      submissionId: added!.id,
      before: { version: req.baseVersion, status: base?.status ?? null, values: changes.before },
      after: { version: r.version, status, values: changes.after },
    });
    return { ok: true as const, version: r.version, status };
  });
}
