// The alcohol module's SQL. Every function takes the transaction it runs in.
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { caseChains, cases, caseSteps, devices, labStatusEvents, pendingSampleEvents, retestDraws, roomAccess, samples } from './alcohol.tables.ts';

export type StepRow = typeof caseSteps.$inferSelect;
export type ChainRow = typeof caseChains.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type SampleRow = typeof samples.$inferSelect;
export type DrawRow = typeof retestDraws.$inferSelect;

// ── Custody chain ───────────────────────────────────────────────────────────────────────────────────────

/** the chain heads of these cases, locked until the transaction ends */
export async function lockChains(tx: Tx, caseNos: readonly string[]): Promise<ChainRow[]> {
  if (caseNos.length === 0) return [];
  return tx.select().from(caseChains).where(inArray(caseChains.caseNo, [...caseNos])).orderBy(asc(caseChains.caseNo)).for('update');
}

export async function chainsOf(tx: Tx, caseNos: readonly string[]): Promise<ChainRow[]> {
  if (caseNos.length === 0) return [];
  return tx.select().from(caseChains).where(inArray(caseChains.caseNo, [...caseNos]));
}

export async function chainPage(tx: Tx, afterCaseNo: string | null, limit: number): Promise<ChainRow[]> {
  return tx
    .select()
    .from(caseChains)
    .where(afterCaseNo === null ? undefined : sql`${caseChains.caseNo} > ${afterCaseNo}`)
    .orderBy(asc(caseChains.caseNo))
    .limit(limit);
}

export async function leafHashesOf(tx: Tx, caseNos: readonly string[]): Promise<{ caseNo: string; leafIndex: number; leafHash: Buffer }[]> {
  if (caseNos.length === 0) return [];
  return tx
    .select({ caseNo: caseSteps.caseNo, leafIndex: caseSteps.leafIndex, leafHash: caseSteps.leafHash })
    .from(caseSteps)
    .where(inArray(caseSteps.caseNo, [...caseNos]))
    .orderBy(asc(caseSteps.caseNo), asc(caseSteps.leafIndex));
}

export async function stepsOf(tx: Tx, caseNos: readonly string[]): Promise<StepRow[]> {
  if (caseNos.length === 0) return [];
  return tx.select().from(caseSteps).where(inArray(caseSteps.caseNo, [...caseNos])).orderBy(asc(caseSteps.caseNo), asc(caseSteps.leafIndex));
}

