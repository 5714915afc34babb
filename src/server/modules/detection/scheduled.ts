// Input assembly for the scheduled (calendar-window) rules. Windows are local Asia/Shanghai days, weeks
// (Monday 00:00) and calendar months. Counting is done by PostgreSQL over the keyed projection (which holds
// only the event types rules read, indexed by kind and time), so a month of tens of millions of events is
// aggregated where it lies, in one pass for any number of windows, and only the counts travel.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { personsByNos, personsWithRole } from '../reference/index.ts';
import type { Rule } from './rule.ts';
import { DAY, isoDay, localDay, localDayStart, weekday } from './rules/common.ts';
import type { CorrectionWeekInput, ExamWeekInput, InspectionMonthInput, QueryDayInput } from './rules/inputs.ts';
import type { LabBiasInput } from './rules/alc-lab-bias.ts';
import { bizCorrectionSpike } from './rules/biz-correction-spike.ts';
import { examAssignmentSkew } from './rules/exam-assignment-skew.ts';
import { examPassRateOutlier } from './rules/exam-pass-rate-outlier.ts';
import { inspNonlocalShare } from './rules/insp-nonlocal-share.ts';
import { inspPassRateOutlier } from './rules/insp-pass-rate-outlier.ts';
import { secQueryVolume } from './rules/sec-query-volume.ts';
import { alcLabBias } from './rules/alc-lab-bias.ts';
import type { Evaluation } from './families.ts';

export type Calendar = 'daily' | 'weekly' | 'monthly';

/** one calendar window, [start, end) in epoch ms */
export interface Window {
  calendar: Calendar;
  start: number;
  end: number;
  /** `2026-11-01`, the Monday's date for a week, or `2026-11` */
  label: string;
}

const OFFSET = 8 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** the local calendar month containing ms: [start, end) and `YYYY-MM` */
function monthOf(ms: number): Window {
  const d = new Date(ms + OFFSET);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const start = Date.UTC(y, m, 1) - OFFSET;
  const end = Date.UTC(y, m + 1, 1) - OFFSET;
  return { calendar: 'monthly', start, end, label: `${y}-${String(m + 1).padStart(2, '0')}` };
}

/** the windows of a calendar that ended in (after, asOf]: what a run as of asOf has to judge */
export function windowsEndedBetween(calendar: Calendar, after: number, asOf: number): Window[] {
  const out: Window[] = [];
  if (calendar === 'daily') {
    for (let day = localDay(asOf) - 1; localDayStart(day + 1) > after; day--) {
      out.push({ calendar, start: localDayStart(day), end: localDayStart(day + 1), label: isoDay(day) });
    }
  } else if (calendar === 'weekly') {
    const today = localDay(asOf);
    let monday = today - weekday(today) - 7;
    for (; localDayStart(monday + 7) > after; monday -= 7) {
      out.push({ calendar, start: localDayStart(monday), end: localDayStart(monday + 7), label: isoDay(monday) });
    }
  } else {
    let w = monthOf(monthOf(asOf).start - 1);
    for (; w.end > after; w = monthOf(w.start - 1)) out.push(w);
  }
  return out.reverse();
}

interface Ctx {
  units: UnitTree;
}

/** one window's evaluations */
export interface WindowEvaluations {
  window: Window;
  evals: Evaluation[];
}

export interface ScheduledFamily {
  calendar: Calendar;
  rules: readonly Rule<any, any>[];
  /** the inputs of every window given, read in one pass over the span they cover */
  assemble(tx: Tx, windows: readonly Window[], ctx: Ctx): Promise<WindowEvaluations[]>;
}

/** SQL: the start (epoch ms) of the calendar window an instant `at` falls in */
function bucket(calendar: Calendar) {
  const day = sql`floor((extract(epoch FROM at) * 1000 + ${OFFSET}) / ${DAY})::bigint`;
  if (calendar === 'daily') return sql`(${day} * ${DAY} - ${OFFSET})`;
  if (calendar === 'weekly') return sql`((${day} - ((${day} + 3) % 7)) * ${DAY} - ${OFFSET})`;
  return sql`(extract(epoch FROM (date_trunc('month', at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')) * 1000)::bigint`;
}

