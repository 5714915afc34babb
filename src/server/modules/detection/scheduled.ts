// Input assembly for the scheduled (calendar-window) rules. Windows are local Asia/Shanghai days, weeks
// (Monday 00:00) and calendar months. Counting is done by PostgreSQL over the event store's time index,
// so a month of tens of millions of events is aggregated where it lies and only the counts travel.
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

export interface ScheduledFamily {
  calendar: Calendar;
  rules: readonly Rule<any, any>[];
  assemble(tx: Tx, w: Window, ctx: Ctx): Promise<Evaluation[]>;
}

const queryVolume: ScheduledFamily = {
  calendar: 'daily',
  rules: [secQueryVolume],
  async assemble(tx, w) {
    const day = await tx.execute<{ actor: string; n: number; unit: string; ids: string[] }>(sql`
      SELECT actor, count(*)::int AS n, mode() WITHIN GROUP (ORDER BY unit_code) AS unit, (array_agg(id ORDER BY occurred_at, id))[1:50] AS ids
        FROM events
       WHERE type = 'system.query' AND actor IS NOT NULL AND occurred_at >= ${iso(w.start)}::timestamptz AND occurred_at < ${iso(w.end)}::timestamptz
       GROUP BY actor`);
    if (day.rows.length === 0) return [];
    const hist = await tx.execute<{ actor: string; d: number; n: number }>(sql`
      SELECT actor, floor((extract(epoch FROM occurred_at) * 1000 + ${OFFSET}) / ${DAY})::int AS d, count(*)::int AS n
        FROM events
       WHERE type = 'system.query' AND actor = ANY(${sql.param(day.rows.map((r) => r.actor))}::text[])
         AND occurred_at >= ${iso(w.start - 30 * DAY)}::timestamptz AND occurred_at < ${iso(w.start)}::timestamptz
       GROUP BY 1, 2`);
    const first = localDay(w.start);
    const byUser = new Map<string, number[]>();
    for (const r of hist.rows) {
      let h = byUser.get(r.actor);
      if (!h) byUser.set(r.actor, (h = new Array(30).fill(0)));
      const i = Number(r.d) - (first - 30);
      if (i >= 0 && i < 30) h[i] = Number(r.n);
    }
    const persons = new Map((await personsByNos(tx, day.rows.map((r) => r.actor))).map((p) => [p.personNo, p]));
    const input: QueryDayInput = {
      day: w.label,
      users: day.rows.map((r) => ({
        userNo: r.actor,
        name: persons.get(r.actor)?.name ?? null,
        unit: r.unit,
        roles: persons.get(r.actor)?.roles ?? [],
        count: Number(r.n),
        history: byUser.get(r.actor) ?? new Array(30).fill(0),
        eventIds: r.ids,
      })),
    };
    return [{ rule: secQueryVolume, input }];
  },
};

const correctionSpike: ScheduledFamily = {
  calendar: 'weekly',
  rules: [bizCorrectionSpike],
  async assemble(tx, w) {
    const r = await tx.execute<{ actor: string; n: number; unit: string; ids: string[] }>(sql`
      SELECT actor, count(*)::int AS n, mode() WITHIN GROUP (ORDER BY unit_code) AS unit, array_agg(id ORDER BY occurred_at, id) AS ids
        FROM events
       WHERE type = 'vehicle.business' AND body->'data'->>'bizType' = 'archive_correction' AND actor IS NOT NULL
         AND occurred_at >= ${iso(w.start)}::timestamptz AND occurred_at < ${iso(w.end)}::timestamptz
       GROUP BY actor`);
    const clerks = new Map<string, CorrectionWeekInput['clerks'][number]>();
    for (const p of await personsWithRole(tx, 'window_clerk')) clerks.set(p.personNo, { personNo: p.personNo, name: p.name, unit: p.unitCode, corrections: 0, eventIds: [] });
    const others = await personsByNos(tx, r.rows.map((x) => x.actor));
    const names = new Map(others.map((p) => [p.personNo, p.name]));
    for (const x of r.rows) {
      const c = clerks.get(x.actor);
      if (c) {
        c.corrections = Number(x.n);
        c.eventIds = x.ids;
      } else clerks.set(x.actor, { personNo: x.actor, name: names.get(x.actor) ?? null, unit: x.unit, corrections: Number(x.n), eventIds: x.ids });
    }
    if (clerks.size === 0) return [];
    return [{ rule: bizCorrectionSpike, input: { weekStart: w.start, clerks: [...clerks.values()] } satisfies CorrectionWeekInput }];
  },
};

