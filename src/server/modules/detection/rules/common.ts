// Helpers shared by the rule files: local time in Asia/Shanghai, evidence ordering and parameter lists.
// China has one fixed +08:00 offset and no daylight saving, so local time is plain arithmetic on epoch
// milliseconds; going through the machine's timezone would make a rule's answer depend on the server.
import type { RuleEvent } from '../rule.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const OFFSET = 8 * HOUR;

/** days since 1970-01-01 in local time */
export const localDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** epoch ms of the local midnight that starts a local day */
export const localDayStart = (day: number): number => day * DAY - OFFSET;
/** milliseconds since local midnight */
export const msOfLocalDay = (ms: number): number => (((ms + OFFSET) % DAY) + DAY) % DAY;
/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday) */
export const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

const two = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-01` for a local day number */
export function isoDay(day: number): string {
  const d = new Date(day * DAY);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}
/** `2026-11-01` local date of an instant */
export const localDate = (ms: number): string => isoDay(localDay(ms));
/** `2026-11-01 23:15` local date and time of an instant */
export function localDateTime(ms: number): string {
  const d = new Date(ms + OFFSET);
  return `${localDate(ms)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
/** `23:15:07` local clock time of an instant */
export function localClock(ms: number): string {
  const d = new Date(ms + OFFSET);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/**
 * The same local wall-clock moment `months` calendar months later (earlier when negative); a day that the
 * target month lacks falls back to its last day (31 January + 1 month = 28/29 February), as retention
 * periods and "the last 12 months" are counted on the calendar, not in fixed days.
 */
export function addLocalMonths(ms: number, months: number): number {
  const d = new Date(ms + OFFSET);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day) + msOfLocalDay(ms) - OFFSET;
}

/**
 * Which local window an instant falls in, for a daily window given in hours of the day (fractions allowed):
 * the local day on which the window containing `ms` opened, or null outside it. A window whose end is not
 * after its start wraps past midnight (20–7, 22–6), and then the small hours belong to the previous
 * evening's window, so one night is counted once.
 */
export function dailyWindowDay(ms: number, fromHour: number, toHour: number): number | null {
  const t = msOfLocalDay(ms);
  const from = fromHour * HOUR;
  const to = toHour * HOUR;
  const day = localDay(ms);
  if (from < to) return t >= from && t < to ? day : null;
  if (t >= from) return day;
  if (t < to) return day - 1;
  return null;
}

/** time order, ties by id, so that the same set gives the same answer in any arrival order */
export const compareEvents = (a: RuleEvent, b: RuleEvent): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** events in time order (see compareEvents), as a new array */
export function chronological<T extends RuleEvent>(events: readonly T[]): T[] {
  return [...events].sort(compareEvents);
}

/** a list parameter: parameters are scalars, so lists are stored comma-separated */
export function listParam(value: string): Set<string> {
  return new Set(
    value
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** the unit most of the events name (ties: the latest one's), where a finding rests on many events */
export function dominantUnit(events: readonly RuleEvent[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const e of chronological(events)) {
    const c = (counts.get(e.unit) ?? 0) + 1;
    counts.set(e.unit, c);
    if (c >= bestCount) {
      best = e.unit;
      bestCount = c;
    }
  }
  return best;
}

/** `2小时45分` / `42分钟`: a duration as a reviewer reads it */
export function durationZh(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}分钟`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days > 0 ? `${days}天` : ''}${hours > 0 ? `${hours}小时` : ''}${rest > 0 ? `${rest}分` : ''}`;
}

/** a figure rounded for the record (the UI rounds again for display) */
export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** ids without repeats, in the order given */
export const uniqueIds = (ids: Iterable<string>): string[] => [...new Set(ids)];

/** add `value` to the list under `key` (a list per key, grown in place: copying it per item is quadratic) */
export function pushTo<K, V>(m: Map<K, V[]>, key: K, value: V): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

/** Chinese names of the business an event records, for titles */
const vehicleBizZh: Record<string, string> = {
  register: '注册登记',
  transfer: '转移登记',
  plate_reissue: '补换号牌',
  certificate_reissue: '补换行驶证/登记证书',
  archive_correction: '档案更正',
  deregister: '注销登记',
  other: '其他机动车业务',
};
const driverBizZh: Record<string, string> = {
  renewal: '驾驶证换证',
  reissue: '驾驶证补证',
  full_score_education: '满分学习',
  other: '其他驾驶证业务',
};
export function businessZh(e: RuleEvent): string {
  if (e.type === 'vehicle.business') return `机动车业务（${vehicleBizZh[str(e.data.bizType)] ?? str(e.data.bizType)}）`;
  if (e.type === 'driver.business') return `驾驶人业务（${driverBizZh[str(e.data.bizType)] ?? str(e.data.bizType)}）`;
  if (e.type === 'violation.processed') return `违法处理（${str(e.data.violationNo)}）`;
  return e.type;
}

export const personKindZh: Record<string, string> = { police: '民警', auxiliary: '辅警', contractor: '技术人员' };

/** `辅警张三（P150102017）`, or the bare number when the person is unknown */
export function personZh(no: string, person: { name: string; kind?: string } | null | undefined): string {
  if (!person) return no;
  return `${person.kind ? (personKindZh[person.kind] ?? '') : ''}${person.name}（${no}）`;
}

export const examSubjectZh = (s: number): string => `科目${['一', '二', '三', '四'][s - 1] ?? String(s)}`;

/** a p-value as a reviewer reads it: `p=3.2e-9`, or `p<1e-300` where it underflows */
export const pValueZh = (p: number): string => (p === 0 ? 'p<1e-300' : `p=${p < 0.001 ? p.toExponential(1) : p.toPrecision(2)}`);

/** a share as a percentage with one decimal: `97.0%` */
export const percentZh = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** the unit with the largest weight (ties: the smallest code), for findings over aggregated counts */
export function heaviestUnit(units: Map<string, number>): string {
  let best = '';
  let weight = -1;
  for (const [unit, w] of [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (w > weight) {
      best = unit;
      weight = w;
    }
  }
  return best;
}

/** an hour parameter as a clock time: 22 → `22:00`, 7.5 → `07:30` */
export const hourZh = (h: number): string => {
  const minutes = Math.round(h * 60);
  return `${two(Math.floor(minutes / 60) % 24)}:${two(minutes % 60)}`;
};
