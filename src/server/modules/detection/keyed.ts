// The keyed projection: which keys each event is filed under, writing them in the ingest transaction, and
// reading a key's events back. Rules that judge "everything about one VIN / licence / user / device" read
// here rather than scanning the event store, which keeps only its time index.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { RuleEvent } from './rule.ts';

export type KeyKind = 'vin' | 'agent' | 'licence' | 'violation' | 'plate' | 'record' | 'user' | 'device' | 'pass' | 'person' | 'cunit' | 'roomperson' | 'sample' | 'exam' | 'station' | 'lab' | 'actor' | 'grantee' | 'subject' | 'room';

const s = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The keys an event is filed under. `cunit` (a deduction under its person's unit) needs reference data,
 * so the caller passes the unit of each deduction's person.
 */
export function keysOf(e: RuleEvent, personUnit?: (personNo: string) => string | null): Array<[KeyKind, string]> {
  const d = e.data;
  const out: Array<[KeyKind, string]> = [];
  const add = (kind: KeyKind, key: string | null) => {
    if (key) out.push([kind, key]);
  };
  switch (e.type) {
    case 'vehicle.business':
      add('vin', s(d.vin));
      add('agent', s(d.agentIdNo));
      add('actor', e.actor);
      break;
    case 'driver.business':
      add('agent', s(d.agentIdNo));
      add('actor', e.actor);
      break;
    case 'violation.recorded':
      add('violation', s(d.violationNo));
      add('plate', s(d.plate));
      break;
    case 'violation.processed':
      add('violation', s(d.violationNo));
      add('plate', s(d.plate));
      add('licence', s(d.licenseIdNo));
      add('agent', s(d.agentIdNo));
      add('actor', e.actor);
      break;
    case 'av.recorded':
    case 'av.deleted':
      add('record', s(d.recordId));
      break;
    case 'system.query':
      add('user', e.actor);
      add('subject', s(d.subject));
      break;
    case 'system.grant':
      add('grantee', s(d.userNo));
      break;
    case 'device.status':
      add('device', s(d.deviceId));
      break;
    case 'checkpoint.pass':
      if (s(d.plate)) add('pass', `${String(d.plate)}|${String(d.plateColor ?? '')}`);
      break;
    case 'conduct.deduction': {
      const p = s(d.personNo);
      add('person', p);
      if (p && personUnit) add('cunit', personUnit(p));
      break;
    }
    case 'alcohol.room_access':
    case 'alcohol.sample_retrieved':
      add('roomperson', e.actor);
      add('room', s(d.roomId));
      if (e.type === 'alcohol.sample_retrieved') add('sample', s(d.sampleNo));
      break;
    case 'alcohol.sample_sent':
      add('sample', s(d.sampleNo));
      add('lab', s(d.labId));
      break;
    // the calendar rules count these per window: filed here, a month's count reads only them
    case 'exam.result':
      add('exam', s(d.siteId));
      break;
    case 'inspection.result':
      add('station', s(d.stationId));
      break;
    case 'alcohol.lab_report':
      add('lab', s(d.labId));
      break;
  }
  return out;
}

export interface KeyedRow {
  kind: KeyKind;
  key: string;
  event: RuleEvent;
}

/** file the rows; an event filed twice (a duplicate that slipped through) changes nothing */
export async function writeKeyed(tx: Tx, all: readonly KeyedRow[]): Promise<void> {
  const passRows = all.filter((r) => r.kind === 'pass');
  const rows = passRows.length ? all.filter((r) => r.kind !== 'pass') : all;
  if (passRows.length) await writePasses(tx, passRows.map((r) => r.event));
  // an event filed under several keys is written out once
  const json = new Map<RuleEvent, string>();
  const text = (e: RuleEvent) => {
    let t = json.get(e);
    if (t === undefined) json.set(e, (t = JSON.stringify(e)));
    return t;
  };
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000);
    await tx.execute(sql`
      INSERT INTO detection_keyed_events (kind, key, at, event_id, type, event)
      SELECT k, y, a, i, t, e::jsonb
        FROM unnest(${sql.param(part.map((r) => r.kind))}::text[], ${sql.param(part.map((r) => r.key))}::text[],
                    ${sql.param(part.map((r) => r.event.occurredAt))}::timestamptz[], ${sql.param(part.map((r) => r.event.id))}::text[],
                    ${sql.param(part.map((r) => r.event.type))}::text[], ${sql.param(part.map((r) => text(r.event)))}::text[]) AS x(k, y, a, i, t, e)
      ON CONFLICT DO NOTHING`);
  }
}

export interface KeyWindow {
  /** epoch ms, inclusive; absent: from the beginning */
  from?: number;
  /** epoch ms, inclusive; absent: everything stored (replays pass their asOf, so later events stay unseen) */
  until?: number;
  /** only these event types */
  types?: readonly string[];
}

