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

/**
 * 填报中 → 评审中 → 已发布. Departments fill in while collecting; in review only a returned
 * submission can be changed by its department; a published round changes nothing (its pages read
 * the publication's snapshot) until the bureau withdraws the publication, with a reason.
 */
export const ROUND_STATUSES = ['collecting', 'reviewing', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const PANEL_RULES = ['mean', 'trimmed-mean'] as const;

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
    status: text('status').$type<RoundStatus>().notNull().default('collecting'),
    /** Whether department accounts see the whole ranking list or only their own rank (issue 5). */
    showRankingToDepartments: boolean('show_ranking_to_departments').notNull().default(false),
    /** When submissions are due; shown on the round's pages. */
    deadline: timestamp('deadline', { withTimezone: true }),
    /** How a panel's scores combine (spec §7). */
    panelRule: text('panel_rule').$type<(typeof PANEL_RULES)[number]>().notNull().default('mean'),
    /** Reviewers' scores further apart than this are flagged for discussion; null: never flagged. */
    spreadThreshold: numeric('spread_threshold', { precision: 7, scale: 2 }),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('rounds_status', sql`${t.status} in ('collecting', 'reviewing', 'published')`),
    check('rounds_policy', sql`${t.policy} in ('cohort-in-band', 'cohort-all', 'thresholds')`),
    check('rounds_panel_rule', sql`${t.panelRule} in ('mean', 'trimmed-mean')`),
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
 * The engine's output for a round at one moment, with everything it read: the submission versions,
 * the system version, the policy and (for publications) the evaluations and the engine version.
 * A publication's snapshot holds scoresToJson(…, {explain: true}); the pages of a published round
 * read it instead of scoring. Older rows (before publications) hold scores without explanations.
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
    /** ENGINE_VERSION and the app's package version that computed `scores`. */
    engineVersion: text('engine_version'),
    appVersion: text('app_version'),
    panelRule: text('panel_rule'),
    /** department code → leaf → every current evaluation {by, score, comment}. */
    evaluations: jsonb('evaluations').$type<Record<string, Record<string, { by: string; score: string; comment: string | null; id: number }[]>>>(),
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

// Accounts, sessions, review adjustments and the audit log live in their own file (issue 5);
// evaluations, reviewers and publications in theirs (issue 9).
export * from './schema-auth';
export * from './schema-cycle';
// Code links across years and the bureau's settings (issue 12).
export * from './schema-reports';
