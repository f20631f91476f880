import { writeAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { listSubmissionVersions, type SubmissionVersion } from '@/db/queries';
import { selectMember, selectRound, type Round } from '@/db/round-data';
import type { SubmissionStatus } from '@/db/schema';
import { getSubmission, refusalText, saveSubmission as appendSubmission, submissionRow } from '@/db/submissions';
import { loadSystemVersion } from '@/db/systems';
import { publishedRoundMessage } from '@/db/round-lock';
import { formColumns } from '@/lib/interchange/form';
import { departmentToRow, rowsToCohort, tableColumns } from '@/lib/interchange/table';
import { can, type Viewer } from '@/lib/auth/roles';
import { departmentToJson, type Department, type Problem, type System } from '@/lib/scoring';
import { actorOf, handleOf, type Meta } from './context';

/**
 * A department's own submission through the web form: reading it (for the department itself or
 * the bureau's review), and saving or submitting it. Storage, versions and the optimistic check are
 * db/submissions'; this adds who may, the table form's validation, and the audit entry.
 */

export interface SubmissionForm {
  round: Round;
  system: System;
  department: { code: string; name: string; group: string };
  /** The current version: what a save must be based on (0: nothing stored yet). */
  version: number;
  status: SubmissionStatus | null;
  comment: string | null;
  /** Current values keyed by table column (identity columns left out). */
  values: Record<string, string>;
  versions: SubmissionVersion[];
  /** Why the department cannot change it now, or null when it can. */
  readOnly: string | null;
}

function editRefusal(round: Round, status: SubmissionStatus | null, version: number): string | null {
  if (round.status === 'published') return publishedRoundMessage(round);
  if (status === 'accepted') return `财政局已接受本单位的填报（第 ${version} 版）；如需修改，请联系财政局退回`;
  if (round.status === 'reviewing' && status !== 'returned') return `评价轮次 ${round.slug} 已结束填报、进入评审；只有被财政局退回的填报可以修改`;
  return null;
}

/** An enrolled department of a round, whether or not it has stored anything yet. */
async function memberOf(db: Db, slug: string, code: string) {
  const round = await selectRound(db, slug);
  if (!round) return null;
  const found = await selectMember(db, round.id, code);
  if (!found) return null;
  const { system } = await loadSystemVersion(db, round.systemVersionId);
  return { round, system, member: { code: found.code, name: found.name, group: found.group } };
}

/**
 * A department's submission in a round, for its own form or for the bureau's review: its current
 * version, or an empty form when it has stored nothing yet. Anyone else — another department, a
 * leader, someone not signed in — gets null, exactly as for a department not in the round.
 */
export async function loadSubmissionForm(viewer: Viewer | null, slug: string, code: string, db?: Db): Promise<SubmissionForm | null> {
  if (!can(viewer, 'submission:edit', { departmentCode: code }) && !can(viewer, 'submission:review')) return null;
  const handle = await handleOf(db);
  const found = await memberOf(handle, slug, code);
  if (!found) return null;
  const current = await getSubmission(slug, code, undefined, handle);
  const versions = await listSubmissionVersions(slug, code, handle);
  const values: Record<string, string> = {};
  if (current) {
    const { code: _c, name: _n, group: _g, ...row } = departmentToRow(current.department);
    // The form shows the department's own figures only.
    for (const c of formColumns(found.system)) if (row[c.key] !== undefined) values[c.key] = row[c.key]!;
  }
  const status = current?.status ?? null;
  return {
    round: found.round,
    system: found.system,
    department: found.member,
    version: current?.version ?? 0,
    status,
    comment: current?.comment ?? null,
    values,
    versions,
    readOnly: editRefusal(found.round, status, current?.version ?? 0),
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

/** The cells that differ between two versions, for the audit log: {before: {key: old}, after: {key: new}}. */
function cellChanges(before: Department | null, after: Department): { before: Record<string, string | null>; after: Record<string, string | null> } {
  const a = before ? departmentToRow(before) : {};
  const b = departmentToRow(after);
  const out = { before: {} as Record<string, string | null>, after: {} as Record<string, string | null> };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) {
      out.before[key] = a[key] ?? null;
      out.after[key] = b[key] ?? null;
    }
  }
  return out;
}

/**
 * The form's cells as the department they describe, through the table validation of an import.
 * Only the department's own columns: an evaluator's score sent with the form is ignored, never stored.
 * A submission carries the self-score of every leaf and of the total (自评得分); a draft may be partial.
 */
function departmentOfForm(system: System, round: Round, member: { code: string; name: string; group: string }, req: SaveRequest): { ok: true; department: Department } | { ok: false; problems: Problem[] } {
  const columns = tableColumns(system);
  const cells: Record<string, string> = { code: member.code, name: member.name, group: member.group };
  for (const c of formColumns(system)) cells[c.key] = (req.cells[c.key] ?? '').trim();
  const parsed = rowsToCohort({ columns: Object.fromEntries(columns.map((c) => [c.key, c.header])), rows: [{ row: 1, cells }] }, system, { name: round.name, year: round.year });
  const missingSelf = req.submit ? columns.filter((c) => c.kind === 'self' && cells[c.key] === '').map((c) => ({ department: member.code, field: c.key, header: c.header, message: `提交前请填写${c.header.replace(/（分）$/, '')}` })) : [];
  if (!parsed.ok || missingSelf.length) return { ok: false, problems: [...(parsed.ok ? [] : parsed.problems), ...missingSelf] };
  return { ok: true, department: parsed.cohort.departments[0]! };
}

/**
 * A department saves (draft) or submits its own submission. The values go through the table
 * validation of an import; the save is refused when the round is published or closed, the
 * submission accepted, or someone stored a newer version since the form was loaded. The change and
 * its audit entry are written in one transaction.
 */
export async function saveSubmission(viewer: Viewer | null, req: SaveRequest, meta: Meta = {}, db?: Db): Promise<SaveResult> {
  if (!viewer || !can(viewer, 'submission:edit', { departmentCode: req.code })) return DENIED;
  const handle = await handleOf(db);
  const found = await memberOf(handle, req.slug, req.code);
  if (!found) return DENIED;
  const { round, system, member } = found;
  // Whether it may change at all comes before what is in the form.
  const now = await getSubmission(req.slug, req.code, undefined, handle);
  const closed = editRefusal(round, now?.status ?? null, now?.version ?? 0);
  if (closed) return { ok: false, message: closed };
  const form = departmentOfForm(system, round, member, req);
  if (!form.ok) return form;
  const department = form.department;
  const status = req.submit ? ('submitted' as const) : ('draft' as const);

  return handle.transaction(async (tx) => {
    const base = req.baseVersion ? await getSubmission(req.slug, req.code, req.baseVersion, tx) : null;
    const refusal = !req.baseVersion || base?.isCurrent ? editRefusal(base?.round ?? round, base?.status ?? null, base?.version ?? 0) : null;
    if (refusal) return { ok: false as const, message: refusal };
    const r = await appendSubmission(
      { roundSlug: req.slug, code: req.code, baseVersion: req.baseVersion || null, actor: viewer.username, department: departmentToJson(department), status },
      tx,
    );
    if (!r.ok) return { ok: false as const, message: refusalText(r) };
    const added = await submissionRow(tx, round.id, req.code, r.version);
    const changes = cellChanges(base?.department ?? null, department);
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: req.submit ? 'submission.submit' : 'submission.save',
      round,
      department: { id: added.departmentId, code: req.code },
      submissionId: added.id,
      before: { version: req.baseVersion, status: base?.status ?? null, values: changes.before },
      after: { version: r.version, status, values: changes.after },
    });
    return { ok: true as const, version: r.version, status };
  });
}
