// Drink-driving cases from the roadside stop to the closing decision, with every custody step the
// supervision system watches (seed 000): breath test, scene evidence, blood draw, evidence room in and out,
// hand-over to the lab, the lab's value, the finding. A normal case keeps every deadline with room to spare;
// the planted stories bend exactly one thing at a time.
import { ALCOHOL_HOURS, HOUR, MINUTE, near, officeTime, pad, query, roadPoint, sha, timeIn } from './demo-common.ts';
import { type Ctx, type RuleCode, nextNo, record } from './demo-core.ts';
import { BIASED_LAB } from './demo-names.ts';
import type { Rng } from './demo-rng.ts';
import { DAY, compactDate, dayStart, localDay, msOfDay, weekday } from './demo-time.ts';
import { relativeOf, type WCounty, type WDevice, type WLab, type WPerson, type WRoom } from './demo-world.ts';

export interface CaseOptions {
  county: WCounty;
  t0: number;
  origin?: 'planted' | 'natural';
  /** a squad's case instead of the county's */
  unitCode?: string;
  officer?: WPerson;
  vehicle?: number;
  tags?: string[];
  refused?: boolean;
  manual?: boolean;
  device?: WDevice;
  breath?: number;
  /** the lab's value, bypassing the elimination model */
  blood?: number;
  drawDelayMin?: number;
  drawWithoutLocation?: boolean;
  neverStored?: boolean;
  storeAt?: number;
  retrieveAt?: number;
  /** hours from draw to hand-over, when it is late */
  sendDelayH?: number;
  lab?: WLab;
  noReport?: boolean;
  note?: string;
}

export interface CaseResult {
  caseNo: string;
  sampleNo: string;
  unit: string;
  officer: WPerson;
  room: WRoom;
  breathT: number;
  drawT: number;
  storeT?: number;
  retrieveT?: number;
  sentT?: number;
  reportT?: number;
  closedT?: number;
  breath?: number;
  blood: number;
}

/** ALC_BREATH_BLOOD_GAP's condition, with its default parameters */
export function gapFires(breath: number, blood: number, dtHours: number): boolean {
  const tol = Math.max(10, 0.15 * breath);
  return blood < breath - 25 * dtHours - tol || blood > breath + tol + 20;
}

export const nearThreshold = (v: number): boolean => Math.abs(v - 80) <= 8 || Math.abs(v - 20) <= 2;

export const finding = (v: number): 'drunk' | 'drink' | 'none' => (v >= 80 ? 'drunk' : v >= 20 ? 'drink' : 'none');

function normalBreath(rng: Rng): number {
  return rng.chance(0.66) ? Math.round(82 + 178 * rng.float() ** 1.7) : Math.round(24 + 56 * rng.float());
}

/**
 * The lab's value from the breath value: alcohol is eliminated at 10–20 mg/100mL an hour between the two,
 * plus a few percent of measurement noise. Bounded so that an honest case can never trip the gap rule.
 */
function modelBlood(rng: Rng, breath: number, dtHours: number, biased: boolean): number {
  const r = rng.range(10, 20);
  const noise = Math.max(-0.055, Math.min(0.055, rng.normal() * 0.025)) * breath;
  let v = breath - r * dtHours + noise;
  // the biased lab reports a tenth low on every sample: invisible case by case, plain over thirty
  if (biased) v *= 0.9;
  v = Math.max(0, Math.round(v * 10) / 10);
  // keep natural values off the rule's edges, where ≤ versus < would decide
  for (const edge of [18, 22, 72, 88]) {
    if (Math.abs(v - edge) < 0.2) v = Math.round((v >= edge ? edge + 0.3 : edge - 0.3) * 10) / 10;
  }
  return v;
}

/** a moment when the evidence room is open, at least `minMin` minutes after `from` */
export function roomSlot(rng: Rng, room: WRoom, from: number, minMin: number, maxMin: number): number {
  const t = from + rng.int(minMin, maxMin) * MINUTE + rng.int(0, 59) * 1000;
  const m = msOfDay(t) / MINUTE;
  if (m >= room.openMin + 5 && m <= room.closeMin - 15) return t;
  const d = localDay(t) + (m < room.openMin + 5 ? 0 : 1);
  return dayStart(d) + (room.openMin + rng.int(5, 40)) * MINUTE + rng.int(0, 59) * 1000;
}

/** a custodian's (or anyone's) visit to the room: enter a little before, leave a little after */
export function roomVisit(ctx: Ctx, room: WRoom, who: WPerson, t: number, staySec = 300): void {
  const { rng, sink } = ctx;
  sink.emit(t - rng.int(40, 240) * 1000, 'alcohol.room_access', room.unitCode, who.no, undefined, { roomId: room.roomId, action: 'enter' });
  sink.emit(t + rng.int(60, staySec) * 1000, 'alcohol.room_access', room.unitCode, who.no, undefined, { roomId: room.roomId, action: 'exit' });
}