export async function insertSteps(tx: Tx, rows: (typeof caseSteps.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(caseSteps).values(rows.slice(i, i + 1000));
}

export async function upsertChains(tx: Tx, rows: (typeof caseChains.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(caseChains)
    .values(rows)
    .onConflictDoUpdate({
      target: caseChains.caseNo,
      set: { size: sql`excluded.size`, root: sql`excluded.root`, auditSeq: sql`excluded.audit_seq`, updatedAt: sql`excluded.updated_at` },
    });
}

// ── Samples ─────────────────────────────────────────────────────────────────────────────────────────────

/** the first draw naming a sample owns it; a later claim does not move it */
export async function claimSamples(tx: Tx, draws: { sampleNo: string; caseNo: string; unitCode: string }[]): Promise<void> {
  if (draws.length === 0) return;
  await tx
    .insert(samples)
    .values(draws.map((d) => ({ ...d, label: 'A', status: 'drawn' })))
    .onConflictDoNothing();
}

export async function sampleOwners(tx: Tx, sampleNos: readonly string[]): Promise<Map<string, string>> {
  if (sampleNos.length === 0) return new Map();
  const rows = await tx.select({ sampleNo: samples.sampleNo, caseNo: samples.caseNo }).from(samples).where(inArray(samples.sampleNo, [...new Set(sampleNos)]));
  return new Map(rows.map((r) => [r.sampleNo, r.caseNo]));
}

export async function insertPending(tx: Tx, rows: (typeof pendingSampleEvents.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(pendingSampleEvents).values(rows).onConflictDoNothing();
}

/** remove and return the pending events of samples that now have an owner */
export async function adoptPending(tx: Tx, sampleNos: readonly string[]): Promise<(typeof pendingSampleEvents.$inferSelect)[]> {
  if (sampleNos.length === 0) return [];
  return tx.delete(pendingSampleEvents).where(inArray(pendingSampleEvents.sampleNo, [...new Set(sampleNos)])).returning();
}

export async function upsertSamples(tx: Tx, rows: (typeof samples.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(samples)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: samples.sampleNo,
        // the owner never changes; everything else follows the owner's steps
        set: {
          label: sql`excluded.label`,
          drawnAt: sql`excluded.drawn_at`,
          status: sql`excluded.status`,
          roomId: sql`excluded.room_id`,
          labId: sql`excluded.lab_id`,
          statusAt: sql`excluded.status_at`,
          storedAt: sql`excluded.stored_at`,
          sentAt: sql`excluded.sent_at`,
          unitCode: sql`excluded.unit_code`,
        },
        setWhere: sql`${samples.caseNo} = excluded.case_no`,
      });
  }
}

export async function samplesOfCases(tx: Tx, caseNos: readonly string[]): Promise<SampleRow[]> {
  if (caseNos.length === 0) return [];
  return tx.select().from(samples).where(inArray(samples.caseNo, [...caseNos]));
}

/** samples in these rooms now, or of these rooms and not yet handed to a lab */
export async function samplesOfRooms(tx: Tx, roomIds: readonly string[]): Promise<SampleRow[]> {
  if (roomIds.length === 0) return [];
  return tx
    .select()
    .from(samples)
    .where(and(inArray(samples.roomId, [...roomIds]), inArray(samples.status, ['stored', 'retrieved'])));
}

/** samples of these units not yet handed to a lab, drawn before `drawnBefore` */
export async function samplesNotSent(tx: Tx, units: string[] | null, drawnBefore: string, limit: number): Promise<SampleRow[]> {
  const c: (SQL | undefined)[] = [inArray(samples.status, ['drawn', 'stored', 'retrieved']), lt(samples.drawnAt, drawnBefore)];
  if (units !== null) c.push(units.length ? inArray(samples.unitCode, units) : sql`false`);
  return tx.select().from(samples).where(and(...c)).orderBy(asc(samples.drawnAt), asc(samples.sampleNo)).limit(limit);
}

// ── Cases ───────────────────────────────────────────────────────────────────────────────────────────────

export async function upsertCases(tx: Tx, rows: (typeof cases.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const set: Record<string, SQL> = {};
    for (const [prop, col] of Object.entries({
      unitCode: 'unit_code', openedAt: 'opened_at', hasOpening: 'has_opening', closedAt: 'closed_at', finding: 'finding',
      driverName: 'driver_name', driverIdNo: 'driver_id_no', plate: 'plate', tags: 'tags', breathValue: 'breath_value',
      breathAt: 'breath_at', refused: 'refused', drawnAt: 'drawn_at', sentAt: 'sent_at', labId: 'lab_id', bloodValue: 'blood_value',
      reportAt: 'report_at', ratio: 'ratio', reports: 'reports', stepCount: 'step_count',
    })) set[prop] = sql.raw(`excluded."${col}"`);
    await tx.insert(cases).values(rows.slice(i, i + 500)).onConflictDoUpdate({ target: cases.caseNo, set });
  }
}

export async function getCase(tx: Tx, caseNo: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(1);
  return row;
}

export async function casesByNos(tx: Tx, caseNos: readonly string[]): Promise<CaseRow[]> {
  if (caseNos.length === 0) return [];
  return tx.select().from(cases).where(inArray(cases.caseNo, [...caseNos]));
}

export interface CaseFilter {
  /** unit codes the list is limited to; null: all */
  units: string[] | null;
  from?: string;
  to?: string;
  findings?: string[];
  tags?: string[];
  labId?: string;
  q?: string;
  /** only these cases (alert-level filter); null: no restriction */
  only?: string[] | null;
  /** not these cases (level "none") */
  except?: string[];
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function caseConditions(f: CaseFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.units !== null) c.push(f.units.length ? inArray(cases.unitCode, f.units) : sql`false`);
  if (f.from) c.push(gte(cases.openedAt, f.from));
  if (f.to) c.push(lt(cases.openedAt, f.to));
  if (f.findings?.length) {
    const named = f.findings.filter((x) => x !== 'open');
    const parts: SQL[] = [];
    if (named.length) parts.push(inArray(cases.finding, named));
    if (f.findings.includes('open')) parts.push(sql`${cases.closedAt} IS NULL`);
    c.push(or(...parts));
  }
  if (f.tags?.length) c.push(sql`${cases.tags} && ${sql.param(f.tags)}::text[]`);
  if (f.labId) c.push(eq(cases.labId, f.labId));
  if (f.q) {
    const p = likePrefix(f.q);
    c.push(or(sql`${cases.caseNo} LIKE ${p}`, sql`${cases.plate} LIKE ${p.toUpperCase()}`, sql`${cases.driverName} LIKE ${p}`));
  }
  if (f.only !== undefined && f.only !== null) c.push(f.only.length ? inArray(cases.caseNo, f.only) : sql`false`);
  if (f.except?.length) c.push(sql`NOT (${inArray(cases.caseNo, f.except)})`);
  return c.length ? and(...c) : undefined;
}

export async function listCases(tx: Tx, f: CaseFilter, page: { after?: { openedAt: string; caseNo: string }; limit: number }): Promise<{ rows: CaseRow[]; total: number }> {
  const where = caseConditions(f);
  const after = page.after
    ? or(lt(cases.openedAt, page.after.openedAt), and(eq(cases.openedAt, page.after.openedAt), lt(cases.caseNo, page.after.caseNo)))
    : undefined;
  const rows = await tx
    .select()
    .from(cases)
    .where(after ? and(where, after) : where)
    .orderBy(desc(cases.openedAt), desc(cases.caseNo))
    .limit(page.limit);
  const [{ n }] = await tx.select({ n: sql<string>`count(*)` }).from(cases).where(where);
  return { rows, total: Number(n) };
}

/** cases of these units opened in [from, to) */
export async function casesOpenedIn(tx: Tx, units: string[] | null, from: string, to: string): Promise<{ caseNo: string; unitCode: string; openedAt: string }[]> {
  return tx
    .select({ caseNo: cases.caseNo, unitCode: cases.unitCode, openedAt: cases.openedAt })
    .from(cases)
    .where(and(caseConditions({ units }), gte(cases.openedAt, from), lt(cases.openedAt, to)));
}

// ── Labs ────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertLabStatusEvents(tx: Tx, rows: (typeof labStatusEvents.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(labStatusEvents).values(rows).onConflictDoNothing();
}

