import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditFilterChoices, listAudit, type AuditAction, type AuditFilter, type AuditRow } from '@/db/audit';
import { getDb, type Db } from '@/db/client';
import { BUREAU } from '@/db/evaluation-data';
import { listRounds } from '@/db/queries';
import { loadSystemVersion } from '@/db/systems';
import { listDepartmentChoices } from '@/db/users';
import { can, type Viewer } from '@/lib/auth/roles';
import type { AuditContext } from '@/app/lib/views/audit';

/** The audit log, for whoever may read it (the bureau): a filtered page of it and the filter's choices. */

export { AUDIT_ACTIONS, AUDIT_PAGE_SIZE };
export type { AuditAction, AuditFilter, AuditRow };

/**
 * A page of the log with its filter's choices and what a clerk reads beside the codes — units' and
 * rounds' names, each round's indicator system (whose field names label the values) — or null for a
 * viewer who may not read it.
 */
export async function readAudit(viewer: Viewer | null, filter: AuditFilter, db?: Db) {
  if (!can(viewer, 'audit:view')) return null;
  const handle = db ?? (await getDb());
  const [{ rows, total }, choices, rounds, units] = await Promise.all([listAudit(filter, handle), auditFilterChoices(handle), listRounds(handle), listDepartmentChoices(handle)]);
  const systems = await Promise.all(rounds.map((r) => loadSystemVersion(handle, r.systemVersionId).then((v) => v.system)));
  const context: AuditContext = {
    units: new Map(units.map((u) => [u.code, u.name])),
    rounds: new Map(rounds.map((r, i) => [r.slug, { name: r.name, system: systems[i] ?? null }])),
    bureau: BUREAU,
  };
  return { rows, total, choices, context };
}
