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

/**
 * The case projection the alcohol rules read: every alcohol.* event of a case, including the sample
 * events linked through the blood draw's sampleNo. Written in the ingest transaction.
 */
export const caseEvents = pgTable(
  'detection_case_events',
  {
    caseNo: text('case_no').notNull(),
    eventId: text('event_id').notNull(),
    /** the event as rules see it (RuleEvent) */
    event: jsonb('event').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseNo, t.eventId] })],
);

/** sample → case, from alcohol.blood_drawn */
export const caseSamples = pgTable('detection_case_samples', {
  sampleNo: text('sample_no').primaryKey(),
  caseNo: text('case_no').notNull(),
});

/** sample events that arrived before the blood draw naming their sample: adopted when it arrives */
export const pendingSampleEvents = pgTable(
  'detection_pending_sample_events',
  {
    sampleNo: text('sample_no').notNull(),
    eventId: text('event_id').notNull(),
    event: jsonb('event').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleNo, t.eventId] })],
);

/**
 * The keyed projection the other rule families read: each event under the keys its rules look it up by
 * (`vin`, `agent`, `licence`, `violation`, `plate`, `record`, `user`, `device`, `pass`, `person`,
 * `roomperson`, `sample`), with the event as rules see it. Written in the ingest transaction; the events
 * table itself keeps only its time index, so every other access path lives here. Migration 0016 makes it
 * list-partitioned by kind (drizzle-kit does not model partitioning; the columns and keys are as below).
 */
export const keyedEvents = pgTable(
  'detection_keyed_events',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    event: jsonb('event').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key, t.eventId] }), index('detection_keyed_events_kind_at_idx').on(t.kind, t.at)],
);

/**
 * Checkpoint passes, narrow: the largest share of a province's events, read only by plate and time
 * (CKPT_CLONED_PLATE), so they are kept without their JSON.
 */
export const passes = pgTable(
  'detection_passes',
  {
    plate: text('plate').notNull(),
    plateColor: text('plate_color').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    eventId: text('event_id').notNull(),
    checkpointId: text('checkpoint_id').notNull(),
    unitCode: text('unit_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.plate, t.plateColor, t.at, t.eventId] })],
);

/**
 * When a time-dependent rule must look at a key again: a deadline ("stored within 24 h", "back online
 * within 15 minutes") that will pass without any event to say so. Written on arrival, taken by the minute
 * tick once due; the nightly run scans everything recent as well, so nothing depends on a wake-up alone.
 */
export const wakeups = pgTable(
  'detection_wakeups',
  {
    rule: text('rule').notNull(),
    key: text('key').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.key, t.dueAt] }), index('detection_wakeups_due_idx').on(t.dueAt)],
);
