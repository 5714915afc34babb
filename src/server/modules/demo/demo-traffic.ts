// Road traffic: checkpoint passes (over half of all events) and traffic violations with their processing.
// Vehicles travel as trips at believable speeds and never start a trip before they could have arrived, so
// the cloned-plate rule stays silent except where a clone is planted; each vehicle's violations are
// processed oldest first, so BIZ_OUT_OF_ORDER too fires only where planted.
import { HOUR, MINUTE, TRAFFIC_HOURS, distanceKm, officeFactor, officeTime, pad, query, timeIn } from './demo-common.ts';
import type { Ctx } from './demo-core.ts';
import { nextNo } from './demo-core.ts';
import { DAY, compactDate, dayStart, localDay, msOfDay, weekday } from './demo-time.ts';
import { PLATE_COLORS, relativeOf, type WCheckpoint, type WPerson } from './demo-world.ts';

/** emit one pass; kept separate because planted stories (watchlist, clones) pass checkpoints too */
export function pass(ctx: Ctx, t: number, ck: WCheckpoint, plate: string, color: string): boolean {
  const { rng } = ctx;
  return ctx.sink.emit(t, 'checkpoint.pass', ck.unitCode, undefined, undefined, {
    checkpointId: ck.checkpointId, plate, plateColor: color, lane: rng.int(1, 3),
    speedKmh: ck.highway ? rng.int(68, 122) : rng.int(22, 78),
  });
}

export function dailyCheckpoints(ctx: Ctx): void {
  const { rng, world, state, scale } = ctx;
  const { pools, counties } = world;
  const wd = weekday(ctx.day);
  const trips = rng.count(1650 * scale * (wd === 4 ? 1.1 : wd === 6 ? 0.85 : 1));
  // trips begin in time order, so a vehicle's last trip is known when its next one is considered
  const starts = new Float64Array(trips);
  for (let i = 0; i < trips; i++) starts[i] = timeIn(ctx, TRAFFIC_HOURS);
  starts.sort();
  const nv = pools.normalVehicles;
  for (let i = 0; i < trips; i++) {
    let t = starts[i];
    if (Number.isNaN(t)) continue;
    let v = -1;
    let ck: WCheckpoint | undefined;
    for (let attempt = 0; attempt < 4 && v < 0; attempt++) {
      const cand = rng.int(0, nv - 1);
      const home = counties[pools.county[cand]];
      const first = home.checkpoints[rng.int(0, home.checkpoints.length - 1)];
      const last = state.tripCk[cand];
      // a vehicle reaches its next trip's first checkpoint at no more than 100 km/h, plus a stop
      if (last < 0 || t >= state.tripEnd[cand] + (distanceKm(world.checkpoints[last], first) / 100) * HOUR + 5 * MINUTE) {
        v = cand;
        ck = first;
      }
    }
    if (v < 0 || !ck) continue;
    const home = counties[pools.county[v]];
    const plate = pools.plate[v];
    const color = PLATE_COLORS[pools.color[v]];
    const stops = rng.chance(0.45) ? 1 : rng.chance(0.64) ? 2 : 3;
    for (let s = 0; s < stops; s++) {
      if (s > 0) {
        const pool = rng.chance(0.8) ? home.checkpoints : rng.pick(home.city.counties).checkpoints;
        let next = pool[rng.int(0, pool.length - 1)];
        if (next === ck) next = pool[(pool.indexOf(next) + 1) % pool.length];
        t += (distanceKm(ck, next) / rng.range(35, 85)) * HOUR + rng.int(60, 360) * 1000;
        ck = next;
      }
      pass(ctx, t, ck, plate, color);
    }
    state.tripEnd[v] = t;
    state.tripCk[v] = ck.idx;
  }
}

/** the window clerk of the vehicle's county, or one of the city's vehicle-office clerks */
function processingClerk(ctx: Ctx, countyIdx: number): WPerson {
  const county = ctx.world.counties[countyIdx];
  return ctx.rng.chance(0.6) ? county.clerkPolice : ctx.rng.pick(county.city.clerkPolice);
}

export interface ViolationSpec {
  vehicle: number;
  codeIdx: number;
  t: number;
  countyIdx?: number;
}

