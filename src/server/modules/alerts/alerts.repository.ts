// The alerts module's SQL.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { alertAttachments, alertCounts, alertHistory, alerts, dueKey, levelRank, notifications, supervisionOrders } from './alerts.tables.ts';

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
export async function upsertFinding(tx: Tx, f: FindingInput, at: string, signDueAt?: (f: FindingInput) => string): Promise<{ row: AlertRow; created: boolean; changed: boolean }> {
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
        stageStartedAt: at,
        dueAt: signDueAt ? signDueAt(f) : null,
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

export type AlertUpdate = Partial<Omit<typeof alerts.$inferInsert, 'id' | 'rule' | 'subjectKind' | 'subjectId' | 'createdAt'>>;

export async function lockAlert(tx: Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update').limit(1);
  return row;
}

export async function updateAlert(tx: Tx, id: string, set: AlertUpdate): Promise<AlertRow> {
  const [row] = await tx.update(alerts).set(set).where(eq(alerts.id, id)).returning();
  return row;
}

export async function addAttachments(tx: Tx, alertId: string, hashes: readonly string[]): Promise<void> {
  if (!hashes.length) return;
  await tx
    .insert(alertAttachments)
    .values([...new Set(hashes)].map((sha256) => ({ sha256, alertId })))
    .onConflictDoNothing();
}

/** the units of the alerts citing a file */
export async function unitsCitingFile(tx: Tx, sha256: string): Promise<string[]> {
  const rows = await tx
    .select({ unitCode: alerts.unitCode })
    .from(alertAttachments)
    .innerJoin(alerts, eq(alerts.id, alertAttachments.alertId))
    .where(eq(alertAttachments.sha256, sha256));
  return rows.map((r) => r.unitCode);
}

export type SupervisionOrderRow = typeof supervisionOrders.$inferSelect;

export async function insertOrder(tx: Tx, o: typeof supervisionOrders.$inferInsert): Promise<SupervisionOrderRow> {
  const [row] = await tx.insert(supervisionOrders).values(o).returning();
  return row;
}

export async function closeOrder(tx: Tx, id: string, status: string, at: string): Promise<SupervisionOrderRow | undefined> {
  const [row] = await tx
    .update(supervisionOrders)
    .set({ status, closedAt: at })
    .where(and(eq(supervisionOrders.id, id), eq(supervisionOrders.status, 'open')))
    .returning();
  return row;
}

export async function ordersOf(tx: Tx, alertId: string): Promise<SupervisionOrderRow[]> {
  return tx.select().from(supervisionOrders).where(eq(supervisionOrders.alertId, alertId)).orderBy(asc(supervisionOrders.issuedAt));
}

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInput = typeof notifications.$inferInsert;

export async function insertNotifications(tx: Tx, rows: NotificationInput[]): Promise<void> {
  if (rows.length) await tx.insert(notifications).values(rows);
}

export async function notificationsAfter(tx: Tx, afterId: number, limit: number, units?: string[] | null): Promise<NotificationRow[]> {
  const c = [gt(notifications.id, afterId)];
  if (units) c.push(units.length ? inArray(notifications.unitCode, units) : sql`false`);
  return tx.select().from(notifications).where(and(...c)).orderBy(asc(notifications.id)).limit(limit);
}

export async function lastNotificationId(tx: Tx): Promise<number> {
  const [r] = await tx.select({ id: sql<string | null>`max(${notifications.id})` }).from(notifications);
  return Number(r?.id ?? 0);
}

export async function listNotifications(tx: Tx, f: { units: string[] | null; beforeId?: number; from?: string; to?: string; limit: number }): Promise<NotificationRow[]> {
  const c: (SQL | undefined)[] = [];
  if (f.units !== null) c.push(f.units.length ? inArray(notifications.unitCode, f.units) : sql`false`);
  if (f.beforeId !== undefined) c.push(lt(notifications.id, f.beforeId));
  if (f.from) c.push(gte(notifications.at, f.from));
  if (f.to) c.push(lt(notifications.at, f.to));
  return tx.select().from(notifications).where(and(...c)).orderBy(desc(notifications.id)).limit(f.limit);
}

export async function countNotificationsByKind(tx: Tx, f: { units: string[] | null; from: string; to: string }): Promise<Record<string, number>> {
  const c: (SQL | undefined)[] = [gte(notifications.at, f.from), lt(notifications.at, f.to)];
  if (f.units !== null) c.push(f.units.length ? inArray(notifications.unitCode, f.units) : sql`false`);
  const rows = await tx.select({ kind: notifications.kind, n: sql<string>`count(*)` }).from(notifications).where(and(...c)).groupBy(notifications.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** open alerts whose deadline passed and whose miss is not yet recorded */
export async function missedDeadlines(tx: Tx, nowIso: string, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(sql`${alerts.status} <> 'closed'`, lt(alerts.dueAt, nowIso), sql`${alerts.missedDueAt} IS DISTINCT FROM ${alerts.dueAt}`))
    .orderBy(asc(alerts.dueAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** opened and closed counts for the digest */
export async function dayCounts(tx: Tx, f: { units: string[] | null; from: string; to: string }) {
  const unitCond = f.units === null ? sql`true` : f.units.length ? inArray(alerts.unitCode, f.units) : sql`false`;
  const opened = await tx
    .select({ level: alerts.level, n: sql<string>`count(*)` })
    .from(alerts)
    .where(and(unitCond, gte(alerts.createdAt, f.from), lt(alerts.createdAt, f.to)))
    .groupBy(alerts.level);
  const [closed] = await tx
    .select({
      total: sql<string>`count(*)`,
      late: sql<string>`count(*) filter (where ${alerts.dueAt} is not null and ${alerts.closedAt} > ${alerts.dueAt})`,
    })
    .from(alerts)
    .where(and(unitCond, gte(alerts.closedAt, f.from), lt(alerts.closedAt, f.to)));
  return { opened: Object.fromEntries(opened.map((r) => [r.level, Number(r.n)])) as Record<string, number>, closed: { total: Number(closed.total), late: Number(closed.late) } };
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
  /** alerts escalated to this unit's board */
  escalatedTo?: string;
  /** the list's order; ties always break by createdAt desc, then id desc. Default: createdAt desc */
  sort?: AlertSort;
  /** keyset: the sort key (null for createdAt or no deadline), createdAt and id of the previous page's last item */
  after?: AlertKey;
  limit: number;
}

export type AlertSortKey = 'createdAt' | 'level' | 'dueAt' | 'rule' | 'unit';
export interface AlertSort {
  key: AlertSortKey;
  desc: boolean;
}
export interface AlertKey {
  key: string | null;
  createdAt: string;
  id: string;
}

/** a row's value of a sort key, as a cursor carries it: level name, deadline (null: none), rule or unit code */
export function sortValue(key: AlertSortKey, row: AlertRow): string | null {
  switch (key) {
    case 'createdAt':
      return null;
    case 'level':
      return row.level;
    case 'dueAt':
      return row.dueAt === null ? null : new Date(row.dueAt).toISOString();
    case 'rule':
      return row.rule;
    case 'unit':
      return row.unitCode;
  }
}

/**
 * The sort key as SQL: of the alerts' column, or (given `value`) of a cursor's value — the same expressions
 * the sort indexes of alerts.tables.ts are built on.
 */
function sortExpr(key: AlertSortKey, value?: string | null): AnyPgColumn | SQL {
  const given = value !== undefined;
  switch (key) {
    case 'createdAt':
      return given ? sql`${value}::timestamptz` : alerts.createdAt;
    case 'level':
      return levelRank(given ? sql`${value}::text` : alerts.level);
    case 'dueAt':
      return dueKey(given ? sql`${value}::timestamptz` : alerts.dueAt);
    case 'rule':
      return given ? sql`${value}::text` : alerts.rule;
    case 'unit':
      return given ? sql`${value}::text` : alerts.unitCode;
  }
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
  // judged like the `overdue` field: an open alert against now, a closed one against when it was closed
  if (f.overdueAt) {
    c.push(
      or(
        and(sql`${alerts.status} <> 'closed'`, lt(alerts.dueAt, f.overdueAt)),
        and(eq(alerts.status, 'closed'), sql`${alerts.closedAt} > ${alerts.dueAt}`),
      ),
    );
  }
  if (f.escalatedTo) c.push(eq(alerts.escalatedTo, f.escalatedTo));
  return c.length ? and(...c) : undefined;
}

/**
 * Below this many matches, a filter that has an index of its own (units, rules, subject, time) is read
 * through it and sorted, rather than by walking a sort index and skipping what does not match: a county's
 * alerts may all sit at one end of the rule order, and the walk would pass the rest of the province first.
 */
const SORT_AFTER_FILTER_MAX = 50_000;

export async function listAlerts(tx: Tx, f: AlertFilter): Promise<{ rows: AlertRow[]; total: number }> {
  const where = conditions(f);
  const total = await countAlerts(tx, f, where);
  const indexedFilter = f.units !== null || !!f.rules?.length || !!f.subjectId || !!f.from || !!f.to;
  const rows = await pageOf(tx, where, f.sort ?? { key: 'createdAt', desc: true }, f.after, f.limit, indexedFilter && total <= SORT_AFTER_FILTER_MAX);
  return { rows, total };
}

/** the sort key in a form no sort index serves, so the planner reads the filter's index and sorts */
function unindexed(key: AlertSortKey, expr: AnyPgColumn | SQL): SQL {
  switch (key) {
    case 'level':
      return sql`(${expr} + 0)`;
    case 'dueAt':
    case 'createdAt':
      return sql`(${expr} + interval '0 s')`;
    case 'rule':
    case 'unit':
      return sql`(${expr} || '')`;
  }
}

/**
 * One page in the order (key, createdAt desc, id desc), after the cursor's row. A descending key runs the
 * same way as its tie-breaks, so the rest is one row comparison over an index read backwards. An ascending
 * key runs against them, which no single range expresses: the rest of the cursor's key (its later rows by
 * createdAt desc, id desc), then the keys after it — each a range of an index, with no rows read twice.
 */
async function pageOf(tx: Tx, where: SQL | undefined, sort: AlertSort, after: AlertKey | undefined, limit: number, sortAfterFilter = false): Promise<AlertRow[]> {
  const byCreated = sort.key === 'createdAt';
  const key = sortExpr(sort.key);
  const direction = sort.desc ? desc : asc;
  const ordered = sortAfterFilter && !byCreated ? unindexed(sort.key, key) : key;
  const order = byCreated ? [direction(alerts.createdAt), desc(alerts.id)] : [direction(ordered), desc(alerts.createdAt), desc(alerts.id)];
  const select = async (cond: SQL | undefined, n: number, orderBy = order): Promise<AlertRow[]> => {
    if (!sortAfterFilter) return tx.select().from(alerts).where(and(where, cond)).orderBy(...orderBy).limit(n);
    // the page's ids from the unit index alone, then those rows
    const ids = (await tx.select({ id: alerts.id }).from(alerts).where(and(where, cond)).orderBy(...orderBy).limit(n)).map((r) => r.id);
    if (ids.length === 0) return [];
    const byId = new Map((await tx.select().from(alerts).where(inArray(alerts.id, ids))).map((r) => [r.id, r]));
    return ids.map((i) => byId.get(i)!);
  };
  if (!after) return select(undefined, limit);
  const at = sql`${after.createdAt}::timestamptz`;
  const id = sql`${after.id}::uuid`;
  const before = sql`(${alerts.createdAt}, ${alerts.id}) < (${at}, ${id})`;
  if (sort.desc) {
    return select(byCreated ? before : sql`(${key}, ${alerts.createdAt}, ${alerts.id}) < (${sortExpr(sort.key, after.key)}, ${at}, ${id})`, limit);
  }
  const k0 = byCreated ? at : sortExpr(sort.key, after.key);
  const rest = await select(and(sql`${key} = ${k0}`, before), limit, [desc(alerts.createdAt), desc(alerts.id)]);
  if (rest.length === limit) return rest;
  return [...rest, ...(await select(sql`${key} > ${k0}`, limit - rest.length))];
}

/**
 * The number of alerts a filter matches. Filters on unit, rule, level and status alone (a board's usual
 * question) sum the counts the `alert_counts` trigger keeps; any other filter counts the alerts.
 */
async function countAlerts(tx: Tx, f: AlertFilter, where: SQL | undefined): Promise<number> {
  const onlyCounted = !(f.subjectKind || f.subjectId || f.from || f.to || f.escalatedTo);
  if (f.overdueAt) {
    // the two halves of overdue are disjoint (open vs closed): the open half is counted through its partial
    // index, the closed half (closed after the deadline, which never changes) is summed from the counts
    const base = conditions({ ...f, overdueAt: undefined });
    const [{ n: open }] = await tx
      .select({ n: sql<string>`count(*)` })
      .from(alerts)
      .where(and(base, sql`${alerts.status} <> 'closed'`, lt(alerts.dueAt, f.overdueAt)));
    if (onlyCounted) {
      const [{ n: late }] = await tx.select({ n: sql<string>`coalesce(sum(${alertCounts.late}), 0)` }).from(alertCounts).where(countsWhere(f));
      return Number(open) + Number(late);
    }
    const [{ n: late }] = await tx
      .select({ n: sql<string>`count(*)` })
      .from(alerts)
      .where(and(base, sql`status = 'closed' and closed_at > due_at`));
    return Number(open) + Number(late);
  }
  if (!onlyCounted) {
    const [{ n }] = await tx.select({ n: sql<string>`count(*)` }).from(alerts).where(where);
    return Number(n);
  }
  const [{ n }] = await tx.select({ n: sql<string>`coalesce(sum(${alertCounts.n}), 0)` }).from(alertCounts).where(countsWhere(f));
  return Number(n);
}

/** the `alert_counts` rows a filter on unit, rule, level and status covers */
function countsWhere(f: AlertFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.rules?.length) c.push(inArray(alertCounts.rule, f.rules));
  if (f.levels?.length) c.push(inArray(alertCounts.level, f.levels));
  if (f.statuses?.length) c.push(inArray(alertCounts.status, f.statuses));
  if (f.units !== null) c.push(f.units.length ? inArray(alertCounts.unitCode, f.units) : sql`false`);
  return c.length ? and(...c) : undefined;
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
      rank: sql<number>`max(${levelRank(alerts.level)})::int`,
      count: sql<number>`count(*)::int`,
    })
    .from(alerts)
    .where(and(...c))
    .groupBy(alerts.subjectId);
  const names = ['blue', 'yellow', 'orange', 'red'];
  return rows.map((r) => ({ subjectId: r.subjectId, level: names[Number(r.rank)], count: Number(r.count) }));
}
