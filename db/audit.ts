import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from './client';
import { auditLog } from './schema-auth';

/** Every kind of change the audit log records. */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.password',
  'user.disable',
  'user.enable',
  'round.import',
  'round.lock',
  'round.unlock',
  'round.settings',
  'submission.save',
  'submission.submit',
  'review.accept',
  'review.return',
  'review.adjust',
  // The evaluation cycle (issue 9). round.lock / round.unlock stay for the entries written before it.
  'round.create',
  'round.status',
  'round.publish',
  'round.unpublish',
  'round.groups',
  'round.enrol',
  'round.group_move',
  'round.reviewers',
  'evaluation.score',
  // Sign-in: a successful login, a wrong password (login or the current-password check of a
  // password change), and a check refused by the throttle (lib/auth/rate-limit).
  'auth.login',
  'auth.login_failed',
  'auth.throttled',
  // Reports (issue 12): code links across years, the bureau's report settings.
  'department.link',
  'department.unlink',
  'settings.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who made a change: a signed-in user, or a command-line / system actor with id null. */
export interface Actor {
  id: number | null;
  name: string;
  address?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  round?: { id: number; slug: string } | null;
  department?: { id: number; code: string } | null;
  submissionId?: number | null;
  targetUser?: { id: number; username: string } | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry; always called with the transaction of the change it records. */
export async function writeAudit(tx: Tx | Db, actor: Actor, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actor: actor.name,
    address: actor.address ?? null,
    action: e.action,
    roundId: e.round?.id ?? null,
    roundSlug: e.round?.slug ?? null,
    departmentId: e.department?.id ?? null,
    departmentCode: e.department?.code ?? null,
    submissionId: e.submissionId ?? null,
    targetUserId: e.targetUser?.id ?? null,
    targetUsername: e.targetUser?.username ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  round?: string;
  department?: string;
  /** Inclusive start and exclusive end. */
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

export interface AuditRow {
  id: number;
  createdAt: Date;
  actor: string;
  action: string;
  roundSlug: string | null;
  departmentCode: string | null;
  submissionId: number | null;
  targetUsername: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** A page of the log, newest first, with the total matching the filter. */
export async function listAudit(filter: AuditFilter, db?: Db): Promise<{ rows: AuditRow[]; total: number }> {
  const handle = db ?? (await getDb());
  const where: SQL[] = [];
  if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.round) where.push(eq(auditLog.roundSlug, filter.round));
  if (filter.department) where.push(eq(auditLog.departmentCode, filter.department));
  if (filter.from) where.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) where.push(lt(auditLog.createdAt, filter.to));
  const cond = where.length ? and(...where) : undefined;
  const size = Math.min(Math.max(filter.pageSize ?? AUDIT_PAGE_SIZE, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  const [rows, [total]] = await Promise.all([
    handle
      .select({
        id: auditLog.id,
        createdAt: auditLog.createdAt,
        actor: auditLog.actor,
        action: auditLog.action,
        roundSlug: auditLog.roundSlug,
        departmentCode: auditLog.departmentCode,
        submissionId: auditLog.submissionId,
        targetUsername: auditLog.targetUsername,
        before: auditLog.before,
        after: auditLog.after,
        address: auditLog.address,
      })
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(size)
      .offset((page - 1) * size),
    handle.select({ n: count() }).from(auditLog).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The values the filter drop-downs offer: every actor, round and department the log mentions. */
export async function auditFilterChoices(db?: Db): Promise<{ actors: string[]; rounds: string[]; departments: string[] }> {
  const handle = db ?? (await getDb());
  const distinct = async (col: typeof auditLog.actor | typeof auditLog.roundSlug | typeof auditLog.departmentCode) =>
    (await handle.selectDistinct({ v: col }).from(auditLog).where(sql`${col} is not null`).orderBy(asc(col))).map((r) => r.v as string);
  const [actors, rounds, departments] = await Promise.all([distinct(auditLog.actor), distinct(auditLog.roundSlug), distinct(auditLog.departmentCode)]);
  return { actors, rounds, departments };
}