/** a recorded violation; returns its number */
export function recordViolation(ctx: Ctx, s: ViolationSpec): { violationNo: string; kept: boolean } {
  const { world, state } = ctx;
  const { pools } = world;
  const county = world.counties[s.countyIdx ?? pools.county[s.vehicle]];
  const code = world.violationCodes[s.codeIdx];
  const violationNo = `WF${county.code6}${compactDate(localDay(s.t))}${pad(nextNo(state, 'WF'), 5)}`;
  const kept = ctx.sink.emit(s.t, 'violation.recorded', county.code, undefined, undefined, {
    violationNo, plate: pools.plate[s.vehicle], ownerIdNo: pools.citizenIdNo[pools.owner[s.vehicle]],
    code: code.code, points: code.points, fine: code.fine,
  });
  return { violationNo, kept };
}

export interface ProcessingSpec {
  t: number;
  violationNo: string;
  vehicle: number;
  licenseIdNo: string;
  pointsApplied: number;
  /** absent: processed online by the driver */
  clerk?: WPerson;
  agentIdNo?: string;
}

export function processViolation(ctx: Ctx, p: ProcessingSpec): boolean {
  const { sink, world, rng } = ctx;
  const plate = world.pools.plate[p.vehicle];
  if (!p.clerk) {
    const county = world.counties[world.pools.county[p.vehicle]];
    return sink.emit(p.t, 'violation.processed', county.code, undefined, undefined, {
      violationNo: p.violationNo, plate, licenseIdNo: p.licenseIdNo, pointsApplied: p.pointsApplied,
      windowId: 'WEB-12123', channel: 'online',
    });
  }
  query(ctx, p.t - rng.int(30, 240) * 1000, p.clerk, 'violation', plate, p.violationNo);
  const data: Record<string, unknown> = {
    violationNo: p.violationNo, plate, licenseIdNo: p.licenseIdNo, pointsApplied: p.pointsApplied,
  };
  if (p.agentIdNo) data.agentIdNo = p.agentIdNo;
  data.windowId = p.clerk.windowId ?? `${p.clerk.unitCode.slice(0, 6)}-W99`;
  data.channel = 'window';
  return sink.emit(p.t, 'violation.processed', p.clerk.unitCode, p.clerk.no, undefined, data);
}

/** online processing is open 07:00–20:00 here, so it never looks like after-hours window work */
function onlineTime(ctx: Ctx, t: number): number {
  const m = msOfDay(t) / MINUTE;
  if (m >= 7 * 60 + 5 && m <= 19 * 60 + 50) return t;
  const d = localDay(t) + (m > 19 * 60 + 50 ? 1 : 0);
  return dayStart(d) + 7 * HOUR + ctx.rng.int(10, 600) * MINUTE;
}

export function dailyViolations(ctx: Ctx): void {
  const { rng, world, state, scale } = ctx;
  const { pools } = world;
  const n = rng.count(300 * scale);
  // in time order, so that a vehicle's older violation is always the one queued first
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = timeIn(ctx, TRAFFIC_HOURS);
  times.sort();
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (Number.isNaN(t)) continue;
    const v = rng.int(0, pools.normalVehicles - 1);
    const home = pools.county[v];
    const countyIdx = rng.chance(0.8) ? home : rng.pick(world.counties[home].city.counties).idx;
    const codeIdx = rng.weighted(world.violationCum);
    const { violationNo } = recordViolation(ctx, { vehicle: v, codeIdx, t, countyIdx });

    // oldest first, and once one is left unprocessed the vehicle's later ones wait behind it
    if (state.procLast[v] === Number.POSITIVE_INFINITY) continue;
    if (rng.chance(0.18)) {
      state.procLast[v] = Number.POSITIVE_INFINITY;
      continue;
    }
    const delay = rng.chance(0.4) ? rng.range(0.5 * HOUR, 3 * DAY) : rng.range(3 * DAY, 20 * DAY);
    const base = Math.max(t + delay, state.procLast[v] + 10 * MINUTE);
    const online = rng.chance(0.6);
    let pt = online ? onlineTime(ctx, base) : officeTime(rng, base);
    if (!online && officeFactor(localDay(pt)) < 1) pt = officeTime(rng, dayStart(localDay(pt) + (weekday(localDay(pt)) === 5 ? 2 : 1)));
    state.procLast[v] = pt;
    const owner = pools.owner[v];
    const holder = rng.chance(0.88) ? owner : relativeOf(owner);
    const clerk = online ? undefined : processingClerk(ctx, home);
    processViolation(ctx, {
      t: pt, violationNo, vehicle: v, licenseIdNo: pools.citizenIdNo[holder],
      pointsApplied: world.violationCodes[codeIdx].points, clerk,
      agentIdNo: clerk && rng.chance(0.06) ? pools.citizenIdNo[relativeOf(holder)] : undefined,
    });
  }
}
