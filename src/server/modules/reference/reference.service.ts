// Applies ref.* events as upserts where the latest occurredAt wins: an update older than the stored one
// changes nothing, whatever order they arrive in (ties broken by event id, so the outcome never depends
// on arrival order). Runs inside the ingest transaction, on events accepted for the first time.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable, PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client.ts';
import { units } from '../../platform/access/access.tables.ts';
import { rebuildUnitPaths } from '../../platform/access/unit-tree.ts';
import { checkpoints, devices, evidenceRooms, labs, persons, sensitiveSubjects, violationCodes, watchlist } from './reference.tables.ts';

export interface RefEvent {
  id: string;
  type: string;
  occurredAt: string;
  occurredAtMs: number;
  unit: string;
  data: Record<string, unknown>;
}

type Row = Record<string, unknown>;

interface RefTarget {
  table: PgTable;
  key: PgColumn;
  keyOf: (e: RefEvent) => string;
  row: (e: RefEvent) => Row;
}

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
const bool = (v: unknown) => v === true;
const strs = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

const targets: Record<string, RefTarget> = {
  'ref.unit': {
    table: units,
    key: units.code,
    keyOf: (e) => str(e.data.code),
    row: (e) => ({
      code: str(e.data.code),
      name: str(e.data.name),
      level: str(e.data.level),
      parentCode: e.data.parentCode == null ? null : str(e.data.parentCode),
      // path and depth are recomputed from parent links right after the upsert
      path: `/${str(e.data.code)}/`,
      depth: 0,
      platePrefixes: strs(e.data.platePrefixes),
    }),
  },
  'ref.person': {
    table: persons,
    key: persons.personNo,
    keyOf: (e) => str(e.data.personNo),
    row: (e) => ({
      personNo: str(e.data.personNo),
      name: str(e.data.name),
      kind: str(e.data.kind),
      unitCode: str(e.data.unitCode ?? e.unit),
      roles: strs(e.data.roles),
      confidentialitySigned: bool(e.data.confidentialitySigned),
    }),
  },
  'ref.lab': {
    table: labs,
    key: labs.labId,
    keyOf: (e) => str(e.data.labId),
    row: (e) => ({ labId: str(e.data.labId), name: str(e.data.name), status: str(e.data.status), internal: bool(e.data.internal) }),
  },
  'ref.device': {
    table: devices,
    key: devices.deviceId,
    keyOf: (e) => str(e.data.deviceId),
    row: (e) => ({
      deviceId: str(e.data.deviceId),
      kind: str(e.data.kind),
      siteId: str(e.data.siteId),
      unitCode: e.unit,
      calibratedUntil: e.data.calibratedUntil == null ? null : str(e.data.calibratedUntil),
    }),
  },
  'ref.evidence_room': {
    table: evidenceRooms,
    key: evidenceRooms.roomId,
    keyOf: (e) => str(e.data.roomId),
    row: (e) => ({ roomId: str(e.data.roomId), unitCode: str(e.data.unitCode ?? e.unit), openHours: str(e.data.openHours), custodians: strs(e.data.custodians) }),
  },
  'ref.checkpoint': {
    table: checkpoints,
    key: checkpoints.checkpointId,
    keyOf: (e) => str(e.data.checkpointId),
    row: (e) => ({ checkpointId: str(e.data.checkpointId), name: str(e.data.name), unitCode: e.unit, lat: num(e.data.lat), lng: num(e.data.lng) }),
  },
  'ref.watchlist': {
    table: watchlist,
    key: watchlist.plate,
    keyOf: (e) => str(e.data.plate),
    row: (e) => ({ plate: str(e.data.plate), reason: str(e.data.reason), active: bool(e.data.active), unitCode: e.unit }),
  },
  'ref.violation_code': {
    table: violationCodes,
    key: violationCodes.code,
    keyOf: (e) => str(e.data.code),
    row: (e) => ({ code: str(e.data.code), description: str(e.data.description), points: num(e.data.points), fine: num(e.data.fine) }),
  },
  'ref.sensitive_subject': {
    table: sensitiveSubjects,
    key: sensitiveSubjects.subject,
    keyOf: (e) => str(e.data.subject),
    row: (e) => ({ subject: str(e.data.subject), active: bool(e.data.active), unitCode: e.unit }),
  },
};

export const isRefType = (type: string) => type.startsWith('ref.') && type in targets;

/** (as_of, event_id) orders updates of one key the same way on every server and in every arrival order */
const newer = (a: RefEvent, b: RefEvent) => a.occurredAtMs > b.occurredAtMs || (a.occurredAtMs === b.occurredAtMs && a.id > b.id);

/** Apply the batch's ref events; returns true when the unit tree changed (so callers reload it). */
export async function applyRefEvents(tx: Tx, events: readonly RefEvent[]): Promise<{ unitsChanged: boolean }> {
  const byType = new Map<string, Map<string, RefEvent>>();
  for (const e of events) {
    const target = targets[e.type];
    if (!target) continue;
    let latest = byType.get(e.type);
    if (!latest) byType.set(e.type, (latest = new Map()));
    const key = target.keyOf(e);
    const prev = latest.get(key);
    if (!prev || newer(e, prev)) latest.set(key, e);
  }
  let unitsChanged = false;
  for (const [type, latest] of byType) {
    const target = targets[type];
    const rows = [...latest.values()].map((e) => ({ ...target.row(e), asOf: e.occurredAt, eventId: e.id }));
    const cols = getTableColumns(target.table) as Record<string, PgColumn>;
    const set: Record<string, SQL> = {};
    for (const [prop, col] of Object.entries(cols)) {
      if (col === target.key || prop === 'path' || prop === 'depth') continue;
      set[prop] = sql.raw(`excluded."${col.name}"`);
    }
    const tableName = sql.identifier(getTableName(target.table));
    const result = await tx
      .insert(target.table)
      .values(rows)
      .onConflictDoUpdate({
        target: target.key,
        set,
        setWhere: sql`(excluded.as_of, excluded.event_id) > (${tableName}.as_of, ${tableName}.event_id)`,
      })
      .returning({ k: target.key });
    if (type === 'ref.unit' && result.length > 0) unitsChanged = true;
  }
  if (unitsChanged) await rebuildUnitPaths(tx);
  return { unitsChanged };
}
