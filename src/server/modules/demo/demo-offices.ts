// Office work: vehicle and driver business at service windows, exams, inspections, audio/video records,
// device health, look-ups, role grants and conduct deductions. Normal work stays inside office hours, is
// done by the kind of person allowed to do it, and spreads agents, reissues and deductions thinly enough
// that no rule fires on it.
import { HOUR, officeFactor, pad, query, sessionTime, timeIn } from './demo-common.ts';
import { type Ctx, nextNo } from './demo-core.ts';
import { makeIdNo, makePlate, makeVin } from './demo-identity.ts';
import { CONDUCT_ITEMS, OUTSIDE_PLACES } from './demo-names.ts';
import { cumulative } from './demo-rng.ts';
import { compactDate, dayStart, localDay, weekday } from './demo-time.ts';
import {
  VEHICLE_CLASSES, relativeOf, type WCity, type WCounty, type WDevice, type WExamSite, type WPerson,
  type WStation,
} from './demo-world.ts';

export type VehicleBizType =
  | 'register' | 'transfer' | 'plate_reissue' | 'certificate_reissue' | 'archive_correction' | 'deregister' | 'other';
export type DriverBizType = 'renewal' | 'reissue' | 'full_score_education' | 'other';

const VEHICLE_BIZ: readonly VehicleBizType[] = ['register', 'transfer', 'plate_reissue', 'certificate_reissue', 'archive_correction', 'deregister', 'other'];
const VEHICLE_BIZ_CUM = cumulative([25, 30, 4, 4, 3, 5, 29]);
const DRIVER_BIZ: readonly DriverBizType[] = ['renewal', 'reissue', 'full_score_education', 'other'];
const DRIVER_BIZ_CUM = cumulative([60, 20, 8, 12]);
/** only police officers may do these (BIZ_AUXILIARY_ACTING) */
const POLICE_ONLY = new Set<VehicleBizType>(['archive_correction', 'deregister']);

/** the service office a piece of work goes to: the city's vehicle office or a county's window */
function office(ctx: Ctx, policeOnly: boolean): { city: WCity; county: WCounty; clerk: WPerson } {
  const { rng, world } = ctx;
  const county = world.counties[rng.weighted(world.countyCum)];
  const city = county.city;
  let clerk: WPerson;
  if (rng.chance(0.6)) {
    clerk = policeOnly || rng.chance(0.6) ? rng.pick(city.clerkPolice) : rng.pick(city.clerkAux);
  } else {
    clerk = policeOnly || rng.chance(0.6) ? county.clerkPolice : county.clerkAux;
  }
  return { city, county, clerk };
}

const unit6 = (code: string): string => code.slice(0, 6);

export interface VehicleBizSpec {
  t: number;
  clerk: WPerson;
  bizType: VehicleBizType;
  plate: string;
  vin: string;
  ownerIdNo: string;
  agentIdNo?: string;
}

export function vehicleBusiness(ctx: Ctx, s: VehicleBizSpec): string {
  const { rng, sink, state } = ctx;
  const u6 = unit6(s.clerk.unitCode);
  const bizNo = `CL${u6}${compactDate(localDay(s.t))}${pad(nextNo(state, `CL${u6}`), 4)}`;
  const lookBack = s.t - rng.int(30, 300) * 1000;
  if (s.bizType === 'register') query(ctx, lookBack, s.clerk, 'person', s.ownerIdNo, bizNo);
  else query(ctx, lookBack, s.clerk, 'vehicle', s.plate, bizNo);
  const data: Record<string, unknown> = { bizNo, bizType: s.bizType, plate: s.plate, vin: s.vin, ownerIdNo: s.ownerIdNo };
  if (s.agentIdNo) data.agentIdNo = s.agentIdNo;
  data.windowId = s.clerk.windowId ?? `${u6}-W99`;
  sink.emit(s.t, 'vehicle.business', s.clerk.unitCode, s.clerk.no, undefined, data);
  return bizNo;
}

