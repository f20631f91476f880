import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, rounds, submissions } from './schema';

/** Accounts, sessions, login throttling, review adjustments and the audit log (issue 5). */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const USER_ROLES = ['admin', 'leader', 'department', 'reviewer'] as const;

/** A person who signs in. A department account belongs to exactly one department. */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Lower case; see lib/auth/credentials. */
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<(typeof USER_ROLES)[number]>().notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    /** A disabled account cannot sign in and its sessions are gone; the row stays for the audit log. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username').on(t.username),
    check('users_role', sql`${t.role} in ('admin', 'leader', 'department', 'reviewer')`),
    check('users_department', sql`(${t.role} = 'department') = (${t.departmentId} is not null)`),
  ],
);

/**
 * A signed-in browser. Only the SHA-256 of the cookie's token is kept, so the table cannot be
 * replayed. Rows live in the database so several app servers share them.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    address: text('address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Every login attempt, for throttling per username and per address. An attempt is written as a
 * failure before the password is checked and turned into a success afterwards, so parallel guesses
 * are all counted.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    succeeded: boolean('succeeded').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('login_attempts_username').on(t.username, t.createdAt), index('login_attempts_address').on(t.address, t.createdAt)],
);

/**
 * A judgement score the bureau changed in review. The change itself is a new submission version
 * (`submissionId`); this row says which indicator, from what, to what and why.
 */
export const reviewAdjustments = pgTable(
  'review_adjustments',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    indicator: text('indicator').notNull(),
    /** Scores as written in the submission (decimal strings); null where the department gave none. */
    before: text('before'),
    after: text('after').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('review_adjustments_submission').on(t.submissionId)],
);

/**
 * Who changed what, when, with the values before and after. Written in the same transaction as the
 * change it describes; never updated. Names are copied in so an entry stays readable after the
 * user, round or department it mentions is gone.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    createdAt: createdAt(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The username, or a command-line / system actor such as "cli:root" or "demo". */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    roundId: integer('round_id').references(() => rounds.id, { onDelete: 'set null' }),
    roundSlug: text('round_slug'),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
    departmentCode: text('department_code'),
    submissionId: integer('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
    targetUserId: integer('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    targetUsername: text('target_username'),
    before: jsonb('before'),
    after: jsonb('after'),
    address: text('address'),
  },
  (t) => [
    index('audit_log_created').on(t.createdAt),
    index('audit_log_action').on(t.action, t.createdAt),
    index('audit_log_round').on(t.roundId, t.createdAt),
    index('audit_log_department').on(t.departmentId, t.createdAt),
    index('audit_log_actor').on(t.actor, t.createdAt),
  ],
);