const span = (windows: readonly Window[]) => ({ from: iso(Math.min(...windows.map((w) => w.start))), to: iso(Math.max(...windows.map((w) => w.end))) });

/** rows grouped by window start, in the windows' order */
function byWindow<T extends { w: string | number }>(windows: readonly Window[], rows: readonly T[]): Array<[Window, T[]]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = Number(r.w);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return windows.map((w) => [w, m.get(w.start) ?? []]);
}

const queryVolume: ScheduledFamily = {
  calendar: 'daily',
  rules: [secQueryVolume],
  async assemble(tx, windows) {
    if (windows.length === 0) return [];
    const { from, to } = span(windows);
    const days = await tx.execute<{ w: string; actor: string; n: number; unit: string; ids: string[] }>(sql`
      SELECT ${bucket('daily')} AS w, key AS actor, count(*)::int AS n, mode() WITHIN GROUP (ORDER BY event->>'unit') AS unit,
             (array_agg(event_id ORDER BY at, event_id))[1:50] AS ids
        FROM detection_keyed_events
       WHERE kind = 'user' AND at >= ${from}::timestamptz AND at < ${to}::timestamptz
       GROUP BY 1, 2`);
    if (days.rows.length === 0) return [];
    const hist = await tx.execute<{ w: string; actor: string; n: number }>(sql`
      SELECT ${bucket('daily')} AS w, key AS actor, count(*)::int AS n
        FROM detection_keyed_events
       WHERE kind = 'user' AND key = ANY(${sql.param([...new Set(days.rows.map((r) => r.actor))])}::text[])
         AND at >= ${iso(Date.parse(from) - 30 * DAY)}::timestamptz AND at < ${to}::timestamptz
       GROUP BY 1, 2`);
    // per actor, the daily counts from 30 days before the first window on: a window's history is a slice
    const base = Date.parse(from) - 30 * DAY;
    const dayCount = Math.round((Date.parse(to) - base) / DAY) + 1;
    const counts = new Map<string, Int32Array>();
    for (const r of hist.rows) {
      let list = counts.get(r.actor);
      if (!list) counts.set(r.actor, (list = new Int32Array(dayCount)));
      const d = Math.round((Number(r.w) - base) / DAY);
      if (d >= 0 && d < dayCount) list[d] = Number(r.n);
    }
    const none = new Int32Array(dayCount);
    const persons = new Map((await personsByNos(tx, days.rows.map((r) => r.actor))).map((p) => [p.personNo, p]));
    const out: WindowEvaluations[] = [];
    for (const [w, rows] of byWindow(windows, days.rows)) {
      if (rows.length === 0) continue;
      const input: QueryDayInput = {
        day: w.label,
        users: rows.map((r) => ({
          userNo: r.actor,
          name: persons.get(r.actor)?.name ?? null,
          unit: r.unit,
          roles: persons.get(r.actor)?.roles ?? [],
          count: Number(r.n),
          history: Array.from((counts.get(r.actor) ?? none).subarray(Math.round((w.start - base) / DAY) - 30, Math.round((w.start - base) / DAY))),
          eventIds: r.ids,
        })),
      };
      out.push({ window: w, evals: [{ rule: secQueryVolume, input }] });
    }
    return out;
  },
};

