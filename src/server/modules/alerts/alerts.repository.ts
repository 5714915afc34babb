// The alerts module's SQL.
import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { alertHistory, alerts } from './alerts.tables.ts';

/** JSON with sorted keys: jsonb does not keep key order, so figures are compared in this form */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export type AlertRow = typeof alerts.$inferSelect;
export type AlertHistoryRow = typeof alertHistory.$inferSelect;

export interface FindingInput {
  rule: string;
  subjectKind: string;
  subjectId: string;
  level: string;
  unitCode: string;
  title: string;
  figures: Record<string, unknown>;
  eventIds: string[];
  paramVersion: number;
}

/**
 * Open an alert for the finding, or add it to the open alert of the same (rule, subject): the figures and
 * level follow the rule's latest evaluation over everything known (unless a person set the level), the
 * evidence keeps every event id ever cited. Returns the alert and whether it was new.
 */
export async function upsertFinding(tx: Tx, f: FindingInput, at: string): Promise<{ row: AlertRow; created: boolean; changed: boolean }> {
  // Two transactions finding the same subject at once (concurrent ingest chunks) must not both open an
  // alert: the second waits here until the first commits, then sees its row. Callers take these locks in
  // a fixed order (recordFindings sorts), so they cannot deadlock.
  await tx.execute(sql`select pg_advisory_xact_lock(7242005, hashtext(${`${f.rule}|${f.subjectKind}|${f.subjectId}`}))`);
  const existing = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.rule, f.rule), eq(alerts.subjectKind, f.subjectKind), eq(alerts.subjectId, f.subjectId), sql`${alerts.status} <> 'closed'`))
    .for('update')
    .limit(1);
  const prev = existing[0];
  if (!prev) {
    const [row] = await tx
      .insert(alerts)
      .values({
        rule: f.rule,
        subjectKind: f.subjectKind,
        subjectId: f.subjectId,
        level: f.level,
        unitCode: f.unitCode,
        title: f.title,
        figures: f.figures,
        eventIds: [...new Set(f.eventIds)].sort(),
        paramVersion: f.paramVersion,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return { row, created: true, changed: true };
  }
  const eventIds = [...new Set([...prev.eventIds, ...f.eventIds])].sort();
  const level = prev.levelSource === 'person' ? prev.level : f.level;
  const changed =
    level !== prev.level ||
    f.title !== prev.title ||
    canonical(f.figures) !== canonical(prev.figures) ||
    eventIds.length !== prev.eventIds.length ||
    f.paramVersion !== prev.paramVersion;
  if (!changed) return { row: prev, created: false, changed: false };
  const [row] = await tx
    .update(alerts)
    .set({ level, title: f.title, figures: f.figures, eventIds, paramVersion: f.paramVersion, updatedAt: at })
    .where(eq(alerts.id, prev.id))
    .returning();
  return { row, created: false, changed: true };
}

export async function appendHistory(tx: Tx, entry: typeof alertHistory.$inferInsert): Promise<void> {
  await tx.insert(alertHistory).values(entry);
}

export interface AlertFilter {
  rules?: string[];
  levels?: string[];
  statuses?: string[];
  /** unit codes the list is limited to (the caller's subtree, narrowed by the unit filter); null: all */
  units: string[] | null;
  subjectKind?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  overdueAt?: string;
  /** keyset: (createdAt, id) of the last item of the previous page */
  after?: { createdAt: string; id: string };
  limit: number;
}

function conditions(f: AlertFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.rules?.length) c.push(inArray(alerts.rule, f.rules));
  if (f.levels?.length) c.push(inArray(alerts.level, f.levels));
  if (f.statuses?.length) c.push(inArray(alerts.status, f.statuses));
  if (f.units !== null) c.push(f.units.length ? inArray(alerts.unitCode, f.units) : sql`false`);
  if (f.subjectKind) c.push(eq(alerts.subjectKind, f.subjectKind));
  if (f.subjectId) c.push(eq(alerts.subjectId, f.subjectId));
  if (f.from) c.push(gte(alerts.createdAt, f.from));
  if (f.to) c.push(lte(alerts.createdAt, f.to));
  if (f.overdueAt) c.push(and(sql`${alerts.status} <> 'closed'`, lt(alerts.dueAt, f.overdueAt)));
  return c.length ? and(...c) : undefined;
}

export async function listAlerts(tx: Tx, f: AlertFilter): Promise<{ rows: AlertRow[]; total: number }> {
  const where = conditions(f);
  const page = f.after
    ? or(lt(alerts.createdAt, f.after.createdAt), and(eq(alerts.createdAt, f.after.createdAt), lt(alerts.id, f.after.id)))
    : undefined;
  const rows = await tx
    .select()
    .from(alerts)
    .where(page ? and(where, page) : where)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(f.limit);
  const [{ n }] = await tx.select({ n: sql<string>`count(*)` }).from(alerts).where(where);
  return { rows, total: Number(n) };
}

export async function getAlert(tx: Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row;
}

export async function historyOf(tx: Tx, alertId: string): Promise<AlertHistoryRow[]> {
  return tx.select().from(alertHistory).where(eq(alertHistory.alertId, alertId)).orderBy(alertHistory.id);
}

/**
 * For other modules' lists and statistics: per subject of a kind, the highest level and the number of
 * alerts (open or closed) of the rules whose code starts with `rulePrefix`, optionally only for some
 * subjects.
 */
export async function subjectAlertLevels(
  tx: Tx,
  f: { subjectKind: string; rulePrefix?: string; subjectIds?: readonly string[] },
): Promise<{ subjectId: string; level: string; count: number }[]> {
  if (f.subjectIds && f.subjectIds.length === 0) return [];
  const c: SQL[] = [eq(alerts.subjectKind, f.subjectKind)];
  if (f.rulePrefix) c.push(sql`${alerts.rule} LIKE ${`${f.rulePrefix.replace(/[\\%_]/g, (x) => `\\${x}`)}%`}`);
  if (f.subjectIds) c.push(inArray(alerts.subjectId, [...f.subjectIds]));
  const rows = await tx
    .select({
      subjectId: alerts.subjectId,
      rank: sql<number>`max(CASE ${alerts.level} WHEN 'red' THEN 3 WHEN 'orange' THEN 2 WHEN 'yellow' THEN 1 ELSE 0 END)::int`,
      count: sql<number>`count(*)::int`,
    })
    .from(alerts)
    .where(and(...c))
    .groupBy(alerts.subjectId);
  const names = ['blue', 'yellow', 'orange', 'red'];
  return rows.map((r) => ({ subjectId: r.subjectId, level: names[Number(r.rank)], count: Number(r.count) }));
}
