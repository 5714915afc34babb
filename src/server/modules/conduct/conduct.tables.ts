// Conduct deductions 扣分: points taken from a person by an accountability decision, each linked to its source.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const conductDeductions = pgTable(
  'conduct_deductions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the person's police number 警号 */
    personNo: text('person_no').notNull(),
    points: integer('points').notNull(),
    /** the unit that decided it */
    unitCode: text('unit_code').notNull(),
    /** the alert whose rectification decided it */
    alertId: uuid('alert_id'),
    reason: text('reason').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('conduct_deductions_person_idx').on(t.personNo, t.decidedAt), index('conduct_deductions_alert_idx').on(t.alertId)],
);
