import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditFilterChoices, listAudit, type AuditAction, type AuditFilter, type AuditRow } from '@/db/audit';
import type { Db } from '@/db/client';
import { can, type Viewer } from '@/lib/auth/roles';

/** The audit log, for whoever may read it (the bureau): a filtered page of it and the filter's choices. */

export { AUDIT_ACTIONS, AUDIT_PAGE_SIZE };
export type { AuditAction, AuditFilter, AuditRow };

/** A page of the log with its filter's choices, or null for a viewer who may not read it. */
export async function readAudit(viewer: Viewer | null, filter: AuditFilter, db?: Db) {
  if (!can(viewer, 'audit:view')) return null;
  const [{ rows, total }, choices] = await Promise.all([listAudit(filter, db), auditFilterChoices(db)]);
  return { rows, total, choices };
}
