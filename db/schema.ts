import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * system@1 documents. Rows are never updated: a changed document becomes the next version of the
 * same `system_id`, so every round keeps scoring with the exact rules it was published under.
 */
export const indicatorSystems = pgTable(
  'indicator_systems',
  {
    id: serial('id').primaryKey(),
    systemId: text('system_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    document: jsonb('document').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicator_systems_system_version').on(t.systemId, t.version)],
);

export const ROUND_STATUSES = ['open', 'locked'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** An evaluation round (评价轮次), e.g. slug "2021". It pins one system version and a policy. */
export const rounds = pgTable(
  'rounds',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    systemVersionId: integer('system_version_id')
      .notNull()
      .references(() => indicatorSystems.id),
    policy: text('policy').notNull(),
    status: text('status').$type<RoundStatus>().notNull().default('open'),
    /** Whether department accounts see the whole ranking list or only their own rank (issue 5). */
    showRankingToDepartments: boolean('show_ranking_to_departments').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('rounds_status', sql`${t.status} in ('open', 'locked')`),
    check('rounds_policy', sql`${t.policy} in ('cohort-in-band', 'cohort-all', 'thresholds')`),
  ],
);

/** The master list of departments and townships, kept across years. `code` is the spec's department code. */
export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Groups (分组) are per round: a round ranks each group separately. */
export const groups = pgTable(
  'groups',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('groups_round_name').on(t.roundId, t.name)],
);

/** Which departments take part in a round, and in which group. */
export const roundDepartments = pgTable(
  'round_departments',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.departmentId] })],
);

/** One uploaded file or web import: who, when, what, how many. */
export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  roundId: integer('round_id')
    .notNull()
    .references(() => rounds.id, { onDelete: 'cascade' }),
  fileName: text('file_name'),
  format: text('format').notNull(),
  departmentCount: integer('department_count').notNull(),
  newDepartmentCount: integer('new_department_count').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * Every version of a department's submission for a round. A change inserts a new version and moves
 * `is_current`; earlier versions are never updated or deleted. `data` is the department's cohort@1 JSON.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    version: integer('version').notNull(),
    isCurrent: boolean('is_current').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    comment: text('comment'),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('submissions_round_department_version').on(t.roundId, t.departmentId, t.version),
    uniqueIndex('submissions_one_current')
      .on(t.roundId, t.departmentId)
      .where(sql`${t.isCurrent}`),
    check('submissions_status', sql`${t.status} in ('draft', 'submitted', 'returned', 'accepted')`),
    check('submissions_version', sql`${t.version} >= 1`),
  ],
);

/**
 * The engine's output for a round at one moment, with the submission versions it read, so a
 * published ranking can be reproduced. `scores` is scoresToJson(…, {explain: true}).
 */
export const scoreSnapshots = pgTable(
  'score_snapshots',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    systemVersionId: integer('system_version_id')
      .notNull()
      .references(() => indicatorSystems.id),
    policy: text('policy').notNull(),
    /** Why it was taken: an import, a lock, a review decision… */
    reason: text('reason').notNull(),
    /** department code → {id, version} of the submission scored. */
    submissionVersions: jsonb('submission_versions').$type<Record<string, { id: number; version: number }>>().notNull(),
    scores: jsonb('scores').$type<Record<string, unknown>>().notNull(),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('score_snapshots_round').on(t.roundId, t.id)],
);

/** Each department's total and rank in a snapshot, so history views need not open the scores JSON. */
export const snapshotResults = pgTable(
  'snapshot_results',
  {
    snapshotId: integer('snapshot_id').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    groupName: text('group_name').notNull(),
    total: numeric('total', { precision: 7, scale: 2 }).notNull(),
    rank: integer('rank').notNull(),
    tied: boolean('tied').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.departmentId] }),
    foreignKey({ columns: [t.snapshotId], foreignColumns: [scoreSnapshots.id] }).onDelete('cascade'),
    index('snapshot_results_department').on(t.departmentId),
  ],
);

// Accounts, sessions, review adjustments and the audit log live in their own file (issue 5).
export * from './schema-auth';