const examWeek: ScheduledFamily = {
  calendar: 'weekly',
  rules: [examPassRateOutlier, examAssignmentSkew],
  async assemble(tx, w) {
    const r = await tx.execute<{ examiner: string; site: string; subject: number; school: string; n: number; passed: number; unit: string; ids: string[] }>(sql`
      SELECT actor AS examiner, body->'data'->>'siteId' AS site, (body->'data'->>'subject')::int AS subject, body->'data'->>'school' AS school,
             count(*)::int AS n, count(*) FILTER (WHERE (body->'data'->>'passed')::boolean)::int AS passed,
             mode() WITHIN GROUP (ORDER BY unit_code) AS unit, array_agg(id ORDER BY occurred_at, id) AS ids
        FROM events
       WHERE type = 'exam.result' AND actor IS NOT NULL
         AND occurred_at >= ${iso(w.start)}::timestamptz AND occurred_at < ${iso(w.end)}::timestamptz
       GROUP BY 1, 2, 3, 4`);
    if (r.rows.length === 0) return [];
    const names = Object.fromEntries((await personsByNos(tx, r.rows.map((x) => x.examiner))).map((p) => [p.personNo, p.name]));
    const input: ExamWeekInput = {
      weekStart: w.start,
      cells: r.rows.map((x) => ({ examiner: x.examiner, siteId: x.site, subject: Number(x.subject), school: x.school, exams: Number(x.n), passed: Number(x.passed), unit: x.unit, eventIds: x.ids })),
      examinerNames: names,
    };
    return [
      { rule: examPassRateOutlier, input },
      { rule: examAssignmentSkew, input },
    ];
  },
};

const inspectionMonth: ScheduledFamily = {
  calendar: 'monthly',
  rules: [inspPassRateOutlier, inspNonlocalShare],
  async assemble(tx, w, { units }) {
    const r = await tx.execute<{ station: string; cls: string; region: string; n: number; passed: number; unit: string; ids: string[] }>(sql`
      SELECT body->'data'->>'stationId' AS station, body->'data'->>'vehicleClass' AS cls, body->'data'->>'registeredRegion' AS region,
             count(*)::int AS n, count(*) FILTER (WHERE (body->'data'->>'firstPassed')::boolean)::int AS passed,
             mode() WITHIN GROUP (ORDER BY unit_code) AS unit, array_agg(id ORDER BY occurred_at, id) AS ids
        FROM events
       WHERE type = 'inspection.result' AND occurred_at >= ${iso(w.start)}::timestamptz AND occurred_at < ${iso(w.end)}::timestamptz
       GROUP BY 1, 2, 3`);
    if (r.rows.length === 0) return [];
    const stationCityPrefixes: Record<string, string[]> = {};
    for (const x of r.rows) {
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
      cells: r.rows.map((x) => ({ stationId: x.station, vehicleClass: x.cls, registeredRegion: x.region, inspections: Number(x.n), firstPassed: Number(x.passed), unit: x.unit, eventIds: x.ids })),
      stationCityPrefixes,
    };
    return [
      { rule: inspPassRateOutlier, input },
      { rule: inspNonlocalShare, input },
    ];
  },
};

const labBias: ScheduledFamily = {
  calendar: 'monthly',
  rules: [alcLabBias],
  async assemble(tx, w, { units }) {
    // each report of the month paired with its case's first breath value above 0 (from the case projection)
    const r = await tx.execute<{ lab_id: string; case_no: string; blood: number; report_id: string; breath: number | null; breath_id: string | null; lab_name: string | null; lab_unit: string | null }>(sql`
      WITH reports AS (
        SELECT DISTINCT ON (body->'data'->>'caseNo', body->'data'->>'labId')
               body->'data'->>'labId' AS lab_id, body->'data'->>'caseNo' AS case_no, (body->'data'->>'valueMg100ml')::float8 AS blood, id AS report_id
          FROM events
         WHERE type = 'alcohol.lab_report' AND body->'data' ? 'valueMg100ml'
           AND occurred_at >= ${iso(w.start)}::timestamptz AND occurred_at < ${iso(w.end)}::timestamptz
         ORDER BY body->'data'->>'caseNo', body->'data'->>'labId', occurred_at, id
      ), breath AS (
        SELECT DISTINCT ON (c.case_no) c.case_no, (c.event->'data'->>'valueMg100ml')::float8 AS breath, c.event_id AS breath_id
          FROM detection_case_events c
         WHERE c.case_no IN (SELECT case_no FROM reports) AND c.event->>'type' = 'alcohol.breath_test'
           AND c.event->'data' ? 'valueMg100ml' AND coalesce((c.event->'data'->>'refused')::boolean, false) = false
         ORDER BY c.case_no, (c.event->>'at')::bigint, c.event_id
      )
      SELECT r.lab_id, r.case_no, r.blood, r.report_id, b.breath, b.breath_id, l.name AS lab_name, NULL::text AS lab_unit
        FROM reports r LEFT JOIN breath b ON b.case_no = r.case_no LEFT JOIN labs l ON l.lab_id = r.lab_id`);
    const byLab = new Map<string, LabBiasInput['labs'][number]>();
    const province = units.root()?.code ?? '';
    for (const x of r.rows) {
      if (x.breath === null || Number(x.breath) <= 0) continue;
      let lab = byLab.get(x.lab_id);
      if (!lab) byLab.set(x.lab_id, (lab = { labId: x.lab_id, name: x.lab_name, unit: x.lab_unit ?? province, pairs: [] }));
      lab.pairs.push({ caseNo: x.case_no, breath: Number(x.breath), blood: Number(x.blood), eventIds: [x.report_id, x.breath_id!] });
    }
    if (byLab.size === 0) return [];
    return [{ rule: alcLabBias, input: { month: w.label, labs: [...byLab.values()] } satisfies LabBiasInput }];
  },
};

export const scheduledFamilies: readonly ScheduledFamily[] = [queryVolume, correctionSpike, examWeek, inspectionMonth, labBias];