export interface DriverBizSpec {
  t: number;
  clerk: WPerson;
  bizType: DriverBizType;
  idNo: string;
  agentIdNo?: string;
}

export function driverBusiness(ctx: Ctx, s: DriverBizSpec): string {
  const { rng, sink, state } = ctx;
  const u6 = unit6(s.clerk.unitCode);
  const ymd = compactDate(localDay(s.t));
  const bizNo = `JZ${u6}${ymd}${pad(nextNo(state, `JZ${u6}`), 4)}`;
  query(ctx, s.t - rng.int(30, 300) * 1000, s.clerk, 'license', s.idNo, bizNo);
  const data: Record<string, unknown> = { bizNo, bizType: s.bizType, idNo: s.idNo };
  if (s.agentIdNo) data.agentIdNo = s.agentIdNo;
  data.windowId = s.clerk.windowId ?? `${u6}-W99`;
  sink.emit(s.t, 'driver.business', s.clerk.unitCode, s.clerk.no, undefined, data);
  if (s.bizType === 'full_score_education') {
    const recordId = `AV${ymd}${pad(nextNo(state, 'AV'), 6)}`;
    sink.emit(s.t + rng.int(2, 5) * HOUR, 'av.recorded', s.clerk.unitCode, undefined, undefined, {
      recordId, kind: 'education', siteId: s.clerk.unitCode, durationSec: rng.int(3000, 7200), subjectRef: s.idNo,
      storageRef: `edu://${u6}/${ymd}/${recordId}.mp4`,
    });
  }
  return bizNo;
}

/** citizens who own no vehicle in the pool: buyers, new drivers */
function nonOwner(ctx: Ctx): number {
  const { pools } = ctx.world;
  return ctx.rng.int(pools.plate.length, pools.citizenIdNo.length - 1);
}

export function newPlate(ctx: Ctx, prefix: string): string {
  const { pools } = ctx.world;
  for (;;) {
    const p = makePlate(ctx.rng, prefix, ctx.rng.chance(0.2) ? 'ne_small' : 'ordinary');
    if (!pools.plates.has(p)) {
      pools.plates.add(p);
      return p;
    }
  }
}

export function newVin(ctx: Ctx): string {
  return makeVin(ctx.rng, ctx.state.vinSerial++);
}

export function dailyVehicleBusiness(ctx: Ctx): void {
  const { rng, world, state, scale } = ctx;
  const { pools } = world;
  const n = rng.count(150 * scale * officeFactor(ctx.day));
  for (let i = 0; i < n; i++) {
    const t = sessionTime(ctx);
    if (Number.isNaN(t)) continue;
    const bizType = VEHICLE_BIZ[rng.weighted(VEHICLE_BIZ_CUM)];
    const { city, clerk } = office(ctx, POLICE_ONLY.has(bizType));
    if (bizType === 'register') {
      const owner = nonOwner(ctx);
      vehicleBusiness(ctx, {
        t, clerk, bizType, plate: newPlate(ctx, city.plate), vin: newVin(ctx), ownerIdNo: pools.citizenIdNo[owner],
        agentIdNo: rng.chance(0.08) ? pools.citizenIdNo[relativeOf(owner)] : undefined,
      });
      continue;
    }
    let v = city.vehicles[rng.int(0, city.vehicles.length - 1)];
    if (bizType === 'plate_reissue' || bizType === 'certificate_reissue') {
      // one reissue per VIN in normal data: a second within a year is BIZ_ONE_VEHICLE_MANY_CERTS
      for (let k = 0; k < 6 && state.reissued.has(v); k++) v = city.vehicles[rng.int(0, city.vehicles.length - 1)];
      if (state.reissued.has(v)) continue;
      state.reissued.add(v);
    }
    const owner = bizType === 'transfer' ? nonOwner(ctx) : pools.owner[v];
    vehicleBusiness(ctx, {
      t, clerk, bizType, plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: pools.citizenIdNo[owner],
      agentIdNo: rng.chance(0.08) ? pools.citizenIdNo[relativeOf(owner)] : undefined,
    });
  }
}

