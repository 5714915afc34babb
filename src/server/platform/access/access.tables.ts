// The unit tree, the people who log in, their sessions, and machine tokens.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    /** materialized path of codes from the root, '/150000000000/150100000000/' — a subtree is a prefix */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    platePrefixes: text('plate_prefixes').array().notNull().default(sql`'{}'::text[]`),
    /** occurredAt of the ref.unit event that set this row; an older one changes nothing */
    asOf: timestamp('as_of', { withTimezone: true, mode: 'string' }).notNull(),
    eventId: text('event_id').notNull(),
  },
  (t) => [index('units_path_idx').on(t.path.op('text_pattern_ops')), index('units_parent_idx').on(t.parentCode)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** null only for the platform's root administrator, who stands above the whole unit tree */
    unitCode: text('unit_code'),
    personNo: text('person_no'),
    /** supervisor, handler, admin, reviewer, approver */
    roles: text('roles').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('users_unit_idx').on(t.unitCode)],
);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie value; the cookie itself is never stored */
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  ip: text('ip'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true, mode: 'string' }),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    unitCode: text('unit_code').notNull(),
    scopes: text('scopes').array().notNull(),
    /** SHA-256 of the token; tokens are 256 random bits, so a fast hash is enough */
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('api_tokens_unit_idx').on(t.unitCode)],
);
