// The alert store: one row per alert, its append-only history (findings and workflow steps), supervision
// orders, the files steps cite, deadline configuration versions and the notification outbox.
import { sql, type SQL } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A level as a number, most severe highest (red 3 … blue 0). The one spelling of it: the `level` sort's
 * indexes, its ORDER BY and its cursor condition must use the same expression for the indexes to serve them.
 */
export const levelRank = (level: AnyPgColumn | SQL) => sql`(CASE ${level} WHEN 'red' THEN 3 WHEN 'orange' THEN 2 WHEN 'yellow' THEN 1 ELSE 0 END)`;

/** a deadline as a sort key: alerts without one sort after every deadline */
export const dueKey = (dueAt: AnyPgColumn | SQL) => sql`coalesce(${dueAt}, 'infinity'::timestamptz)`;

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
    /** verify's finding in force: substantiated / unsubstantiated (cleared when a review sends verify back) */
    finding: text('finding'),
    /** a rectification was recorded since the alert entered rectifying; submit needs it */
    rectified: boolean('rectified').notNull().default(false),
    /** when the current step began; its deadline counts from here */
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true, mode: 'string' }),
    /** deadlines missed so far; the alert is on the board of the unit this many levels up */
    missCount: integer('miss_count').notNull().default(0),
    /** the dueAt whose miss was last recorded, so a sweep records each miss once */
    missedDueAt: timestamp('missed_due_at', { withTimezone: true, mode: 'string' }),
    /** the unit whose board the alert was escalated to by missed deadlines */
    escalatedTo: text('escalated_to'),
    /** the open supervision order, whose deadline is the alert's while it runs */
    orderId: uuid('order_id'),
    /** closed as a duplicate of this alert */
    mergedInto: uuid('merged_into'),
  },
  (t) => [
    // one open alert per (rule, subject): a repeat finding adds to it
    uniqueIndex('alerts_open_subject_uq').on(t.rule, t.subjectKind, t.subjectId).where(sql`status <> 'closed'`),
    index('alerts_created_idx').on(t.createdAt, t.id),
    index('alerts_unit_created_idx').on(t.unitCode, t.createdAt),
    index('alerts_rule_created_idx').on(t.rule, t.createdAt),
    index('alerts_subject_idx').on(t.subjectKind, t.subjectId),
    index('alerts_open_due_idx').on(t.dueAt).where(sql`status <> 'closed'`),
    // the other half of `overdue=true`: alerts closed after their deadline (few; read by index, not by scan)
    index('alerts_closed_late_idx').on(t.closedAt).where(sql`status = 'closed' and closed_at > due_at`),
    index('alerts_escalated_idx').on(t.escalatedTo),
    // GET /alerts?sort=…: each sort reads its first page, and every page after a cursor, as a range of an
    // index in the sort's order. Ties break by created_at desc, id desc, so an ascending key needs an index
    // with those columns descending (NULLS FIRST, as ORDER BY … DESC means); a descending key reads the
    // all-ascending index backwards — for rule and unit, the (rule|unit_code, created_at) indexes above.
    index('alerts_level_created_idx').on(levelRank(t.level), t.createdAt, t.id),
    index('alerts_level_asc_created_idx').on(levelRank(t.level), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // equal deadlines are few (one detection batch), so one index serves both directions
    index('alerts_due_created_idx').on(dueKey(t.dueAt), t.createdAt, t.id),
    // These two also carry every column a board filters and sorts on: a unit's or a rule's alerts in any
    // order are picked from the index alone, and only the page's rows are read (see SORT_AFTER_FILTER_MAX)
    index('alerts_rule_asc_created_idx').on(t.rule, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst(), t.unitCode, t.level, t.status, t.dueAt),
    index('alerts_unit_asc_created_idx').on(t.unitCode, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst(), t.rule, t.level, t.status, t.dueAt),
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

/** 督办: an upper unit's order that the responsible unit finish its part of an alert by a deadline */
export const supervisionOrders = pgTable(
  'supervision_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id').notNull(),
    /** the issuing unit */
    unitCode: text('unit_code').notNull(),
    /** the unit ordered to act (the alert's responsible unit when issued) */
    targetUnitCode: text('target_unit_code').notNull(),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }).notNull(),
    note: text('note').notNull(),
    /** open, fulfilled, missed, superseded, closed */
    status: text('status').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('supervision_orders_alert_idx').on(t.alertId), index('supervision_orders_unit_idx').on(t.unitCode, t.issuedAt)],
);

/** which alerts cite which stored file: a file is served to whoever may see one of them */
export const alertAttachments = pgTable(
  'alert_attachments',
  {
    sha256: text('sha256').notNull(),
    alertId: uuid('alert_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.alertId] })],
);

/** deadlines per step and level (and per rule), in hours: every change a new version */
export const alertDeadlines = pgTable('alert_deadlines', {
  version: integer('version').primaryKey(),
  config: jsonb('config').notNull(),
  changedBy: text('changed_by').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
});

/**
 * The notification outbox, written in the transaction of the change it reports: new red/orange alerts,
 * supervision orders, missed deadlines, and notices that nobody in a unit could receive one. Pushed to
 * the addressee unit's subtree and summed up in the daily digest.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    /** the addressee: seen by users of this unit and the units above it */
    unitCode: text('unit_code').notNull(),
    /** alert.new, supervision, overdue, escalated, unreachable */
    kind: text('kind').notNull(),
    alertId: uuid('alert_id'),
    level: text('level'),
    title: text('title').notNull(),
    detail: jsonb('detail').notNull(),
  },
  (t) => [index('notifications_at_idx').on(t.at), index('notifications_unit_idx').on(t.unitCode, t.id)],
);

/**
 * Alerts counted by unit, rule, level and status, kept by a trigger on `alerts` (migration
 * 0011_alert_counts) in the same transaction as every change: a board's total over a million alerts is a
 * sum over a few thousand rows instead of a count of the alerts themselves.
 */
export const alertCounts = pgTable(
  'alert_counts',
  {
    unitCode: text('unit_code').notNull(),
    rule: text('rule').notNull(),
    level: text('level').notNull(),
    status: text('status').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    /** of them, closed after their deadline (the closed half of `overdue=true`; 0015_alert_counts_late) */
    late: bigint('late', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.rule, t.level, t.status] })],
);
