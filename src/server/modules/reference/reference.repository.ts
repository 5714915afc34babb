// Reads of reference data for other modules (through index.ts).
import { eq, inArray, and, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { checkpoints, devices, evidenceRooms, labs, persons, sensitiveSubjects, violationCodes, watchlist } from './reference.tables.ts';

export async function allLabs(tx: Tx) {
  return tx.select().from(labs);
}

export async function devicesByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.select().from(devices).where(inArray(devices.deviceId, [...ids]));
}

/** the active watchlist entries among these plates */
export async function activeWatchlist(tx: Tx, plates: readonly string[]) {
  if (plates.length === 0) return [];
  return tx.select().from(watchlist).where(and(inArray(watchlist.plate, [...plates]), eq(watchlist.active, true)));
}

export async function checkpointsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.select().from(checkpoints).where(inArray(checkpoints.checkpointId, [...ids]));
}

export async function personsByNos(tx: Tx, nos: readonly string[]) {
  if (nos.length === 0) return [];
  return tx.select().from(persons).where(inArray(persons.personNo, [...new Set(nos)]));
}

/** every person holding a role (e.g. window_clerk) */
export async function personsWithRole(tx: Tx, role: string) {
  return tx.select().from(persons).where(sql`${role} = ANY(${persons.roles})`);
}

/** persons per unit, for the units given */
export async function headcounts(tx: Tx, unitCodes: readonly string[]): Promise<Map<string, number>> {
  if (unitCodes.length === 0) return new Map();
  const rows = await tx
    .select({ unitCode: persons.unitCode, n: sql<number>`count(*)::int` })
    .from(persons)
    .where(inArray(persons.unitCode, [...new Set(unitCodes)]))
    .groupBy(persons.unitCode);
  return new Map(rows.map((r) => [r.unitCode, Number(r.n)]));
}

export async function violationCodesByCodes(tx: Tx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return tx.select().from(violationCodes).where(inArray(violationCodes.code, [...new Set(codes)]));
}

export async function sensitiveSubjectsBy(tx: Tx, subjects: readonly string[]) {
  if (subjects.length === 0) return [];
  return tx.select().from(sensitiveSubjects).where(inArray(sensitiveSubjects.subject, [...new Set(subjects)]));
}

export async function evidenceRoomsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.select().from(evidenceRooms).where(inArray(evidenceRooms.roomId, [...new Set(ids)]));
}

export async function allEvidenceRooms(tx: Tx) {
  return tx.select().from(evidenceRooms);
}