/** the events filed under these keys, by key, in time order */
export async function eventsByKeys(tx: Tx, kind: KeyKind, keys: readonly string[], w: KeyWindow = {}): Promise<Map<string, RuleEvent[]>> {
  const out = new Map<string, RuleEvent[]>();
  if (keys.length === 0) return out;
  const from = w.from === undefined ? null : new Date(w.from).toISOString();
  const until = w.until === undefined ? null : new Date(w.until).toISOString();
  // one row per key, its events (in time order) as one JSON text: a replay reads millions of events, and
  // one parse per key costs far less than a driver row and a parse per event
  const r = await tx.execute<{ key: string; events: string }>(sql`
    SELECT key, json_agg(event ORDER BY at, event_id)::text AS events FROM detection_keyed_events
     WHERE kind = ${kind} AND key = ANY(${sql.param([...new Set(keys)])}::text[])
       AND (${from}::timestamptz IS NULL OR at >= ${from}::timestamptz)
       AND (${until}::timestamptz IS NULL OR at <= ${until}::timestamptz)
       AND (${w.types ? sql.param([...w.types]) : null}::text[] IS NULL OR type = ANY(${w.types ? sql.param([...w.types]) : null}::text[]))
     GROUP BY key`);
  for (const row of r.rows) out.set(row.key, JSON.parse(row.events) as RuleEvent[]);
  return out;
}

/** a key with how many of its events fall in the range asked about */
export interface KeyCount {
  key: string;
  events: number;
}

/** the keys of a kind with an event in a time range, with their counts (candidates for time-dependent
 *  rules and back-tests; the counts let a replay read them in batches of bounded size) */
export async function keysActiveBetween(tx: Tx, kind: KeyKind, from: number, until: number, types?: readonly string[]): Promise<KeyCount[]> {
  if (kind === 'pass') return passKeysBetween(tx, from, until);
  const r = await tx.execute<{ key: string; n: number }>(sql`
    SELECT key, count(*)::int AS n FROM detection_keyed_events
     WHERE kind = ${kind} AND at >= ${new Date(from).toISOString()}::timestamptz AND at <= ${new Date(until).toISOString()}::timestamptz
       AND (${types ? sql.param([...types]) : null}::text[] IS NULL OR type = ANY(${types ? sql.param([...types]) : null}::text[]))
     GROUP BY key`);
  return r.rows.map((x) => ({ key: x.key, events: Number(x.n) }));
}

/** checkpoint passes go to their narrow table: plate, colour, time, checkpoint, unit — no JSON */
async function writePasses(tx: Tx, events: readonly RuleEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const part = events.slice(i, i + 5000);
    await tx.execute(sql`
      INSERT INTO detection_passes (plate, plate_color, at, event_id, checkpoint_id, unit_code)
      SELECT * FROM unnest(${sql.param(part.map((e) => String(e.data.plate)))}::text[], ${sql.param(part.map((e) => String(e.data.plateColor ?? '')))}::text[],
                           ${sql.param(part.map((e) => e.occurredAt))}::timestamptz[], ${sql.param(part.map((e) => e.id))}::text[],
                           ${sql.param(part.map((e) => String(e.data.checkpointId ?? '')))}::text[], ${sql.param(part.map((e) => e.unit))}::text[])
      ON CONFLICT DO NOTHING`);
  }
}

/** the passes of these `plate|colour` keys in a time window, as rules see them (the fields CKPT rules read) */
export async function passesByKeys(tx: Tx, keys: readonly string[], w: KeyWindow = {}): Promise<Map<string, RuleEvent[]>> {
  const out = new Map<string, RuleEvent[]>();
  if (keys.length === 0) return out;
  const uniq = [...new Set(keys)];
  const from = w.from === undefined ? null : new Date(w.from).toISOString();
  const until = w.until === undefined ? null : new Date(w.until).toISOString();
  const r = await tx.execute<{ plate: string; plate_color: string; at: string; event_id: string; checkpoint_id: string; unit_code: string }>(sql`
    SELECT p.plate, p.plate_color, p.at, p.event_id, p.checkpoint_id, p.unit_code
      FROM unnest(${sql.param(uniq.map((k) => k.slice(0, k.lastIndexOf('|'))))}::text[], ${sql.param(uniq.map((k) => k.slice(k.lastIndexOf('|') + 1)))}::text[]) AS k(plate, color)
      JOIN detection_passes p ON p.plate = k.plate AND p.plate_color = k.color
       AND (${from}::timestamptz IS NULL OR p.at >= ${from}::timestamptz)
       AND (${until}::timestamptz IS NULL OR p.at <= ${until}::timestamptz)
     ORDER BY p.at, p.event_id`);
  for (const x of r.rows) {
    const key = `${x.plate}|${x.plate_color}`;
    const at = new Date(x.at).getTime();
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push({
      id: x.event_id,
      type: 'checkpoint.pass',
      occurredAt: new Date(at).toISOString(),
      at,
      unit: x.unit_code,
      actor: null,
      location: null,
      data: { plate: x.plate, plateColor: x.plate_color, checkpointId: x.checkpoint_id },
    });
  }
  return out;
}

/** the `plate|colour` keys with a pass in a time range */
export async function passKeysBetween(tx: Tx, from: number, until: number): Promise<KeyCount[]> {
  const r = await tx.execute<{ k: string; n: number }>(sql`
    SELECT plate || '|' || plate_color AS k, count(*)::int AS n FROM detection_passes
     WHERE at >= ${new Date(from).toISOString()}::timestamptz AND at <= ${new Date(until).toISOString()}::timestamptz
     GROUP BY 1`);
  return r.rows.map((x) => ({ key: x.k, events: Number(x.n) }));
}
