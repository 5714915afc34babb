// Test support: a deliberately naive reading of the event-driven rules of rules.md (default parameters,
// "now" = the window's end), used to prove that the demo's data raises exactly the alerts its planted list
// names — no planted story silently broken, no honest data tripping a rule by accident. It is not the
// detection engine and must never be used as one.
import type { DemoEvent, RuleCode } from './demo-core.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;
const minuteOfDay = (t: number): number => Math.floor((((t + OFFSET) % DAY) + DAY) % DAY / 60_000);
const localDay = (t: number): number => Math.floor((t + OFFSET) / DAY);
const localDate = (t: number): string => new Date(t + OFFSET).toISOString().slice(0, 10);

/** the rules this oracle decides exactly; statistical (scheduled) rules are left to the engine */
export const ORACLE_RULES: readonly RuleCode[] = [
  'ALC_BREATH_BLOOD_GAP', 'ALC_NEAR_THRESHOLD', 'ALC_REFUSED_BREATH', 'ALC_KEY_PERSON', 'ALC_MANUAL_BREATH',
  'ALC_CHAIN_GAP', 'ALC_ROOM_ACCESS', 'ALC_LAB_STATUS', 'DEV_OFFLINE', 'BIZ_ONE_LICENSE_MANY_VEHICLES',
  'BIZ_AGENT_MANY_PERSONS', 'BIZ_POINTS_NOT_APPLIED', 'BIZ_OUT_OF_ORDER', 'BIZ_ONE_VEHICLE_MANY_CERTS',
  'BIZ_OFF_HOURS', 'BIZ_AUXILIARY_ACTING', 'BIZ_CORRECTION_SPIKE', 'AV_EARLY_DELETE', 'SEC_QUERY_VOLUME',
  'SEC_QUERY_OFF_HOURS', 'SEC_QUERY_NO_BUSINESS', 'SEC_SENSITIVE_SUBJECT', 'SEC_PRIVILEGE_GRANT',
  'CKPT_WATCHLIST_HIT', 'CKPT_CLONED_PLATE', 'CONDUCT_LEVEL',
];

interface CaseInfo {
  unit: string;
  breathT?: number;
  breath?: number;
  refused?: boolean;
  drawT?: number;
  drawLocated?: boolean;
  sampleNo?: string;
  storedT?: number;
  sentT?: number;
  sentLocated?: boolean;
  reportT?: number;
  value?: number;
}

const s = (v: unknown): string => v as string;
const n = (v: unknown): number => v as number;