export function dailyDriverBusiness(ctx: Ctx): void {
  const { rng, world, scale } = ctx;
  const { pools } = world;
  const n = rng.count(100 * scale * officeFactor(ctx.day));
  for (let i = 0; i < n; i++) {
    const t = sessionTime(ctx);
    if (Number.isNaN(t)) continue;
    const { clerk } = office(ctx, false);
    const c = rng.int(0, pools.citizenIdNo.length - 1);
    driverBusiness(ctx, {
      t, clerk, bizType: DRIVER_BIZ[rng.weighted(DRIVER_BIZ_CUM)], idNo: pools.citizenIdNo[c],
      agentIdNo: rng.chance(0.05) ? pools.citizenIdNo[relativeOf(c)] : undefined,
    });
  }
}

const PASS_RATE = [0, 0.78, 0.62, 0.66, 0.93];
const SUBJECT_CUM = cumulative([25, 30, 30, 15]);

export interface ExamSpec {
  t: number;
  site: WExamSite;
  examiner: WPerson;
  school: string;
  subject: 1 | 2 | 3 | 4;
  passed: boolean;
}

/** deductions out of 100 consistent with the verdict (pass mark 80 for subject 2, 90 otherwise) */
function deductions(ctx: Ctx, subject: number, passed: boolean): number {
  const { rng } = ctx;
  if (subject === 2) return passed ? rng.pick([0, 0, 0, 10, 10, 20]) : rng.pick([30, 40, 100, 100]);
  if (subject === 3) return passed ? rng.pick([0, 0, 10]) : rng.pick([20, 30, 100]);
  return passed ? rng.int(0, 10) : rng.int(11, 45);
}

export function exam(ctx: Ctx, s: ExamSpec): { examNo: string; recordId?: string } {
  const { rng, sink, state, world } = ctx;
  const ymd = compactDate(localDay(s.t));
  const examNo = `KS${s.site.siteId}${ymd}${pad(nextNo(state, `KS${s.site.siteId}`), 4)}`;
  const area = rng.chance(0.97) ? rng.pick(s.site.city.counties).code6 : rng.pick(OUTSIDE_PLACES).code6;
  const cityCode = s.site.city.code;
  const ret: { examNo: string; recordId?: string } = { examNo };
  sink.emit(s.t, 'exam.result', cityCode, s.examiner.no, undefined, {
    examNo, siteId: s.site.siteId, subject: s.subject, candidateIdNo: makeIdNo(rng, area, world.endYear - 50, world.endYear - 18),
    school: s.school, passed: s.passed, deductions: deductions(ctx, s.subject, s.passed),
  });
  if (s.subject === 2 || s.subject === 3) {
    const recordId = `AV${ymd}${pad(nextNo(state, 'AV'), 6)}`;
    ret.recordId = recordId;
    sink.emit(s.t + rng.int(60, 600) * 1000, 'av.recorded', cityCode, undefined, undefined, {
      recordId, kind: 'exam', siteId: s.site.siteId, durationSec: s.subject === 2 ? rng.int(420, 1200) : rng.int(1200, 2400),
      subjectRef: examNo, storageRef: `nvr://${s.site.siteId}/${ymd}/${recordId}.mp4`,
    });
  }
  return ret;
}

export function examDayFactor(day: number): number {
  const wd = weekday(day);
  return wd < 5 ? 1 : wd === 5 ? 0.5 : 0.2;
}

/** exam time: 08:30–16:30 */
export function examTime(ctx: Ctx): number {
  const t = dayStart(ctx.day) + 8.5 * HOUR + Math.floor(ctx.rng.float() * 8 * HOUR);
  return t >= ctx.lo && t <= ctx.hi ? t : Number.NaN;
}

