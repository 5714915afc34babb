// The demo run: reference data first, then `days` days of events ending at `end`, one local day at a time
// so that a million events stream through without being held in memory.
import { dailyAlcohol } from './demo-alcohol.ts';
import { type Ctx, type DemoEvent, type DemoEventType, type PlantedAnomaly, type RunState, Sink } from './demo-core.ts';
import {
  dailyConduct, dailyDevices, dailyDriverBusiness, dailyExams, dailyGrants, dailyInspections, dailyPatrolQueries,
  dailyVehicleBusiness,
} from './demo-offices.ts';
import { planAnomalies } from './demo-plants.ts';
import { Rng, hash32 } from './demo-rng.ts';
import { DAY, dayStart, isoLocal, localDay, sec } from './demo-time.ts';
import { dailyCheckpoints, dailyViolations } from './demo-traffic.ts';
import { ROOT_CODE, buildWorld, type World } from './demo-world.ts';

export interface DemoOptions {
  seed: number;
  /** the last moment of the window; no event is later */
  end: Date;
  /** length of the window in days (default 30) */
  days?: number;
  /** multiplies the volume of transactional events (default 1 ≈ 5–6 thousand events a day) */
  scale?: number;
}

export interface DemoRun {
  /** the events, reference data first, then the window in time order */
  events(): Generator<DemoEvent, void, undefined>;
  /** the alerts the data must raise; complete once `events()` has been run to the end */
  readonly planted: PlantedAnomaly[];
  /** events written so far, by type */
  readonly counts: ReadonlyMap<DemoEventType, number>;
}

function checkOptions(o: DemoOptions): { seed: number; endMs: number; days: number; scale: number } {
  const days = o.days ?? 30;
  const scale = o.scale ?? 1;
  if (!Number.isInteger(o.seed)) throw new RangeError('demo: seed must be an integer');
  if (!(o.end instanceof Date) || Number.isNaN(o.end.getTime())) throw new RangeError('demo: end must be a valid Date');
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new RangeError('demo: days must be an integer from 1 to 3660');
  if (!(scale > 0) || scale > 1000) throw new RangeError('demo: scale must be > 0 and ≤ 1000');
  return { seed: o.seed, endMs: sec(o.end.getTime()), days, scale };
}

export function createDemo(options: DemoOptions): DemoRun {
  const { seed, endMs, days, scale } = checkOptions(options);
  const startMs = endMs - days * DAY;
  // one tag per option set: re-running the same options re-sends the same ids (harmless duplicates),
  // while a different seed or window can never collide with an earlier load
  const tag = (hash32(`${seed}|${endMs}|${days}|${scale}`, 0x2545f491) >>> 0).toString(36).padStart(7, '0');
  const sink = new Sink(tag, startMs, endMs);
  const planted: PlantedAnomaly[] = [];

  function* events(): Generator<DemoEvent, void, undefined> {
    const world = buildWorld(seed, endMs);
    const firstDay = localDay(startMs);
    const lastDay = localDay(endMs);
    // planning may adjust the world (an unsigned officer, a late-opening room), so it precedes the refs
    const plan = planAnomalies(world, seed, firstDay, days);
    yield* referenceEvents(world, sink, sec(startMs - DAY));

    const nv = world.pools.plate.length;
    const state: RunState = {
      tripEnd: new Float64Array(nv),
      tripCk: new Int32Array(nv).fill(-1),
      procLast: new Float64Array(nv),
      reissued: new Set(),
      conductPoints: new Map(),
      reservedDevices: plan.reservedDevices,
      reservedPeople: plan.reservedPeople,
      vinSerial: nv,
      counters: new Map(),
      labReports: new Map(),
    };
    const ctx: Ctx = {
      world, sink, rng: new Rng(seed, 'events'), scale, day: firstDay, lo: startMs, hi: endMs, planted,
      plantedKeys: new Set(), state,
    };
    const blinking = world.devices.filter((d) => d.kind !== 'exam_terminal' && !plan.reservedDevices.has(d.deviceId));
    let story = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      ctx.day = day;
      ctx.lo = Math.max(dayStart(day), startMs);
      ctx.hi = Math.min(dayStart(day + 1) - 1000, endMs);
      state.counters.clear();
      sink.openDay(day);
      dailyAlcohol(ctx);
      dailyCheckpoints(ctx);
      dailyViolations(ctx);
      dailyVehicleBusiness(ctx);
      dailyDriverBusiness(ctx);
      dailyExams(ctx);
      dailyInspections(ctx);
      dailyDevices(ctx, blinking);
      dailyPatrolQueries(ctx);
      dailyGrants(ctx);
      dailyConduct(ctx);
      for (const hook of plan.daily) hook(ctx);
      while (story < plan.stories.length && plan.stories[story].day === day) plan.stories[story++].run(ctx);
      yield* sink.closeDay();
    }
    for (const check of plan.finish) check(ctx);
  }

  return { events, planted, counts: sink.counts };
}

