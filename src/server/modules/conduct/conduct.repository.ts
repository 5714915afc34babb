// The conduct module's SQL.
import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { conductDeductions } from './conduct.tables.ts';

export type ConductDeduction = typeof conductDeductions.$inferSelect;

export interface DeductionInput {
  personNo: string;
  points: number;
  unitCode: string;
  alertId: string | null;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
}

export async function insertDeduction(tx: Tx, d: DeductionInput): Promise<string> {
  const [row] = await tx
    .insert(conductDeductions)
    .values({ ...d, decidedAt: d.decidedAt.toISOString() })
    .returning({ id: conductDeductions.id });
  return row.id;
}

export async function deductionsOfAlert(tx: Tx, alertId: string): Promise<ConductDeduction[]> {
  return tx.select().from(conductDeductions).where(eq(conductDeductions.alertId, alertId)).orderBy(desc(conductDeductions.decidedAt));
}
