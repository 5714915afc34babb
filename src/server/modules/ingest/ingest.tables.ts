// Idempotency keys and dead letters. The event store itself (month-partitioned `events`) is created by a
// hand-written migration, since drizzle-kit does not model declarative partitioning.
import { bigserial, index, integer, pgTable, text, timestamp, bigint } from 'drizzle-orm/pg-core';

/** every accepted event id, once: the idempotency key across all partitions */
export const eventIds = pgTable('event_ids', {
  id: text('id').primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** who sent it: token:<id> or user:<username> */
    source: text('source').notNull(),
    sourceUnit: text('source_unit'),
    ip: text('ip'),
    /** position in the posted batch (array index or NDJSON line, 0-based) */
    batchIndex: integer('batch_index').notNull(),
    eventId: text('event_id'),
    eventType: text('event_type'),
    error: text('error').notNull(),
    /** the raw text of the rejected event, as received (truncated at 64 KiB) */
    raw: text('raw').notNull(),
  },
  (t) => [index('dead_letters_received_idx').on(t.receivedAt), index('dead_letters_unit_idx').on(t.sourceUnit)],
);