export function dailyExams(ctx: Ctx): void {
  const { rng, world, scale } = ctx;
  const n = rng.count(250 * scale * examDayFactor(ctx.day));
  for (let i = 0; i < n; i++) {
    const t = examTime(ctx);
    if (Number.isNaN(t)) continue;
    const city = world.cities[rng.weighted(world.cityCum)];
    const site = rng.pick(city.examSites);
    const subject = (rng.weighted(SUBJECT_CUM) + 1) as 1 | 2 | 3 | 4;
    exam(ctx, {
      t, site, examiner: rng.pick(site.examiners), school: rng.pick(city.schools), subject,
      passed: rng.chance(PASS_RATE[subject]),
    });
  }
}

const FIRST_PASS = [0.88, 0.78, 0.85, 0.82, 0.9];

export interface InspectionSpec {
  t: number;
  station: WStation;
  vehicle: number;
  firstPassed: boolean;
}

export function inspection(ctx: Ctx, s: InspectionSpec): { inspectionNo: string; recordId: string } {
  const { rng, sink, state, world } = ctx;
  const { pools } = world;
  const ymd = compactDate(localDay(s.t));
  const inspectionNo = `JY${s.station.stationId}${ymd}${pad(nextNo(state, `JY${s.station.stationId}`), 4)}`;
  const plate = pools.plate[s.vehicle];
  const cityCode = s.station.city.code;
  sink.emit(s.t, 'inspection.result', cityCode, rng.pick(s.station.city.reviewers).no, undefined, {
    inspectionNo, stationId: s.station.stationId, plate, vehicleClass: VEHICLE_CLASSES[pools.vclass[s.vehicle]],
    registeredRegion: plate.slice(0, 2), firstPassed: s.firstPassed, reviewApproved: rng.chance(0.985),
  });
  const recordId = `AV${ymd}${pad(nextNo(state, 'AV'), 6)}`;
  sink.emit(s.t + rng.int(60, 900) * 1000, 'av.recorded', cityCode, undefined, undefined, {
    recordId, kind: 'inspection', siteId: s.station.stationId, durationSec: rng.int(300, 1500), subjectRef: inspectionNo,
    storageRef: `nvr://${s.station.stationId}/${ymd}/${recordId}.mp4`,
  });
  return { inspectionNo, recordId };
}

/** a vehicle for a city's station: mostly local, a third of them the larger classes that must come yearly */
export function stationVehicle(ctx: Ctx, city: WCity): number {
  const { rng } = ctx;
  const list = rng.chance(0.35) && city.heavyVehicles.length > 0 ? city.heavyVehicles : city.vehicles;
  return list[rng.int(0, list.length - 1)];
}

export function dailyInspections(ctx: Ctx): void {
  const { rng, world, scale } = ctx;
  const n = rng.count(120 * scale * (weekday(ctx.day) < 6 ? 1 : 0.5));
  for (let i = 0; i < n; i++) {
    const t = examTime(ctx) + HOUR;
    if (Number.isNaN(t) || t > ctx.hi) continue;
    const city = world.cities[rng.weighted(world.cityCum)];
    const station = city.stations[rng.chance(0.6) ? 0 : 1];
    const from = rng.chance(0.88) ? city : world.cities[rng.weighted(world.cityCum)];
    const vehicle = stationVehicle(ctx, from);
    inspection(ctx, { t, station, vehicle, firstPassed: rng.chance(FIRST_PASS[world.pools.vclass[vehicle]]) });
  }
}

