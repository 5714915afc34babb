// The high-risk rate's calendar and arithmetic: periods in Asia/Shanghai (UTC+8, no daylight saving) and
// the change against the previous (or a chosen base) period. Pure: no I/O, no clock.
import { badRequest } from '../../platform/errors.ts';

export type Period = 'week' | 'month' | 'quarter' | 'year' | 'custom';

export interface RateFigures {
  cases: number;
  highRisk: number;
  red: number;
  orange: number;
  rate: number | null;
}

const OFFSET = 8 * 3_600_000;
const DAY = 24 * 3_600_000;

/** the instant local midnight of a UTC+8 calendar date */
const local = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - OFFSET);

export function periodBounds(
  q: { period: Period; at?: string; from?: string; to?: string; baseFrom?: string; baseTo?: string },
  now: Date,
): { from: Date; to: Date; prevFrom: Date; prevTo: Date } {
  let from: Date;
  let to: Date;
  let prevFrom: Date;
  if (q.period === 'custom') {
    if (!q.from || !q.to) throw badRequest('from: 自定义期间需要 from 和 to (a custom period needs from and to)', { field: 'from' });
    from = new Date(q.from);
    to = new Date(q.to);
    if (!(from < to)) throw badRequest('to: 必须晚于 from (must be after from)', { field: 'to' });
    prevFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  } else {
    const at = new Date((q.at ? Date.parse(q.at) : now.getTime()) + OFFSET);
    const y = at.getUTCFullYear();
    const m = at.getUTCMonth();
    if (q.period === 'week') {
      const dow = (at.getUTCDay() + 6) % 7; // Monday 0
      from = local(y, m, at.getUTCDate() - dow);
      to = new Date(from.getTime() + 7 * DAY);
      prevFrom = new Date(from.getTime() - 7 * DAY);
    } else if (q.period === 'month') {
      from = local(y, m, 1);
      to = local(y, m + 1, 1);
      prevFrom = local(y, m - 1, 1);
    } else if (q.period === 'quarter') {
      const q0 = m - (m % 3);
      from = local(y, q0, 1);
      to = local(y, q0 + 3, 1);
      prevFrom = local(y, q0 - 3, 1);
    } else {
      from = local(y, 0, 1);
      to = local(y + 1, 0, 1);
      prevFrom = local(y - 1, 0, 1);
    }
  }
  let prevTo = from;
  if (q.baseFrom || q.baseTo) {
    if (!q.baseFrom || !q.baseTo) throw badRequest('baseFrom: 对比期间需要 baseFrom 和 baseTo (a base period needs both)', { field: 'baseFrom' });
    prevFrom = new Date(q.baseFrom);
    prevTo = new Date(q.baseTo);
    if (!(prevFrom < prevTo)) throw badRequest('baseTo: 必须晚于 baseFrom (must be after baseFrom)', { field: 'baseTo' });
  }
  return { from, to, prevFrom, prevTo };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** e.g. 37 high-risk cases against 72 before: highRiskPct −48.6 */
export function highRiskChange(cur: RateFigures, prev: RateFigures) {
  return {
    highRiskPct: prev.highRisk > 0 ? r1(((cur.highRisk - prev.highRisk) / prev.highRisk) * 100) : null,
    ratePoints: cur.rate !== null && prev.rate !== null ? r1((cur.rate - prev.rate) * 100) : null,
    ratePct: cur.rate !== null && prev.rate !== null && prev.rate > 0 ? r1(((cur.rate - prev.rate) / prev.rate) * 100) : null,
  };
}
