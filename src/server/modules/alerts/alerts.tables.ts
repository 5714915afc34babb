// The alert store: one row per alert, and its append-only history (findings now; workflow steps later).
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    level: text('level').notNull(),
    /** who set the level: the rule's evaluation, or a person (relevel) — a rule never overrides a person */
    levelSource: text('level_source').notNull().default('rule'),
    status: text('status').notNull().default('new'),
    unitCode: text('unit_code').notNull(),
    title: text('title').notNull(),
    figures: jsonb('figures').notNull(),
    eventIds: text('event_ids').array().notNull(),
    /** version of the rule's parameters the latest finding was computed with */
    paramVersion: integer('param_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    // one open alert per (rule, subject): a repeat finding adds to it
    uniqueIndex('alerts_open_subject_uq').on(t.rule, t.subjectKind, t.subjectId).where(sql`status <> 'closed'`),
    index('alerts_created_idx').on(t.createdAt, t.id),
    index('alerts_unit_created_idx').on(t.unitCode, t.createdAt),
    index('alerts_rule_created_idx').on(t.rule, t.createdAt),
    index('alerts_subject_idx').on(t.subjectKind, t.subjectId),
  ],
);

export const alertHistory = pgTable(
  'alert_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    /** finding (a rule found it, again) — the workflow adds its own kinds */
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    unitCode: text('unit_code'),
    level: text('level'),
    text: text('text'),
    detail: jsonb('detail').notNull(),
  },
  (t) => [index('alert_history_alert_idx').on(t.alertId, t.id)],
);