export async function labStatusEventsOf(tx: Tx, labId?: string) {
  return tx
    .select()
    .from(labStatusEvents)
    .where(labId === undefined ? undefined : eq(labStatusEvents.labId, labId))
    .orderBy(asc(labStatusEvents.labId), asc(labStatusEvents.at), asc(labStatusEvents.eventId));
}

export interface LabAggregate {
  labId: string;
  cases: number;
  reported: number;
  withRatio: number;
  meanRatio: number | null;
  ratioSum: number;
  meanTurnaroundHours: number | null;
  medianTurnaroundHours: number | null;
}

/** per lab, over the cases of these units */
export async function labAggregates(tx: Tx, units: string[] | null): Promise<LabAggregate[]> {
  const where = and(caseConditions({ units }), sql`${cases.labId} IS NOT NULL`);
  const rows = await tx
    .select({
      labId: sql<string>`${cases.labId}`,
      cases: sql<number>`count(*)::int`,
      reported: sql<number>`count(${cases.bloodValue})::int`,
      withRatio: sql<number>`count(${cases.ratio})::int`,
      meanRatio: sql<number | null>`avg(${cases.ratio})::float8`,
      ratioSum: sql<number>`coalesce(sum(${cases.ratio}), 0)::float8`,
      meanTurnaroundHours: sql<number | null>`avg(extract(epoch from (${cases.reportAt} - ${cases.sentAt})) / 3600)::float8`,
      medianTurnaroundHours: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (${cases.reportAt} - ${cases.sentAt})) / 3600)::float8`,
    })
    .from(cases)
    .where(where)
    .groupBy(cases.labId);
  return rows.map((r) => ({
    labId: r.labId,
    cases: Number(r.cases),
    reported: Number(r.reported),
    withRatio: Number(r.withRatio),
    meanRatio: r.meanRatio === null ? null : Number(r.meanRatio),
    ratioSum: Number(r.ratioSum),
    meanTurnaroundHours: r.meanTurnaroundHours === null ? null : Number(r.meanTurnaroundHours),
    medianTurnaroundHours: r.medianTurnaroundHours === null ? null : Number(r.medianTurnaroundHours),
  }));
}

export async function labMonthly(tx: Tx, units: string[] | null, labId: string) {
  const month = sql<string>`to_char(coalesce(${cases.reportAt}, ${cases.sentAt}, ${cases.openedAt}) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = await tx
    .select({
      month,
      cases: sql<number>`count(*)::int`,
      meanRatio: sql<number | null>`avg(${cases.ratio})::float8`,
      meanTurnaroundHours: sql<number | null>`avg(extract(epoch from (${cases.reportAt} - ${cases.sentAt})) / 3600)::float8`,
    })
    .from(cases)
    .where(and(caseConditions({ units, labId })))
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => ({
    month: r.month,
    cases: Number(r.cases),
    meanRatio: r.meanRatio === null ? null : Number(r.meanRatio),
    meanTurnaroundHours: r.meanTurnaroundHours === null ? null : Number(r.meanTurnaroundHours),
  }));
}