const correctionSpike: ScheduledFamily = {
  calendar: 'weekly',
  rules: [bizCorrectionSpike],
  async assemble(tx, windows) {
    if (windows.length === 0) return [];
    const { from, to } = span(windows);
    const r = await tx.execute<{ w: string; actor: string; n: number; unit: string; ids: string[] }>(sql`
      SELECT ${bucket('weekly')} AS w, event->>'actor' AS actor, count(*)::int AS n, mode() WITHIN GROUP (ORDER BY event->>'unit') AS unit,
             array_agg(event_id ORDER BY at, event_id) AS ids
        FROM detection_keyed_events
       WHERE kind = 'vin' AND type = 'vehicle.business' AND event->'data'->>'bizType' = 'archive_correction' AND event->>'actor' IS NOT NULL
         AND at >= ${from}::timestamptz AND at < ${to}::timestamptz
       GROUP BY 1, 2`);
    const clerkRows = await personsWithRole(tx, 'window_clerk');
    const names = new Map((await personsByNos(tx, r.rows.map((x) => x.actor))).map((p) => [p.personNo, p.name]));
    const out: WindowEvaluations[] = [];
    for (const [w, rows] of byWindow(windows, r.rows)) {
      const clerks = new Map<string, CorrectionWeekInput['clerks'][number]>();
      for (const p of clerkRows) clerks.set(p.personNo, { personNo: p.personNo, name: p.name, unit: p.unitCode, corrections: 0, eventIds: [] });
      for (const x of rows) {
        const c = clerks.get(x.actor);
        if (c) {
          c.corrections = Number(x.n);
          c.eventIds = x.ids;
        } else clerks.set(x.actor, { personNo: x.actor, name: names.get(x.actor) ?? null, unit: x.unit, corrections: Number(x.n), eventIds: x.ids });
      }
      if (rows.length === 0) continue;
      out.push({ window: w, evals: [{ rule: bizCorrectionSpike, input: { weekStart: w.start, clerks: [...clerks.values()] } satisfies CorrectionWeekInput }] });
    }
    return out;
  },
};

const examWeek: ScheduledFamily = {
  calendar: 'weekly',
  rules: [examPassRateOutlier, examAssignmentSkew],
  async assemble(tx, windows) {
    if (windows.length === 0) return [];
    const { from, to } = span(windows);
    const r = await tx.execute<{ w: string; examiner: string; site: string; subject: number; school: string; n: number; passed: number; unit: string; ids: string[] }>(sql`
      SELECT ${bucket('weekly')} AS w, event->>'actor' AS examiner, key AS site, (event->'data'->>'subject')::int AS subject, event->'data'->>'school' AS school,
             count(*)::int AS n, count(*) FILTER (WHERE (event->'data'->>'passed')::boolean)::int AS passed,
             mode() WITHIN GROUP (ORDER BY event->>'unit') AS unit, array_agg(event_id ORDER BY at, event_id) AS ids
        FROM detection_keyed_events
       WHERE kind = 'exam' AND event->>'actor' IS NOT NULL AND at >= ${from}::timestamptz AND at < ${to}::timestamptz
       GROUP BY 1, 2, 3, 4, 5`);
    const names = Object.fromEntries((await personsByNos(tx, r.rows.map((x) => x.examiner))).map((p) => [p.personNo, p.name]));
    const out: WindowEvaluations[] = [];
    for (const [w, rows] of byWindow(windows, r.rows)) {
      if (rows.length === 0) continue;
      const input: ExamWeekInput = {
        weekStart: w.start,
        cells: rows.map((x) => ({ examiner: x.examiner, siteId: x.site, subject: Number(x.subject), school: x.school, exams: Number(x.n), passed: Number(x.passed), unit: x.unit, eventIds: x.ids })),
        examinerNames: names,
      };
      out.push({
        window: w,
        evals: [
          { rule: examPassRateOutlier, input },
          { rule: examAssignmentSkew, input },
        ],
      });
    }
    return out;
  },
};