/** `rule|kind|id` for every alert the oracle expects */
export function oracleFindings(events: Iterable<DemoEvent>, endMs: number): Set<string> {
  const out = new Set<string>();
  const fire = (rule: RuleCode, kind: string, id: string): void => void out.add(`${rule}|${kind}|${id}`);

  const persons = new Map<string, { kind: string; signed: boolean }>();
  const calibrated = new Map<string, string>();
  const rooms = new Map<string, { open: number; close: number; custodians: Set<string> }>();
  const labs = new Map<string, string>();
  const checkpoints = new Map<string, { lat: number; lng: number }>();
  const watch = new Set<string>();
  const sensitive = new Set<string>();
  const codePoints = new Map<string, number>();

  const cases = new Map<string, CaseInfo>();
  const sampleCase = new Map<string, string>();
  const retrievals: Array<{ t: number; who: string; sampleNo: string; purpose: string }> = [];
  const deviceEvents = new Map<string, Array<{ t: number; status: string }>>();
  const passes = new Map<string, Array<{ t: number; ck: string }>>();
  const violations = new Map<string, { plate: string; owner: string; t: number; points: number }>();
  const processed: Array<{ t: number; violationNo: string; plate: string; licence: string; applied: number }> = [];
  const processedAt = new Map<string, number>();
  const agentPersons = new Map<string, Map<number, Set<string>>>();
  const vinReissues = new Map<string, number>();
  const vinPlates = new Map<string, Set<string>>();
  const corrections = new Map<string, number>();
  const queriesPerDay = new Map<string, number>();
  const unlinkedPerDay = new Map<string, number>();
  const nightQueries = new Map<string, number>();
  const deductions = new Map<string, number>();
  const avRecorded = new Map<string, { t: number; kind: string }>();

  const addAgent = (agent: unknown, person: string, t: number): void => {
    if (typeof agent !== 'string') return;
    let byDay = agentPersons.get(agent);
    if (!byDay) agentPersons.set(agent, (byDay = new Map()));
    const d = localDay(t);
    let set = byDay.get(d);
    if (!set) byDay.set(d, (set = new Set()));
    set.add(person);
  };
  const offHours = (t: number): boolean => {
    const m = minuteOfDay(t);
    return m < 7 * 60 || m >= 20 * 60;
  };

  for (const e of events) {
    const d = e.data;
    const t = Date.parse(e.occurredAt);
    switch (e.type) {
      case 'ref.person':
        persons.set(s(d.personNo), { kind: s(d.kind), signed: d.confidentialitySigned as boolean });
        break;
      case 'ref.device':
        if (typeof d.calibratedUntil === 'string') calibrated.set(s(d.deviceId), d.calibratedUntil);
        break;
      case 'ref.evidence_room': {
        const [a, b] = s(d.openHours).split('-').map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
        rooms.set(s(d.roomId), { open: a, close: b, custodians: new Set(d.custodians as string[]) });
        break;
      }
      case 'ref.lab':
        labs.set(s(d.labId), s(d.status));
        break;
      case 'ref.checkpoint':
        checkpoints.set(s(d.checkpointId), { lat: n(d.lat), lng: n(d.lng) });
        break;
      case 'ref.watchlist':
        if (d.active) watch.add(s(d.plate));
        break;
      case 'ref.sensitive_subject':
        if (d.active) sensitive.add(s(d.subject));
        break;
      case 'ref.violation_code':
        codePoints.set(s(d.code), n(d.points));
        break;
      case 'alcohol.case_opened': {
        cases.set(s(d.caseNo), { unit: e.unit });
        const tags = d.tags as string[];
        if (tags.includes('suspected_official') || tags.includes('suspected_business_owner')) fire('ALC_KEY_PERSON', 'case', s(d.caseNo));
        break;
      }
      case 'alcohol.breath_test': {
        const c = cases.get(s(d.caseNo))!;
        c.breathT = t;
        c.refused = d.refused as boolean;
        if (d.refused) fire('ALC_REFUSED_BREATH', 'case', s(d.caseNo));
        else {
          c.breath = n(d.valueMg100ml);
          const until = calibrated.get(s(d.deviceId));
          if (d.source === 'manual' || (until !== undefined && until < localDate(t))) fire('ALC_MANUAL_BREATH', 'case', s(d.caseNo));
        }
        if (!e.location) fire('ALC_CHAIN_GAP', 'case', s(d.caseNo));
        break;
      }
      case 'alcohol.blood_drawn': {
        const c = cases.get(s(d.caseNo))!;
        c.drawT = t;
        c.drawLocated = e.location !== undefined;
        c.sampleNo = s(d.sampleNo);
        sampleCase.set(s(d.sampleNo), s(d.caseNo));
        break;
      }
      case 'alcohol.sample_stored':
        cases.get(sampleCase.get(s(d.sampleNo))!)!.storedT ??= t;
        break;
      case 'alcohol.sample_retrieved':
        retrievals.push({ t, who: e.actor!, sampleNo: s(d.sampleNo), purpose: s(d.purpose) });
        break;
      case 'alcohol.room_access': {
        if (d.action !== 'enter') break;
        const r = rooms.get(s(d.roomId))!;
        const m = minuteOfDay(t);
        if (m < r.open || m >= r.close || !r.custodians.has(e.actor!)) fire('ALC_ROOM_ACCESS', 'staff', e.actor!);
        break;
      }
      case 'alcohol.sample_sent': {
        const caseNo = sampleCase.get(s(d.sampleNo))!;
        const c = cases.get(caseNo)!;
        c.sentT ??= t;
        c.sentLocated = e.location !== undefined;
        if (labs.get(s(d.labId)) !== 'filed') fire('ALC_LAB_STATUS', 'case', caseNo);
        break;
      }
      case 'alcohol.lab_report': {
        const c = cases.get(s(d.caseNo))!;
        c.reportT = t;
        c.value = n(d.valueMg100ml);
        break;
      }
      case 'device.status': {
        let list = deviceEvents.get(s(d.deviceId));
        if (!list) deviceEvents.set(s(d.deviceId), (list = []));
        list.push({ t, status: s(d.status) });
        break;
      }
      case 'checkpoint.pass': {
        const key = `${s(d.plate)}|${s(d.plateColor)}`;
        let list = passes.get(key);
        if (!list) passes.set(key, (list = []));
        list.push({ t, ck: s(d.checkpointId) });
        if (watch.has(s(d.plate))) fire('CKPT_WATCHLIST_HIT', 'plate', s(d.plate));
        break;
      }
      case 'violation.recorded':
        violations.set(s(d.violationNo), { plate: s(d.plate), owner: s(d.ownerIdNo), t, points: codePoints.get(s(d.code))! });
        break;
      case 'violation.processed': {
        const v = violations.get(s(d.violationNo))!;
        processed.push({ t, violationNo: s(d.violationNo), plate: s(d.plate), licence: s(d.licenseIdNo), applied: n(d.pointsApplied) });
        processedAt.set(s(d.violationNo), t);
        if (n(d.pointsApplied) < v.points) fire('BIZ_POINTS_NOT_APPLIED', 'violation', s(d.violationNo));
        if (e.actor) {
          if (offHours(t)) fire('BIZ_OFF_HOURS', 'staff', e.actor);
          if (persons.get(e.actor)!.kind !== 'police') fire('BIZ_AUXILIARY_ACTING', 'staff', e.actor);
        }
        addAgent(d.agentIdNo, s(d.licenseIdNo), t);
        break;
      }
      case 'vehicle.business': {
        const type = s(d.bizType);
        if (offHours(t)) fire('BIZ_OFF_HOURS', 'staff', e.actor!);
        if ((type === 'archive_correction' || type === 'deregister') && persons.get(e.actor!)!.kind !== 'police') {
          fire('BIZ_AUXILIARY_ACTING', 'staff', e.actor!);
        }
        if (type === 'plate_reissue' || type === 'certificate_reissue') vinReissues.set(s(d.vin), (vinReissues.get(s(d.vin)) ?? 0) + 1);
        let plates = vinPlates.get(s(d.vin));
        if (!plates) vinPlates.set(s(d.vin), (plates = new Set()));
        plates.add(s(d.plate));
        if (type === 'archive_correction') {
          const key = `${e.actor}|${Math.floor((localDay(t) + 3) / 7)}`;
          corrections.set(key, (corrections.get(key) ?? 0) + 1);
        }
        addAgent(d.agentIdNo, s(d.ownerIdNo), t);
        break;
      }
      case 'driver.business':
        if (offHours(t)) fire('BIZ_OFF_HOURS', 'staff', e.actor!);
        addAgent(d.agentIdNo, s(d.idNo), t);
        break;
      case 'av.recorded':
        avRecorded.set(s(d.recordId), { t, kind: s(d.kind) });
        break;
      case 'av.deleted': {
        const r = avRecorded.get(s(d.recordId));
        const keep = r?.kind === 'bodycam' ? 90 * DAY : 3 * 365 * DAY;
        if (r && t - r.t < keep) fire('AV_EARLY_DELETE', 'record', s(d.recordId));
        break;
      }
      case 'system.query': {
        const user = e.actor!;
        const day = `${user}|${localDay(t)}`;
        queriesPerDay.set(day, (queriesPerDay.get(day) ?? 0) + 1);
        if (d.linkedBizNo === undefined) unlinkedPerDay.set(day, (unlinkedPerDay.get(day) ?? 0) + 1);
        const m = minuteOfDay(t);
        if (m >= 22 * 60 || m < 6 * 60) {
          const night = `${user}|${localDay(t + 2 * HOUR)}`;
          nightQueries.set(night, (nightQueries.get(night) ?? 0) + 1);
        }
        if (sensitive.has(s(d.subject))) fire('SEC_SENSITIVE_SUBJECT', 'staff', user);
        break;
      }
      case 'system.grant': {
        const p = persons.get(s(d.userNo))!;
        const role = s(d.role);
        if (d.granted && ((p.kind !== 'police' && (role === 'sysadmin' || role === 'approver')) || !p.signed)) {
          fire('SEC_PRIVILEGE_GRANT', 'staff', s(d.userNo));
        }
        break;
      }
      case 'conduct.deduction':
        deductions.set(s(d.personNo), (deductions.get(s(d.personNo)) ?? 0) + n(d.points));
        break;
      default:
        break;
    }
  }

  for (const [caseNo, c] of cases) {
    if (c.breathT === undefined) continue;
    const late = (from: number | undefined, to: number | undefined, limit: number): boolean =>
      from !== undefined && (to === undefined ? from + limit <= endMs : to - from > limit);
    if (c.breath !== undefined && c.value !== undefined && c.drawT !== undefined) {
      const dt = (c.drawT - c.breathT) / HOUR;
      const tol = Math.max(10, 0.15 * c.breath);
      if (c.value < c.breath - 25 * dt - tol || c.value > c.breath + tol + 20) fire('ALC_BREATH_BLOOD_GAP', 'case', caseNo);
    }
    if (c.value !== undefined && (Math.abs(c.value - 80) <= 8 || Math.abs(c.value - 20) <= 2)) fire('ALC_NEAR_THRESHOLD', 'case', caseNo);
    if (
      late(c.breathT, c.drawT, 2 * HOUR) || late(c.drawT, c.storedT, 24 * HOUR) || late(c.drawT, c.sentT, 24 * HOUR) ||
      late(c.sentT, c.reportT, 5 * DAY) || c.drawLocated === false || c.sentLocated === false
    ) {
      fire('ALC_CHAIN_GAP', 'case', caseNo);
    }
  }
  for (const r of retrievals) {
    const c = cases.get(sampleCase.get(r.sampleNo)!)!;
    const followed = r.purpose === 'send_to_lab' && c.sentT !== undefined && c.sentT >= r.t && c.sentT - r.t <= 24 * HOUR;
    if (!followed && r.t + 24 * HOUR <= endMs) fire('ALC_ROOM_ACCESS', 'staff', r.who);
  }
  for (const [deviceId, list] of deviceEvents) {
    list.sort((a, b) => a.t - b.t);
    list.forEach((ev, i) => {
      if (ev.status === 'online') return;
      const back = list.slice(i + 1).find((x) => x.status === 'online');
      if ((back ? back.t : endMs) - ev.t > 15 * 60_000) fire('DEV_OFFLINE', 'device', deviceId);
    });
  }
  for (const [key, list] of passes) {
    list.sort((a, b) => a.t - b.t);
    for (let i = 1; i < list.length; i++) {
      const a = checkpoints.get(list[i - 1].ck)!;
      const b = checkpoints.get(list[i].ck)!;
      const km = Math.hypot((b.lng - a.lng) * Math.cos(((a.lat + b.lat) * Math.PI) / 360) * 111.32, (b.lat - a.lat) * 110.57);
      const hours = Math.max(list[i].t - list[i - 1].t, 1000) / HOUR;
      if (km / hours > 200) fire('CKPT_CLONED_PLATE', 'plate', key.split('|')[0]);
    }
  }
  const foreign = new Map<string, Set<string>>();
  const byPlate = new Map<string, string[]>();
  for (const [no, v] of violations) {
    let list = byPlate.get(v.plate);
    if (!list) byPlate.set(v.plate, (list = []));
    list.push(no);
  }
  for (const p of processed) {
    const v = violations.get(p.violationNo)!;
    if (v.owner !== p.licence) {
      let set = foreign.get(p.licence);
      if (!set) foreign.set(p.licence, (set = new Set()));
      set.add(p.plate);
    }
    for (const no of byPlate.get(p.plate) ?? []) {
      const u = violations.get(no)!;
      if (u.t < v.t && (processedAt.get(no) ?? Infinity) > p.t) fire('BIZ_OUT_OF_ORDER', 'violation', p.violationNo);
    }
  }
  for (const [licence, plates] of foreign) if (plates.size >= 3) fire('BIZ_ONE_LICENSE_MANY_VEHICLES', 'citizen', licence);
  for (const [agent, byDay] of agentPersons) {
    const all = new Set<string>();
    for (const set of byDay.values()) {
      if (set.size >= 3) fire('BIZ_AGENT_MANY_PERSONS', 'citizen', agent);
      for (const p of set) all.add(p);
    }
    if (all.size >= 6) fire('BIZ_AGENT_MANY_PERSONS', 'citizen', agent);
  }
  for (const [vin, k] of vinReissues) if (k >= 2) fire('BIZ_ONE_VEHICLE_MANY_CERTS', 'vin', vin);
  for (const [vin, plates] of vinPlates) if (plates.size >= 2) fire('BIZ_ONE_VEHICLE_MANY_CERTS', 'vin', vin);
  for (const [key, k] of corrections) if (k >= 10) fire('BIZ_CORRECTION_SPIKE', 'staff', key.split('|')[0]);
  for (const [key, k] of queriesPerDay) if (k > 200) fire('SEC_QUERY_VOLUME', 'staff', key.split('|')[0]);
  for (const [key, k] of unlinkedPerDay) if (k >= 30) fire('SEC_QUERY_NO_BUSINESS', 'staff', key.split('|')[0]);
  for (const [key, k] of nightQueries) if (k >= 20) fire('SEC_QUERY_OFF_HOURS', 'staff', key.split('|')[0]);
  for (const [who, pts] of deductions) if (pts >= 6) fire('CONDUCT_LEVEL', 'staff', who);
  return out;
}
