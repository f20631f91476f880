import { sql } from 'drizzle-orm';
import { check, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments } from './schema';

/** Reports (issue 12): links between a unit's codes across years, and the bureau's settings. */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A renamed or re-coded unit: `department_id` is the unit as it is known now, `earlier_id` the
 * code it had before, so year-on-year figures follow it. Removing a link stamps `removed_*`; the
 * row stays. A code has at most one standing successor.
 */
export const departmentLinks = pgTable(
  'department_links',
  {
    id: serial('id').primaryKey(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    earlierId: integer('earlier_id')
      .notNull()
      .references(() => departments.id),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: text('removed_by'),
    removeReason: text('remove_reason'),
  },
  (t) => [
    uniqueIndex('department_links_one_successor')
      .on(t.earlierId)
      .where(sql`${t.removedAt} is null`),
    check('department_links_not_self', sql`${t.departmentId} <> ${t.earlierId}`),
  ],
);

/** The bureau's settings, one row per key (e.g. `bureau_name`, printed at the head of reports). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
