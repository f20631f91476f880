import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, importBatches, rounds, scoreSnapshots } from './schema';
import { users } from './schema-auth';

/** The evaluation cycle (issue 9): evaluations of judgement leaves, reviewers, publications. */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The evaluation of a judgement leaf (评价人评分), apart from the department's own self-score: by
 * the bureau (`reviewer_id` null: its import or its review page) or by an assigned reviewer. A new
 * score adds a row and moves `is_current`; earlier rows are kept.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    indicator: text('indicator').notNull(),
    /** null: the bureau. */
    reviewerId: integer('reviewer_id').references(() => users.id),
    score: numeric('score', { precision: 7, scale: 2 }).notNull(),
    comment: text('comment'),
    isCurrent: boolean('is_current').notNull(),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluations_one_current')
      .on(t.roundId, t.departmentId, t.indicator, sql`coalesce(${t.reviewerId}, 0)`)
      .where(sql`${t.isCurrent}`),
    index('evaluations_round').on(t.roundId, t.departmentId),
  ],
);

/** Which reviewer (评审专家) evaluates which department in which round. */
export const roundReviewers = pgTable(
  'round_reviewers',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.reviewerId, t.departmentId] }), index('round_reviewers_department').on(t.roundId, t.departmentId)],
);

/**
 * Each time a round was published: its frozen snapshot, who and when, and — once withdrawn — who,
 * when and why. Numbered per round; a republication is a new row with a new snapshot.
 */
export const publications = pgTable(
  'publications',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => scoreSnapshots.id),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [uniqueIndex('publications_round_number').on(t.roundId, t.number), uniqueIndex('publications_snapshot').on(t.snapshotId)],
);
