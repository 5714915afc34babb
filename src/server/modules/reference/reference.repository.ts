// Reads of reference data for other modules (through index.ts).
import { eq, inArray, and } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { checkpoints, devices, labs, watchlist } from './reference.tables.ts';

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