export function openCase(ctx: Ctx, o: CaseOptions): CaseResult {
  const { rng, sink, world, state } = ctx;
  const { pools } = world;
  const county = o.county;
  const origin = o.origin ?? 'natural';
  let unit = o.unitCode ?? county.code;
  let officers = county.police;
  if (!o.unitCode && county.squads.length > 0 && rng.chance(0.5)) {
    const sq = rng.pick(county.squads);
    unit = sq.code;
    officers = sq.police;
  }
  const officer = o.officer ?? rng.pick(officers);
  const ymd = compactDate(localDay(o.t0));
  const seq = pad(nextNo(state, `JQ${county.code6}`), 4);
  const caseNo = `JQ${county.code6}${ymd}${seq}`;
  const sampleNo = `XY${county.code6}${ymd}${seq}`;
  const at = (rule: RuleCode, when: number, note: string, kind: 'case' = 'case'): void =>
    record(ctx, { rule, subject: { kind, id: caseNo }, unit, at: when, origin, note: o.note ? `${o.note}；${note}` : note });

  const v = o.vehicle ?? rng.int(0, pools.normalVehicles - 1);
  const driver = rng.chance(0.8) ? pools.owner[v] : relativeOf(pools.owner[v]);
  const driverIdNo = pools.citizenIdNo[driver];
  const tags = o.tags ?? (rng.chance(0.015) ? [rng.chance(0.5) ? 'suspected_official' : 'suspected_business_owner'] : []);
  const place = roadPoint(rng, county);
  const opened = sink.emit(o.t0, 'alcohol.case_opened', unit, officer.no, place, {
    caseNo, driverIdNo, driverName: pools.citizenName[driver], plate: pools.plate[v], tags,
  });
  if (opened && tags.length > 0) at('ALC_KEY_PERSON', o.t0, `重点人员标签：${tags.join('、')}`);
  query(ctx, o.t0 + rng.int(20, 90) * 1000, officer, 'person', driverIdNo, caseNo);
  query(ctx, o.t0 + rng.int(30, 120) * 1000, officer, 'vehicle', pools.plate[v], caseNo);

  const breathT = o.t0 + rng.int(60, 360) * 1000;
  const refused = o.refused ?? rng.chance(0.009);
  const device = o.device ?? rng.pick(county.breathalyzers);
  const manual = o.manual ?? rng.chance(0.006);
  const breath = refused ? undefined : (o.breath ?? normalBreath(rng));
  const breathData: Record<string, unknown> = breath === undefined
    ? { caseNo, deviceId: device.deviceId, refused: true, source: 'device' }
    : { caseNo, deviceId: device.deviceId, valueMg100ml: breath, refused: false, source: manual ? 'manual' : 'device' };
  const breathKept = sink.emit(breathT, 'alcohol.breath_test', unit, officer.no, near(rng, place), breathData);
  if (breathKept && refused) at('ALC_REFUSED_BREATH', breathT, '驾驶人拒绝呼气式检测');
  if (breathKept && breath !== undefined && manual) at('ALC_MANUAL_BREATH', breathT, `呼气值${breath}为手工录入`);
  if (breathKept && breath !== undefined && !manual && device.expired) {
    at('ALC_MANUAL_BREATH', breathT, `酒精测试仪${device.deviceId}检定有效期至${device.calibratedUntil}，已过期`);
  }

  sink.emit(breathT + rng.int(60, 300) * 1000, 'alcohol.scene_evidence', unit, officer.no, near(rng, place), {
    caseNo, fileSha256: sha(rng), kind: 'photo',
  });
  if (rng.chance(0.5)) {
    sink.emit(breathT + rng.int(90, 480) * 1000, 'alcohol.scene_evidence', unit, officer.no, near(rng, place), {
      caseNo, fileSha256: sha(rng), kind: 'video',
    });
  }
  const avNo = nextNo(state, 'AV');
  sink.emit(o.t0 + rng.int(20, 90) * MINUTE, 'av.recorded', unit, undefined, undefined, {
    recordId: `AV${ymd}${pad(avNo, 6)}`, kind: 'bodycam', siteId: unit, durationSec: rng.int(300, 2400),
    subjectRef: caseNo, storageRef: `nvr://${unit}/${ymd}/AV${ymd}${pad(avNo, 6)}.mp4`,
  });

  const drawT = breathT + (o.drawDelayMin ?? rng.int(20, 100)) * MINUTE + rng.int(0, 59) * 1000;
  const dtH = (drawT - breathT) / HOUR;
  const lab = o.lab ?? county.city.labs[rng.weighted(county.city.labCum)];
  const blood = o.blood ??
    (breath === undefined ? Math.round((35 + 185 * rng.float() ** 1.3) * 10) / 10 : modelBlood(rng, breath, dtH, lab.labId === BIASED_LAB));
  if (o.blood === undefined && breath !== undefined && gapFires(breath, blood, dtH)) {
    throw new Error(`demo: an honest case would trip the gap rule (${breath} → ${blood})`);
  }
  const hospital = { lat: county.lat, lng: county.lng };
  const drawKept = sink.emit(drawT, 'alcohol.blood_drawn', unit, officer.no, o.drawWithoutLocation ? undefined : near(rng, hospital, 400), {
    caseNo, sampleNo, sealNo: `FT${rng.int(10_000_000, 99_999_999)}`, institution: county.hospital, photoSha256: sha(rng),
  });
  if (drawKept && drawT - breathT > 2 * HOUR) {
    at('ALC_CHAIN_GAP', drawT, `呼气检测后${dtH.toFixed(1)}小时才抽血（应在2小时内）`);
  }
  if (drawKept && o.drawWithoutLocation) at('ALC_CHAIN_GAP', drawT, '抽血环节未上传位置信息');
  const result: CaseResult = { caseNo, sampleNo, unit, officer, room: county.room, breathT, drawT, breath, blood };
  if (o.neverStored) {
    if (drawKept && drawT + 72 * HOUR <= sink.endMs) at('ALC_CHAIN_GAP', drawT, '血样抽取后超过72小时未入物证室、未送检');
    return result;
  }

  const room = county.room;
  const custodian = rng.pick(room.custodians);
  const storeT = o.storeAt ?? roomSlot(rng, room, drawT, 40, 120);
  roomVisit(ctx, room, custodian, storeT);
  sink.emit(storeT, 'alcohol.sample_stored', room.unitCode, custodian.no, { lat: room.lat, lng: room.lng }, { sampleNo, roomId: room.roomId });
  result.storeT = storeT;

  const retrieveT = o.retrieveAt ??
    (o.sendDelayH !== undefined ? roomSlot(rng, room, drawT + (o.sendDelayH - 1) * HOUR, 0, 10) : roomSlot(rng, room, storeT, 30, 120));
  const retriever = rng.pick(room.custodians);
  roomVisit(ctx, room, retriever, retrieveT);
  sink.emit(retrieveT, 'alcohol.sample_retrieved', room.unitCode, retriever.no, { lat: room.lat, lng: room.lng }, {
    sampleNo, roomId: room.roomId, purpose: 'send_to_lab',
  });
  result.retrieveT = retrieveT;

  const sentT = retrieveT + rng.int(20, 90) * MINUTE;
  const sentKept = sink.emit(sentT, 'alcohol.sample_sent', unit, officer.no, near(rng, lab, 200), {
    sampleNo, labId: lab.labId, handoverPhotoSha256: sha(rng),
  });
  result.sentT = sentT;
  if (sentKept && sentT - drawT > 24 * HOUR) {
    at('ALC_CHAIN_GAP', sentT, `抽血后${((sentT - drawT) / HOUR).toFixed(0)}小时才送检（应在24小时内）`);
  }
  if (sentKept && lab.status !== 'filed') {
    at('ALC_LAB_STATUS', sentT, `血样送至${lab.status === 'blacklisted' ? '黑名单' : '暂停委托'}机构${lab.name}`);
  }
  if (o.noReport) {
    if (sentKept && sentT + 5 * DAY <= sink.endMs) at('ALC_CHAIN_GAP', sentT, '送检超过5日未录入检验鉴定结果');
    return result;
  }

  // labs work office hours, one to four days after receiving the sample
  const reportT = officeTime(rng, dayStart(localDay(sentT) + rng.int(1, 4)) + rng.int(9 * 60, 16 * 60) * MINUTE);
  const reportKept = sink.emit(reportT, 'alcohol.lab_report', unit, undefined, undefined, {
    caseNo, sampleNo, labId: lab.labId, valueMg100ml: blood, reportPhotoSha256: sha(rng),
  });
  result.reportT = reportT;
  if (reportKept) {
    if (lab.labId === BIASED_LAB) {
      const key = `${lab.labId}|${compactDate(localDay(reportT)).slice(0, 6)}`;
      state.labReports.set(key, (state.labReports.get(key) ?? 0) + 1);
    }
    if (breath !== undefined && gapFires(breath, blood, dtH)) {
      at('ALC_BREATH_BLOOD_GAP', reportT, `呼气${breath}，血检${blood}，间隔${dtH.toFixed(1)}小时，生理上最低可能${Math.max(0, Math.round(breath - 25 * dtH - Math.max(10, 0.15 * breath)))}`);
    }
    if (nearThreshold(blood)) at('ALC_NEAR_THRESHOLD', reportT, `血液酒精含量${blood}mg/100mL，处于临界值附近`);
  }
  const closedT = officeTime(rng, reportT + rng.int(60, 40 * 60) * MINUTE);
  sink.emit(closedT, 'alcohol.case_closed', unit, officer.no, undefined, { caseNo, finding: finding(blood) });
  result.closedT = closedT;
  return result;
}

/** the day's ordinary cases: about 40 a day province-wide, more on Friday and Saturday nights */
export function dailyAlcohol(ctx: Ctx): void {
  const wd = weekday(ctx.day);
  const f = wd === 4 || wd === 5 ? 1.45 : wd === 6 ? 1.2 : 1;
  const n = ctx.rng.count(40 * ctx.scale * f);
  for (let i = 0; i < n; i++) {
    const t0 = timeIn(ctx, ALCOHOL_HOURS);
    if (Number.isNaN(t0)) continue;
    openCase(ctx, { county: ctx.world.counties[ctx.rng.weighted(ctx.world.countyCum)], t0 });
  }
}
