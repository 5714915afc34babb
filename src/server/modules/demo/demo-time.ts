// Local time in Asia/Shanghai without Date objects in the hot path: China has one fixed +08:00 offset and no
// daylight saving, so plain arithmetic is exact and much faster than formatting through Intl.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const OFFSET = 8 * HOUR;

/** days since 1970-01-01 in local time */
export const localDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** epoch ms of local midnight starting a local day */
export const dayStart = (day: number): number => day * DAY - OFFSET;
/** milliseconds since local midnight */
export const msOfDay = (ms: number): number => (((ms + OFFSET) % DAY) + DAY) % DAY;
/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday) */
export const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const prefixCache = new Map<number, { iso: string; compact: string }>();

function dayStrings(day: number): { iso: string; compact: string } {
  let s = prefixCache.get(day);
  if (!s) {
    const d = new Date(day * DAY);
    const y = d.getUTCFullYear();
    const m = TWO[d.getUTCMonth() + 1];
    const dd = TWO[d.getUTCDate()];
    s = { iso: `${y}-${m}-${dd}`, compact: `${y}${m}${dd}` };
    if (prefixCache.size > 4096) prefixCache.clear();
    prefixCache.set(day, s);
  }
  return s;
}

/** ISO 8601 with the +08:00 offset, to the second: `2026-11-01T23:15:07+08:00` */
export function isoLocal(ms: number): string {
  const local = ms + OFFSET;
  const day = Math.floor(local / DAY);
  let sec = Math.floor((local - day * DAY) / 1000);
  const h = Math.floor(sec / 3600);
  sec -= h * 3600;
  const m = Math.floor(sec / 60);
  return `${dayStrings(day).iso}T${TWO[h]}:${TWO[m]}:${TWO[sec - m * 60]}+08:00`;
}

/** `20261101` for the local day */
export const compactDate = (day: number): string => dayStrings(day).compact;
/** `2026-11-01` for the local day */
export const isoDate = (day: number): string => dayStrings(day).iso;

/** local epoch ms at hh:mm of a local day */
export const at = (day: number, hh: number, mm = 0): number => dayStart(day) + hh * HOUR + mm * MINUTE;

/** round down to a whole second: occurredAt carries seconds only, and order must match the text */
export const sec = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** "08:00-18:00" → [480, 1080] minutes of the day */
export function parseHours(hours: string): [number, number] {
  const [a, b] = hours.split('-');
  const toMin = (s: string): number => {
    const [h, m] = s.split(':').map(Number);
    return h * 60 + m;
  };
  return [toMin(a), toMin(b)];
}
