// The ingest module's SQL: claim ids in the idempotency table, append the new events to the
// month-partitioned store, keep dead letters.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { and, desc, lt, sql, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { deadLetters } from './ingest.tables.ts';
import { copyText } from './prepare-lines.ts';
import { SEQ_BLOCK, seqAt } from './seq.ts';

export interface StoredEventRow {
  id: string;
  type: string;
  occurredAt: string;
  unit: string;
  actor: string | null;
}

/** months (UTC first instants) known to have a partition, per database this process has opened */
const knownMonths = new WeakMap<object, Set<string>>();

export function monthStart(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
}

/**
 * Create missing month partitions, each in its own short transaction: creating a partition locks the
 * parent table, which must not be held for the length of a data transaction.
 */
export async function ensurePartitions(db: Tx, months: Iterable<string>): Promise<void> {
  let known = knownMonths.get(db);
  if (!known) knownMonths.set(db, (known = new Set()));
  for (const m of months) {
    if (known.has(m)) continue;
    await db.execute(sql`select ensure_event_partition(${m}::timestamptz)`);
    known.add(m);
  }
}

/**
 * Store sequence numbers for `n` new events, in increasing order. The sequence is not transactional, so
 * numbers taken for a chunk that later rolls back are simply never used.
 */
export async function reserveSeqs(db: Tx, n: number): Promise<number[]> {
  const bases = await reserveSeqBlocks(db, n);
  return Array.from({ length: n }, (_, i) => seqAt(bases, i));
}

/** the first numbers of enough blocks for `n` events, one nextval per block of SEQ_BLOCK, in one round trip */
export async function reserveSeqBlocks(db: Tx, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await db.execute<{ bases: string }>(sql`SELECT string_agg(nextval('events_seq')::text, ',') AS bases FROM generate_series(1, ${Math.ceil(n / SEQ_BLOCK)}::int)`);
  return r.rows[0].bases.split(',').map(Number);
}

export interface ClaimRow {
  id: string;
  occurredAt: string;
  /** the store sequence number the event gets if its id is new */
  seq: number;
}

/**
 * Claim the ids: the idempotency table decides which events are new. Concurrent posts of one id wait on
 * its primary key and the loser sees a duplicate. Returns the new ids with their sequence numbers.
 * Most chunks hold no known id, so the ids go in as plainly as the engine allows (COPY on PostgreSQL,
 * one INSERT on PGlite) inside a savepoint; when one is already there the savepoint undoes the attempt
 * and the chunk is claimed again with ON CONFLICT DO NOTHING, which names the ids that were new.
 */
export async function claimEventIds(tx: Tx, client: PoolClient, engine: 'postgres' | 'pglite', rows: readonly ClaimRow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (rows.length === 0) return out;
  const insert =
    engine === 'postgres'
      ? () => copyClaims(client, rows.map((r) => `${copyText(r.id)}\t${r.occurredAt}\t${r.seq}\n`).join(''))
      : async () => void (await tx.execute(claimInsert(rows, sql``)));
  const taken = await claimOnce(tx, client, insert, () => rows);
  for (const r of rows) if (taken === null || taken.has(r.id)) out.set(r.id, r.seq);
  return out;
}

/**
 * claimEventIds for rows a prepare worker wrote as COPY text (PostgreSQL): null when every id was new
 * (the common case, no id travels back), else the ids that were; `rows` are asked for only then.
 */
export async function claimPrebuilt(tx: Tx, client: PoolClient, copyRows: Buffer, rows: () => readonly ClaimRow[]): Promise<Set<string> | null> {
  if (copyRows.length === 0) return new Set();
  return claimOnce(tx, client, () => copyClaims(client, copyRows), rows);
}

const copyClaims = (client: PoolClient, text: string | Buffer) =>
  pipeline(Readable.from([text]), client.query(copyFrom('COPY event_ids (id, occurred_at, seq) FROM STDIN')));

/** `insert` inside a savepoint: null when it went in whole; when an id was there already, the savepoint
 *  undoes it and the rows are claimed with ON CONFLICT DO NOTHING, answering the ids that were new */