export async function labRecentCases(tx: Tx, units: string[] | null, labId: string, limit: number): Promise<CaseRow[]> {
  return tx
    .select()
    .from(cases)
    .where(caseConditions({ units, labId }))
    .orderBy(sql`coalesce(${cases.reportAt}, ${cases.sentAt}, ${cases.openedAt}) DESC`, desc(cases.caseNo))
    .limit(limit);
}

// ── Evidence rooms and devices ──────────────────────────────────────────────────────────────────────────

export async function insertRoomAccess(tx: Tx, rows: (typeof roomAccess.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(roomAccess).values(rows).onConflictDoNothing();
}

export async function roomRegister(tx: Tx, roomId: string, f: { from?: string; to?: string; limit: number }) {
  const c: (SQL | undefined)[] = [eq(roomAccess.roomId, roomId)];
  if (f.from) c.push(gte(roomAccess.at, f.from));
  if (f.to) c.push(lt(roomAccess.at, f.to));
  return tx.select().from(roomAccess).where(and(...c)).orderBy(desc(roomAccess.at), desc(roomAccess.eventId)).limit(f.limit);
}

export async function lastAccess(tx: Tx, roomIds: readonly string[]): Promise<Map<string, string>> {
  if (roomIds.length === 0) return new Map();
  const rows = await tx
    .select({ roomId: roomAccess.roomId, at: sql<string>`max(${roomAccess.at})` })
    .from(roomAccess)
    .where(inArray(roomAccess.roomId, [...roomIds]))
    .groupBy(roomAccess.roomId);
  return new Map(rows.map((r) => [r.roomId, r.at]));
}

/** sample_stored / sample_retrieved steps of a room */
export async function roomSampleSteps(tx: Tx, roomId: string, f: { from?: string; to?: string; limit: number }): Promise<StepRow[]> {
  const c: (SQL | undefined)[] = [inArray(caseSteps.type, ['alcohol.sample_stored', 'alcohol.sample_retrieved']), sql`${caseSteps.data}->>'roomId' = ${roomId}`];
  if (f.from) c.push(gte(caseSteps.at, f.from));
  if (f.to) c.push(lt(caseSteps.at, f.to));
  return tx.select().from(caseSteps).where(and(...c)).orderBy(desc(caseSteps.at)).limit(f.limit);
}

/** ref.device (site and kind) and device.status (status), each where the latest occurredAt wins */
export async function upsertDeviceSites(tx: Tx, rows: { deviceId: string; kind: string; siteId: string; siteAsOf: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(devices)
    .values(rows)
    .onConflictDoUpdate({
      target: devices.deviceId,
      set: { kind: sql`excluded.kind`, siteId: sql`excluded.site_id`, siteAsOf: sql`excluded.site_as_of` },
      setWhere: sql`${devices.siteAsOf} IS NULL OR ${devices.siteAsOf} <= excluded.site_as_of`,
    });
}

export async function upsertDeviceStatus(tx: Tx, rows: { deviceId: string; status: string; statusAt: string; statusEventId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(devices)
    .values(rows)
    .onConflictDoUpdate({
      target: devices.deviceId,
      set: { status: sql`excluded.status`, statusAt: sql`excluded.status_at`, statusEventId: sql`excluded.status_event_id` },
      setWhere: sql`${devices.statusAt} IS NULL OR (${devices.statusAt}, ${devices.statusEventId}) < (excluded.status_at, excluded.status_event_id)`,
    });
}

export async function camerasAt(tx: Tx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return tx
    .select()
    .from(devices)
    .where(and(inArray(devices.siteId, [...siteIds]), eq(devices.kind, 'camera')))
    .orderBy(asc(devices.deviceId));
}

// ── Re-test draws ───────────────────────────────────────────────────────────────────────────────────────

export async function insertDraw(tx: Tx, row: typeof retestDraws.$inferInsert): Promise<DrawRow> {
  const [r] = await tx.insert(retestDraws).values(row).returning();
  return r;
}

export async function setDrawAudit(tx: Tx, id: string, seq: number): Promise<void> {
  await tx.update(retestDraws).set({ auditSeq: seq }).where(eq(retestDraws.id, id));
}

export async function getDraw(tx: Tx, id: string): Promise<DrawRow | undefined> {
  const [r] = await tx.select().from(retestDraws).where(eq(retestDraws.id, id)).limit(1);
  return r;
}

export async function listDraws(tx: Tx, units: string[] | null, limit: number): Promise<DrawRow[]> {
  return tx
    .select()
    .from(retestDraws)
    .where(units === null ? undefined : units.length ? inArray(retestDraws.unitCode, units) : sql`false`)
    .orderBy(desc(retestDraws.drawnAt))
    .limit(limit);
}