/** cameras and breathalyzers blink off and come back within a few minutes; only planted ones stay away */
export function dailyDevices(ctx: Ctx, devices: readonly WDevice[]): void {
  const { rng, sink, scale } = ctx;
  const n = rng.count(30 * scale);
  for (let i = 0; i < n; i++) {
    const t = ctx.lo + Math.floor(rng.float() * (ctx.hi - ctx.lo));
    const d = devices[rng.int(0, devices.length - 1)];
    const status = d.kind === 'camera' && rng.chance(0.2) ? 'abnormal_image' : 'offline';
    sink.emit(t, 'device.status', d.unitCode, undefined, undefined, { deviceId: d.deviceId, status });
    sink.emit(t + rng.int(60, 720) * 1000, 'device.status', d.unitCode, undefined, undefined, { deviceId: d.deviceId, status: 'online' });
  }
}

const DAYTIME = cumulative([0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 1.5, 1, 1, 0.5, 0, 0]);

/** roadside checks: officers look up plates and drivers; some have a check record, most do not */
export function dailyPatrolQueries(ctx: Ctx): void {
  const { rng, world, state, scale } = ctx;
  const { pools } = world;
  const n = rng.count(60 * scale);
  for (let i = 0; i < n; i++) {
    const t = timeIn(ctx, DAYTIME);
    if (Number.isNaN(t)) continue;
    const county = world.counties[rng.weighted(world.countyCum)];
    const officer = county.squads.length > 0 && rng.chance(0.4) ? rng.pick(rng.pick(county.squads).police) : rng.pick(county.police);
    if (state.reservedPeople.has(officer.no)) continue;
    const v = rng.int(0, pools.normalVehicles - 1);
    const linked = rng.chance(0.4)
      ? `JC${county.code6}${compactDate(ctx.day)}${pad(nextNo(state, `JC${county.code6}`), 4)}`
      : undefined;
    if (rng.chance(0.7)) query(ctx, t, officer, 'vehicle', pools.plate[v], linked);
    else query(ctx, t, officer, 'person', pools.citizenIdNo[pools.owner[v]], linked);
  }
}

const GRANT_ROLES = ['window_clerk', 'custodian', 'reviewer', 'examiner'];

/** ordinary role changes: police officers who have signed, granted or revoked by their city's sysadmin */
export function dailyGrants(ctx: Ctx): void {
  const { rng, world, sink, state, scale } = ctx;
  const n = rng.count(0.4 * scale * officeFactor(ctx.day));
  for (let i = 0; i < n; i++) {
    const t = sessionTime(ctx);
    if (Number.isNaN(t)) continue;
    const city = world.cities[rng.weighted(world.cityCum)];
    const county = rng.pick(city.counties);
    const target = rng.pick(county.police);
    if (!target.signed || state.reservedPeople.has(target.no)) continue;
    sink.emit(t, 'system.grant', city.code, city.sysadmin.no, undefined, {
      userNo: target.no, role: rng.pick(GRANT_ROLES), granted: rng.chance(0.85),
    });
  }
}

const SMALL_ITEMS = CONDUCT_ITEMS.filter((i) => i.points <= 2);

/** a trickle of small deductions, never enough to reach a warning level by themselves */
export function dailyConduct(ctx: Ctx): void {
  const { rng, world, sink, state, scale } = ctx;
  const n = rng.count(0.4 * scale);
  for (let i = 0; i < n; i++) {
    const t = sessionTime(ctx);
    if (Number.isNaN(t)) continue;
    const city = world.cities[rng.weighted(world.cityCum)];
    const county = rng.pick(city.counties);
    const target = rng.chance(0.7) ? rng.pick(county.police) : rng.pick(county.aux);
    const item = rng.pick(SMALL_ITEMS);
    const sofar = state.conductPoints.get(target.no) ?? 0;
    if (state.reservedPeople.has(target.no) || sofar + item.points > 4) continue;
    state.conductPoints.set(target.no, sofar + item.points);
    sink.emit(t, 'conduct.deduction', target.unitCode, city.supervisor.no, undefined, {
      personNo: target.no, itemCode: item.itemCode, points: item.points, note: item.note,
    });
  }
}

