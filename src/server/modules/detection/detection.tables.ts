// Versioned rule parameters: every change is a new version (who, when, why); earlier versions stay.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const ruleParams = pgTable(
  'rule_params',
  {
    rule: text('rule').notNull(),
    version: integer('version').notNull(),
    params: jsonb('params').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.version] }), index('rule_params_changed_idx').on(t.changedAt)],
);