async function claimOnce(tx: Tx, client: PoolClient, insert: () => Promise<void>, rows: () => readonly ClaimRow[]): Promise<Set<string> | null> {
  await client.query('SAVEPOINT claim_ids');
  try {
    await insert();
    await client.query('RELEASE SAVEPOINT claim_ids');
    return null;
  } catch (e) {
    if (pgCode(e) !== '23505') throw e;
    await client.query('ROLLBACK TO SAVEPOINT claim_ids');
  }
  const fresh = (await tx.execute<{ fresh: string }>(claimInsert(rows(), sql`ON CONFLICT (id) DO NOTHING`))).rows[0]?.fresh ?? '';
  return new Set(fresh === '' ? [] : fresh.split('\n'));
}

/** ids ([A-Za-z0-9._:-]), ISO times and numbers never contain a newline, so each list travels as one
 *  text and the answer as one row: no per-element array escaping, no row per id */
function claimInsert(rows: readonly ClaimRow[], onConflict: SQL): SQL {
  const ids = rows.map((r) => r.id).join('\n');
  const times = rows.map((r) => r.occurredAt).join('\n');
  const seqs = rows.map((r) => r.seq).join('\n');
  return sql`
    WITH claimed AS (
      INSERT INTO event_ids (id, occurred_at, seq)
      SELECT id, occ::timestamptz, seq::bigint
        FROM unnest(string_to_array(${ids}, E'\n'), string_to_array(${times}, E'\n'), string_to_array(${seqs}, E'\n')) AS t(id, occ, seq)
      ${onConflict}
      RETURNING id
    )
    SELECT coalesce(string_agg(id, E'\n'), '') AS fresh FROM claimed`;
}

/** an event to store once its id is claimed */
export type IncomingRow = Omit<NewEventRow, 'seq'>;

/**
 * Claim the ids and store the new events in one statement: for a few events (a group of single-event
 * posts), where round trips cost more than the rows. ON CONFLICT decides which ids are new exactly as
 * claimEventIds does; each new event gets its sequence number here. Returns the new ids with theirs.
 */
export async function claimAndAppend(tx: Tx, rows: readonly IncomingRow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (rows.length === 0) return out;
  const col = <T>(f: (r: IncomingRow) => T) => sql.param(rows.map(f));
  const r = await tx.execute<{ fresh: string }>(sql`
    WITH input AS (
      SELECT * FROM unnest(${col((r) => r.id)}::text[], ${col((r) => r.type)}::text[], ${col((r) => r.occurredAt)}::timestamptz[],
                           ${col((r) => r.unit)}::text[], ${col((r) => r.actor)}::text[], ${col((r) => r.receivedAt)}::timestamptz[],
                           ${col((r) => r.source)}::text[], ${col((r) => r.json)}::text[]) WITH ORDINALITY
                    AS x(id, type, occurred_at, unit_code, actor, received_at, source, body, ord)
    ),
    claimed AS (
      INSERT INTO event_ids (id, occurred_at, seq)
      SELECT id, occurred_at, nextval('events_seq') FROM input ORDER BY ord
      ON CONFLICT (id) DO NOTHING
      RETURNING id, seq
    ),
    stored AS (
      INSERT INTO events (seq, id, type, occurred_at, unit_code, actor, received_at, source, body)
      SELECT c.seq, i.id, i.type, i.occurred_at, i.unit_code, i.actor, i.received_at, i.source, i.body::jsonb
        FROM input i JOIN claimed c ON c.id = i.id
    )
    SELECT coalesce(string_agg(id || ' ' || seq, E'\n'), '') AS fresh FROM claimed`);
  const fresh = r.rows[0]?.fresh ?? '';
  if (fresh === '') return out;
  for (const pair of fresh.split('\n')) {
    const sp = pair.indexOf(' ');
    out.set(pair.slice(0, sp), Number(pair.slice(sp + 1)));
  }
  return out;
}

/** the SQLSTATE of a driver error, also when drizzle wraps it */
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code ?? err.cause?.code;
}

export interface NewEventRow extends StoredEventRow {
  seq: number;
  /** the event's JSON text, as stored */
  json: string;
  /** when the request that carried it arrived (ISO) */
  receivedAt: string;
  /** who sent it: token:<id> or user:<username> */
  source: string;
}


const COPY_EVENTS = 'COPY events (seq, id, type, occurred_at, unit_code, actor, received_at, source, body) FROM STDIN';

/**
 * Append new events to the partitioned store. On PostgreSQL through COPY, the engine's fastest way in
 * (rows are routed to their month's partition); on PGlite, whose driver shim has no COPY, one multi-row
 * INSERT from arrays.
 */
