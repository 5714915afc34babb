// Who could receive a notice: units that have at least one active person holding one of the given roles.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { users } from './access.tables.ts';

export async function unitsWithActiveRole(tx: Tx, unitCodes: readonly string[], roles: readonly string[]): Promise<Set<string>> {
  if (unitCodes.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ unitCode: users.unitCode })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.unitCode, [...new Set(unitCodes)]), sql`${users.roles} && ${sql.param([...roles])}::text[]`));
  return new Set(rows.map((r) => r.unitCode!).filter(Boolean));
}
