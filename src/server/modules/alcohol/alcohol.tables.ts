// The alcohol-case module's tables. The custody chain (steps + chain heads) is the record of what was
// received about each case; cases and samples are projections recomputed from the steps; the rest are
// registers kept from events (room access, lab status changes, device status) and the re-test draws.
import { bigint, boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** one leaf of a case's custody chain: a step as received, in the order received */
export const caseSteps = pgTable(
  'alcohol_case_steps',
  {
    caseNo: text('case_no').notNull(),
    /** 0-based, gap-free per case: the leaf index in the case's RFC 6962 tree */
    leafIndex: integer('leaf_index').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** occurredAt exactly as sent (hashed as such) */
    occurredAt: text('occurred_at').notNull(),
    at: ts('at').notNull(),
    unitCode: text('unit_code').notNull(),
    actor: text('actor'),
    location: jsonb('location'),
    data: jsonb('data').notNull(),
    /** SHA-256(0x00 ‖ canonical JSON of the step), as computed when the step was received */
    leafHash: bytea('leaf_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseNo, t.leafIndex] }), uniqueIndex('alcohol_case_steps_event_uq').on(t.caseNo, t.eventId)],
);

/** the head of a case's custody chain: its size and root, and the audit entry that recorded them */
export const caseChains = pgTable('alcohol_case_chains', {
  caseNo: text('case_no').primaryKey(),
  size: integer('size').notNull(),
  root: bytea('root').notNull(),
  auditSeq: bigint('audit_seq', { mode: 'number' }),
  updatedAt: ts('updated_at').notNull(),
});

/** the case as the lists and statistics read it, recomputed from its steps whenever a step arrives */
export const cases = pgTable(
  'alcohol_cases',
  {
    caseNo: text('case_no').primaryKey(),
    unitCode: text('unit_code').notNull(),
    /** the opening step's time, or the earliest step's when the opening has not arrived */
    openedAt: ts('opened_at').notNull(),
    hasOpening: boolean('has_opening').notNull(),
    closedAt: ts('closed_at'),
    finding: text('finding'),
    driverName: text('driver_name'),
    driverIdNo: text('driver_id_no'),
    plate: text('plate'),
    tags: text('tags').array().notNull(),
    breathValue: doublePrecision('breath_value'),
    breathAt: ts('breath_at'),
    refused: boolean('refused').notNull(),
    drawnAt: ts('drawn_at'),
    sentAt: ts('sent_at'),
    labId: text('lab_id'),
    bloodValue: doublePrecision('blood_value'),
    reportAt: ts('report_at'),
    /** blood / breath, when both are known and breath > 0 */
    ratio: doublePrecision('ratio'),
    /** every lab report: [{labId, sampleNo, value, at}] (a re-test adds one) */
    reports: jsonb('reports').notNull(),
    stepCount: integer('step_count').notNull(),
  },
  (t) => [
    index('alcohol_cases_unit_opened_idx').on(t.unitCode, t.openedAt),
    index('alcohol_cases_opened_idx').on(t.openedAt, t.caseNo),
    index('alcohol_cases_lab_idx').on(t.labId),
    index('alcohol_cases_plate_idx').on(t.plate),
  ],
);

/** sample → case (the first draw naming a sample owns it), with where the sample is now */
export const samples = pgTable(
  'alcohol_samples',
  {
    sampleNo: text('sample_no').primaryKey(),
    caseNo: text('case_no').notNull(),
    unitCode: text('unit_code').notNull(),
    /** A, B, … in draw order within the case */
    label: text('label').notNull(),
    drawnAt: ts('drawn_at'),
    /** drawn · stored · retrieved · sent · reported */
    status: text('status').notNull(),
    roomId: text('room_id'),
    labId: text('lab_id'),
    statusAt: ts('status_at'),
    storedAt: ts('stored_at'),
    sentAt: ts('sent_at'),
  },
  (t) => [index('alcohol_samples_room_idx').on(t.roomId, t.status), index('alcohol_samples_case_idx').on(t.caseNo)],
);

/** sample events that arrived before the draw naming their sample: they join the case when it arrives */
export const pendingSampleEvents = pgTable(
  'alcohol_pending_sample_events',
  {
    sampleNo: text('sample_no').notNull(),
    eventId: text('event_id').notNull(),
    /** the envelope as received */
    event: jsonb('event').notNull(),
    receivedSeq: bigint('received_seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleNo, t.eventId] })],
);

/** the evidence-room register: every entry and exit */
export const roomAccess = pgTable(
  'alcohol_room_access',
  {
    eventId: text('event_id').primaryKey(),
    roomId: text('room_id').notNull(),
    at: ts('at').notNull(),
    action: text('action').notNull(),
    personNo: text('person_no'),
    unitCode: text('unit_code').notNull(),
  },
  (t) => [index('alcohol_room_access_room_idx').on(t.roomId, t.at)],
);

/** every ref.lab report: the lab's filing status over time, with who reported it and why */
export const labStatusEvents = pgTable(
  'alcohol_lab_status_events',
  {
    eventId: text('event_id').primaryKey(),
    labId: text('lab_id').notNull(),
    at: ts('at').notNull(),
    status: text('status').notNull(),
    name: text('name').notNull(),
    internal: boolean('internal').notNull(),
    reason: text('reason'),
    actor: text('actor'),
    unitCode: text('unit_code').notNull(),
  },
  (t) => [index('alcohol_lab_status_lab_idx').on(t.labId, t.at)],
);

/**
 * devices as the room pages need them: the site (ref.device; for a camera in an evidence room the siteId
 * is the roomId) and the latest device.status, each where the latest occurredAt wins
 */
export const devices = pgTable(
  'alcohol_devices',
  {
    deviceId: text('device_id').primaryKey(),
    kind: text('kind'),
    siteId: text('site_id'),
    siteAsOf: ts('site_as_of'),
    status: text('status'),
    statusAt: ts('status_at'),
    statusEventId: text('status_event_id'),
  },
  (t) => [index('alcohol_devices_site_idx').on(t.siteId)],
);

/** a re-test draw: high-risk cases drawn for re-testing by an internal lab, repeatable from its seed */
export const retestDraws = pgTable(
  'alcohol_retest_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drawnAt: ts('drawn_at').notNull(),
    drawnBy: text('drawn_by').notNull(),
    unitCode: text('unit_code').notNull(),
    periodFrom: ts('period_from').notNull(),
    periodTo: ts('period_to').notNull(),
    levels: text('levels').array().notNull(),
    labId: text('lab_id').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    requested: integer('requested').notNull(),
    /** the case numbers drawn from, sorted ascending */
    population: text('population').array().notNull(),
    populationSha256: text('population_sha256').notNull(),
    selected: text('selected').array().notNull(),
    algorithm: text('algorithm').notNull(),
    note: text('note'),
    auditSeq: bigint('audit_seq', { mode: 'number' }),
  },
  (t) => [index('alcohol_retest_draws_at_idx').on(t.drawnAt)],
);