const inspectionMonth: ScheduledFamily = {
  calendar: 'monthly',
  rules: [inspPassRateOutlier, inspNonlocalShare],
  async assemble(tx, windows, { units }) {
    if (windows.length === 0) return [];
    const { from, to } = span(windows);
    const r = await tx.execute<{ w: string; station: string; cls: string; region: string; n: number; passed: number; unit: string; ids: string[] }>(sql`
      SELECT ${bucket('monthly')} AS w, key AS station, event->'data'->>'vehicleClass' AS cls, event->'data'->>'registeredRegion' AS region,
             count(*)::int AS n, count(*) FILTER (WHERE (event->'data'->>'firstPassed')::boolean)::int AS passed,
             mode() WITHIN GROUP (ORDER BY event->>'unit') AS unit, array_agg(event_id ORDER BY at, event_id) AS ids
        FROM detection_keyed_events
       WHERE kind = 'station' AND at >= ${from}::timestamptz AND at < ${to}::timestamptz
       GROUP BY 1, 2, 3, 4`);
    const out: WindowEvaluations[] = [];
    for (const [w, rows] of byWindow(windows, r.rows)) {
      if (rows.length === 0) continue;
      const stationCityPrefixes: Record<string, string[]> = {};
      for (const x of rows) {
        if (stationCityPrefixes[x.station]) continue;
        // the city is the nearest unit at or above the station's unit that has plate prefixes
        for (let u = units.get(x.unit); u; u = u.parentCode ? units.get(u.parentCode) : undefined) {
          if (u.platePrefixes.length) {
            stationCityPrefixes[x.station] = u.platePrefixes;
            break;
          }
        }
      }
      const input: InspectionMonthInput = {
        month: w.label,
        cells: rows.map((x) => ({ stationId: x.station, vehicleClass: x.cls, registeredRegion: x.region, inspections: Number(x.n), firstPassed: Number(x.passed), unit: x.unit, eventIds: x.ids })),
        stationCityPrefixes,
      };
      out.push({
        window: w,
        evals: [
          { rule: inspPassRateOutlier, input },
          { rule: inspNonlocalShare, input },
        ],
      });
    }
    return out;
  },
};

const labBias: ScheduledFamily = {
  calendar: 'monthly',
  rules: [alcLabBias],
  async assemble(tx, windows, { units }) {
    if (windows.length === 0) return [];
    const { from, to } = span(windows);
    // each case's first report per lab and month, paired with the case's first breath value above 0
    const r = await tx.execute<{ w: string; lab_id: string; case_no: string; blood: number; report_id: string; breath: number | null; breath_id: string | null; lab_name: string | null }>(sql`
      WITH reports AS (
        SELECT DISTINCT ON (w, case_no, lab_id) w, lab_id, case_no, blood, report_id FROM (
          SELECT ${bucket('monthly')} AS w, key AS lab_id, event->'data'->>'caseNo' AS case_no, (event->'data'->>'valueMg100ml')::float8 AS blood, event_id AS report_id, at
            FROM detection_keyed_events
           WHERE kind = 'lab' AND type = 'alcohol.lab_report' AND event->'data' ? 'valueMg100ml' AND at >= ${from}::timestamptz AND at < ${to}::timestamptz) x
         ORDER BY w, case_no, lab_id, at, report_id
      ), breath AS (
        SELECT DISTINCT ON (c.case_no) c.case_no, (c.event->'data'->>'valueMg100ml')::float8 AS breath, c.event_id AS breath_id
          FROM detection_case_events c
         WHERE c.case_no IN (SELECT case_no FROM reports) AND c.event->>'type' = 'alcohol.breath_test'
           AND c.event->'data' ? 'valueMg100ml' AND coalesce((c.event->'data'->>'refused')::boolean, false) = false
         ORDER BY c.case_no, (c.event->>'at')::bigint, c.event_id
      )
      SELECT r.w, r.lab_id, r.case_no, r.blood, r.report_id, b.breath, b.breath_id, l.name AS lab_name
        FROM reports r LEFT JOIN breath b ON b.case_no = r.case_no LEFT JOIN labs l ON l.lab_id = r.lab_id`);
    const province = units.root()?.code ?? '';
    const out: WindowEvaluations[] = [];
    for (const [w, rows] of byWindow(windows, r.rows)) {
      const labs = new Map<string, LabBiasInput['labs'][number]>();
      for (const x of rows) {
        if (x.breath === null || Number(x.breath) <= 0) continue;
        let lab = labs.get(x.lab_id);
        if (!lab) labs.set(x.lab_id, (lab = { labId: x.lab_id, name: x.lab_name, unit: province, pairs: [] }));
        lab.pairs.push({ caseNo: x.case_no, breath: Number(x.breath), blood: Number(x.blood), eventIds: [x.report_id, x.breath_id!] });
      }
      if (labs.size) out.push({ window: w, evals: [{ rule: alcLabBias, input: { month: w.label, labs: [...labs.values()] } satisfies LabBiasInput }] });
    }
    return out;
  },
};

export const scheduledFamilies: readonly ScheduledFamily[] = [queryVolume, correctionSpike, examWeek, inspectionMonth, labBias];
