// The audit log: one leaf per write, in an RFC 6962 Merkle tree whose complete subtrees are stored.
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const auditLog = pgTable(
  'audit_log',
  {
    /** leaf index, 0-based, gap-free */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    unitCode: text('unit_code'),
    ip: text('ip'),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull(),
    /** SHA-256(0x00 ‖ canonical JSON of the entry) */
    leafHash: bytea('leaf_hash').notNull(),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.at)],
);

/** hash of the complete subtree covering leaves [idx·2^level, (idx+1)·2^level) */
export const auditNodes = pgTable(
  'audit_nodes',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);
