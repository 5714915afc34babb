// Reference data reported through ref.* events (units live in platform/access). Each row remembers the
// occurredAt that set it (`as_of`): an update that is older than what is stored changes nothing.
import { boolean, date, doublePrecision, integer, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';

const asOf = () => timestamp('as_of', { withTimezone: true, mode: 'string' }).notNull();
const eventId = () => text('event_id').notNull();

export const persons = pgTable(
  'persons',
  {
    personNo: text('person_no').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    unitCode: text('unit_code').notNull(),
    roles: text('roles').array().notNull(),
    confidentialitySigned: boolean('confidentiality_signed').notNull(),
    asOf: asOf(),
    eventId: eventId(),
  },
  (t) => [index('persons_unit_idx').on(t.unitCode)],
);

export const labs = pgTable('labs', {
  labId: text('lab_id').primaryKey(),
  name: text('name').notNull(),
  status: text('status').notNull(),
  internal: boolean('internal').notNull(),
  asOf: asOf(),
  eventId: eventId(),
});

export const devices = pgTable('devices', {
  deviceId: text('device_id').primaryKey(),
  kind: text('kind').notNull(),
  siteId: text('site_id').notNull(),
  unitCode: text('unit_code').notNull(),
  calibratedUntil: date('calibrated_until', { mode: 'string' }),
  asOf: asOf(),
  eventId: eventId(),
});

export const evidenceRooms = pgTable('evidence_rooms', {
  roomId: text('room_id').primaryKey(),
  unitCode: text('unit_code').notNull(),
  openHours: text('open_hours').notNull(),
  custodians: text('custodians').array().notNull(),
  asOf: asOf(),
  eventId: eventId(),
});

export const checkpoints = pgTable('checkpoints', {
  checkpointId: text('checkpoint_id').primaryKey(),
  name: text('name').notNull(),
  unitCode: text('unit_code').notNull(),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  asOf: asOf(),
  eventId: eventId(),
});

export const watchlist = pgTable('watchlist', {
  plate: text('plate').primaryKey(),
  reason: text('reason').notNull(),
  active: boolean('active').notNull(),
  unitCode: text('unit_code').notNull(),
  asOf: asOf(),
  eventId: eventId(),
});

export const violationCodes = pgTable('violation_codes', {
  code: text('code').primaryKey(),
  description: text('description').notNull(),
  points: integer('points').notNull(),
  fine: integer('fine').notNull(),
  asOf: asOf(),
  eventId: eventId(),
});

export const sensitiveSubjects = pgTable('sensitive_subjects', {
  subject: text('subject').primaryKey(),
  active: boolean('active').notNull(),
  unitCode: text('unit_code').notNull(),
  asOf: asOf(),
  eventId: eventId(),

});