/** the events of one demo run; see DemoOptions */
export function generateDemo(options: DemoOptions): Generator<DemoEvent, void, undefined> {
  return createDemo(options).events();
}

/** every alert the demo run with these options plants (runs the whole generator: about a second at scale 1) */
export function plantedAnomalies(options: DemoOptions): PlantedAnomaly[] {
  const run = createDemo(options);
  for (const _ of run.events()) {
    // draining: the list is complete only when the last day has been generated
  }
  return run.planted;
}

function* referenceEvents(world: World, sink: Sink, t: number): Generator<DemoEvent, void, undefined> {
  const occurredAt = isoLocal(t);
  const ev = (type: DemoEventType, unit: string, data: Record<string, unknown>): DemoEvent => {
    sink.counts.set(type, (sink.counts.get(type) ?? 0) + 1);
    return { id: sink.nextId(type), type, occurredAt, unit, data };
  };
  // units come parent first: the tree is built in that order
  for (const u of world.units) {
    const data: Record<string, unknown> = { code: u.code, name: u.name, level: u.level, parentCode: u.parentCode };
    if (u.platePrefixes) data.platePrefixes = u.platePrefixes;
    yield ev('ref.unit', u.code, data);
  }
  for (const v of world.violationCodes) {
    yield ev('ref.violation_code', ROOT_CODE, { code: v.code, description: v.description, points: v.points, fine: v.fine });
  }
  for (const l of world.labs) yield ev('ref.lab', ROOT_CODE, { labId: l.labId, name: l.name, status: l.status, internal: l.internal });
  for (const p of world.persons) {
    yield ev('ref.person', p.unitCode, {
      personNo: p.no, name: p.name, kind: p.kind, unitCode: p.unitCode, roles: p.roles, confidentialitySigned: p.signed,
    });
  }
  for (const d of world.devices) {
    const data: Record<string, unknown> = { deviceId: d.deviceId, kind: d.kind, siteId: d.siteId };
    if (d.calibratedUntil) data.calibratedUntil = d.calibratedUntil;
    yield ev('ref.device', d.unitCode, data);
  }
  for (const r of world.rooms) {
    yield ev('ref.evidence_room', r.unitCode, {
      roomId: r.roomId, unitCode: r.unitCode, openHours: r.openHours, custodians: r.custodians.map((c) => c.no),
    });
  }
  for (const c of world.checkpoints) yield ev('ref.checkpoint', c.unitCode, { checkpointId: c.checkpointId, name: c.name, lat: c.lat, lng: c.lng });
  for (const w of world.watchlist) yield ev('ref.watchlist', w.unitCode, { plate: w.plate, reason: w.reason, active: w.active });
  for (const s of world.sensitive) yield ev('ref.sensitive_subject', ROOT_CODE, { subject: s.subject, active: true });
}