export async function appendEvents(tx: Tx, client: PoolClient, engine: 'postgres' | 'pglite', rows: readonly NewEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (engine === 'postgres') {
    const lines: string[] = new Array(rows.length);
    let source = '';
    let src = '';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r.source !== source) src = copyText((source = r.source));
      lines[i] = `${r.seq}\t${copyText(r.id)}\t${r.type}\t${r.occurredAt}\t${r.unit}\t${r.actor === null ? '\\N' : copyText(r.actor)}\t${r.receivedAt}\t${src}\t${copyText(r.json)}\n`;
    }
    await pipeline(
      Readable.from([lines.join('')]),
      client.query(copyFrom(COPY_EVENTS)),
    );
    return;
  }
  await tx.execute(sql`
    INSERT INTO events (seq, id, type, occurred_at, unit_code, actor, received_at, source, body)
    SELECT s, i, t, o, u, a, r, src, b::jsonb
      FROM unnest(${sql.param(rows.map((r) => r.seq))}::bigint[], ${sql.param(rows.map((r) => r.id))}::text[],
                  ${sql.param(rows.map((r) => r.type))}::text[], ${sql.param(rows.map((r) => r.occurredAt))}::timestamptz[],
                  ${sql.param(rows.map((r) => r.unit))}::text[], ${sql.param(rows.map((r) => r.actor))}::text[],
                  ${sql.param(rows.map((r) => r.receivedAt))}::timestamptz[], ${sql.param(rows.map((r) => r.source))}::text[],
                  ${sql.param(rows.map((r) => r.json))}::text[]) AS x(s, i, t, o, u, a, r, src, b)`);
}

/** appendEvents for rows written as COPY text already (by a prepare worker), on PostgreSQL */
export async function appendEventsCopy(client: PoolClient, copyRows: Buffer): Promise<void> {
  if (copyRows.length === 0) return;
  await pipeline(Readable.from([copyRows]), client.query(copyFrom(COPY_EVENTS)));
}

export interface DeadLetterInput {
  batchIndex: number;
  eventId: string | null;
  eventType: string | null;
  error: string;
  raw: string;
}

const RAW_KEEP = 65536;

/** PostgreSQL text holds neither NUL nor lone surrogates: write them as JSON-style escapes, keep the rest */
const storable = (s: string) =>
  s.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export async function insertDeadLetters(
  tx: Tx,
  items: readonly DeadLetterInput[],
  ctx: { receivedAt: string; source: string; sourceUnit: string | null; ip: string | null },
): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(deadLetters).values(
    items.map((d) => ({
      receivedAt: ctx.receivedAt,
      source: ctx.source,
      sourceUnit: ctx.sourceUnit,
      ip: ctx.ip,
      batchIndex: d.batchIndex,
      eventId: d.eventId === null ? null : storable(d.eventId.slice(0, 200)),
      eventType: d.eventType === null ? null : storable(d.eventType.slice(0, 100)),
      error: storable(d.error.slice(0, 2000)),
      raw: storable(d.raw.slice(0, RAW_KEEP)),
    })),
  );
}

export async function listDeadLetters(tx: Tx, opts: { limit: number; before?: number; units: string[] | null }) {
  const conds = [];
  if (opts.before !== undefined) conds.push(lt(deadLetters.id, opts.before));
  if (opts.units !== null) conds.push(inArray(deadLetters.sourceUnit, opts.units));
  return tx
    .select()
    .from(deadLetters)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(deadLetters.id))
    .limit(opts.limit);
}

export interface StoredEvent {
  id: string;
  type: string;
  occurredAt: string;
  unit: string;
  body: Record<string, unknown>;
}

/** stored events by id: event_ids gives each one's time, the time finds it through the BRIN index */
export async function findEvents(tx: Tx, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const r = await tx.execute<{ id: string; type: string; occurred_at: string; unit_code: string; body: Record<string, unknown> }>(sql`
    SELECT e.id, e.type, e.occurred_at, e.unit_code, e.body
      FROM event_ids k JOIN events e ON e.occurred_at = k.occurred_at AND e.id = k.id
     WHERE k.id = ANY(${sql.param([...ids])}::text[])
     ORDER BY e.occurred_at, e.id`);
  return r.rows.map((x) => ({ id: x.id, type: x.type, occurredAt: new Date(x.occurred_at).toISOString(), unit: x.unit_code, body: x.body }));
}
