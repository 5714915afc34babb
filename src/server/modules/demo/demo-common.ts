// Small helpers every stream shares: when in the day things happen, where on the county's roads, and the
// look-up a user makes before touching a record.
import type { Ctx, GeoPoint } from './demo-core.ts';
import { cumulative, type Rng } from './demo-rng.ts';
import { DAY, HOUR, MINUTE, dayStart, localDay, msOfDay, weekday } from './demo-time.ts';
import type { WCounty, WPerson } from './demo-world.ts';

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** road traffic through the day: quiet nights, morning and evening rush */
export const TRAFFIC_HOURS = cumulative([
  1, 0.6, 0.4, 0.3, 0.4, 0.8, 2, 4, 6, 5, 4.5, 4.5, 4, 4, 4.5, 4.5, 5, 6, 6, 4.5, 3.5, 3, 2, 1.5,
]);

/** drink-driving stops: the evening after dinner and the small hours dominate */
export const ALCOHOL_HOURS = cumulative([
  8, 7, 5, 3, 2, 1, 1, 1, 1, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 5, 7, 9, 10, 9,
]);

/** a moment in the given hour profile of the day being generated, or NaN when it falls outside the window */
export function timeIn(ctx: Ctx, hours: Float64Array): number {
  const h = ctx.rng.weighted(hours);
  const t = dayStart(ctx.day) + h * HOUR + Math.floor(ctx.rng.float() * HOUR);
  return t >= ctx.lo && t <= ctx.hi ? t : Number.NaN;
}

/** a moment in window opening hours: 08:30–12:00 and 13:00–17:30 */
export function sessionTime(ctx: Ctx): number {
  const u = ctx.rng.float() * 8 * HOUR;
  const t = dayStart(ctx.day) + (u < 3.5 * HOUR ? 8.5 * HOUR + u : 13 * HOUR + (u - 3.5 * HOUR));
  return t >= ctx.lo && t <= ctx.hi ? t : Number.NaN;
}

/** weekday share of office work: Saturdays are thin, Sundays nearly empty */
export function officeFactor(day: number): number {
  const wd = weekday(day);
  return wd < 5 ? 1 : wd === 5 ? 0.3 : 0.1;
}

/** move an office-hours step that would fall at night to the next morning */
export function officeTime(rng: Rng, t: number): number {
  const m = msOfDay(t) / MINUTE;
  if (m >= 8 * 60 + 30 && m <= 17 * 60 + 45) return t;
  const d = localDay(t) + (m > 17 * 60 + 45 ? 1 : 0);
  return dayStart(d) + 8.5 * HOUR + rng.int(0, 150) * MINUTE + rng.int(0, 59) * 1000;
}

const round5 = (x: number): number => Math.round(x * 100_000) / 100_000;

/** a point on one of the county's main roads */
export function roadPoint(rng: Rng, county: WCounty): GeoPoint {
  const ang = rng.pick(county.roadAngles) + rng.range(-0.08, 0.08);
  const km = rng.range(0.5, 28);
  return {
    lat: round5(county.lat + (Math.sin(ang) * km) / 111),
    lng: round5(county.lng + (Math.cos(ang) * km) / (111 * Math.cos((county.lat * Math.PI) / 180))),
  };
}

/** the same place give or take a few metres: GPS drift between two steps at one scene */
export function near(rng: Rng, p: GeoPoint, metres = 30): GeoPoint {
  const d = metres / 111_000;
  return { lat: round5(p.lat + rng.range(-d, d)), lng: round5(p.lng + rng.range(-d, d)) };
}

/** straight-line distance in km (equirectangular: ample for a few hundred km) */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const x = (b.lng - a.lng) * Math.cos(((a.lat + b.lat) * Math.PI) / 360) * 111.32;
  const y = (b.lat - a.lat) * 110.57;
  return Math.sqrt(x * x + y * y);
}

export type QueryKind = 'person' | 'vehicle' | 'license' | 'violation';

/** one look-up in the information system, as the query-log collector reports it */
export function query(
  ctx: Ctx, t: number, user: WPerson, kind: QueryKind, subject: string, linkedBizNo: string | undefined,
): boolean {
  const data: Record<string, unknown> = linkedBizNo !== undefined
    ? { queryKind: kind, subject, linkedBizNo, terminalIp: user.ip, resultCount: 1 }
    : { queryKind: kind, subject, terminalIp: user.ip, resultCount: ctx.rng.chance(0.9) ? 1 : ctx.rng.int(0, 3) };
  return ctx.sink.emit(t, 'system.query', user.unitCode, user.no, undefined, data);
}

export const sha = (rng: Rng): string => rng.hex(64);

export { DAY, HOUR, MINUTE };
