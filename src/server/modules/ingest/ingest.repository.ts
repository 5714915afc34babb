// The ingest module's SQL. The batch insert is one statement: the idempotency table decides which ids
// are new (concurrent posts of one id wait on its primary key, and the loser sees a duplicate), and only
// those rows reach the month-partitioned event store.
import { and, desc, lt, sql, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { deadLetters } from './ingest.tables.ts';

export interface StoredEventRow {
  id: string;
  type: string;
  occurredAt: string;
  unit: string;
  actor: string | null;
  body: Record<string, unknown>;
}

/** months (UTC first instants) that already have a partition in this process */
const knownMonths = new Set<string>();

export function monthStart(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
}

export async function ensurePartitions(tx: Tx, months: Iterable<string>): Promise<void> {
  for (const m of months) {
    if (knownMonths.has(m)) continue;
    await tx.execute(sql`select ensure_event_partition(${m}::timestamptz)`);
    knownMonths.add(m);
  }
}

/** Insert the events whose id is new; returns the ids inserted, with their store sequence numbers. */
export async function insertEvents(
  tx: Tx,
  rows: readonly StoredEventRow[],
  receivedAt: string,
  source: string,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const payload = JSON.stringify(rows);
  const result = await tx.execute<{ id: string; seq: string }>(sql`
    WITH input AS (
      SELECT t.ord, t.e->>'id' AS id, t.e->>'type' AS type, (t.e->>'occurredAt')::timestamptz AS occurred_at,
             t.e->>'unit' AS unit_code, t.e->>'actor' AS actor, t.e->'body' AS body
        FROM jsonb_array_elements(${payload}::jsonb) WITH ORDINALITY AS t(e, ord)
    ), fresh AS (
      INSERT INTO event_ids (id, occurred_at, seq)
      SELECT id, occurred_at, nextval('events_seq') FROM (SELECT id, occurred_at FROM input ORDER BY ord) ordered
      ON CONFLICT (id) DO NOTHING
      RETURNING id, seq
    )
    INSERT INTO events (seq, id, type, occurred_at, unit_code, actor, received_at, source, body)
    SELECT f.seq, i.id, i.type, i.occurred_at, i.unit_code, i.actor, ${receivedAt}::timestamptz, ${source}, i.body
      FROM fresh f JOIN input i ON i.id = f.id
    RETURNING id, seq`);
  return new Map(result.rows.map((r) => [r.id, Number(r.seq)]));
}

export interface DeadLetterInput {
  batchIndex: number;
  eventId: string | null;
  eventType: string | null;
  error: string;
  raw: string;
}

const RAW_KEEP = 65536;

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
      eventId: d.eventId?.slice(0, 200) ?? null,
      eventType: d.eventType?.slice(0, 100) ?? null,
      error: d.error.slice(0, 2000),
      // PostgreSQL text cannot hold NUL; everything else is kept as received
      raw: d.raw.slice(0, RAW_KEEP).replace(/\u0000/g, '\\u0000'),
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
