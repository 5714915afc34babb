// Reading notifications: the list of a unit subtree's notices, and the daily digest of one Asia/Shanghai day.
import { asTx } from '../../platform/db/client.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { badRequest } from '../../platform/errors.ts';
import { countNotificationsByKind, dayCounts, listAlerts, listNotifications } from './alerts.repository.ts';
import { LEVELS } from './alert-state.ts';
import { presentNotification } from './notifications.ts';
import type { AlertService } from './alerts.service.ts';

export async function listNotices(svc: AlertService, caller: Caller, q: { before?: number; limit: number }) {
  const rows = await listNotifications(asTx(svc.database.db), { units: svc.visibleUnitCodes(caller), beforeId: q.before, limit: q.limit });
  return { items: rows.map(presentNotification), nextBefore: rows.length === q.limit ? rows[rows.length - 1].id : null };
}

const OPEN = ['new', 'verifying', 'rectifying', 'reviewing'];

/** one day's summary for the caller's units (or one unit subtree of them) */
export async function digest(svc: AlertService, caller: Caller, date: string, unit?: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const from = m ? new Date(`${date}T00:00:00+08:00`) : null;
  // a date that does not exist (2026-02-30) rolls over and no longer reads the same
  if (!from || Number.isNaN(from.getTime()) || new Date(from.getTime() + 8 * 3600_000).toISOString().slice(0, 10) !== date) {
    throw badRequest('date: 应为 YYYY-MM-DD (a calendar date)', { field: 'date' });
  }
  const to = new Date(from.getTime() + 24 * 3600_000);
  const now = svc.clock.now();
  const asOf = to.getTime() < now.getTime() ? to : now;
  const units = svc.visibleUnitCodes(caller, unit);
  const tx = asTx(svc.database.db);
  const span = { units, from: from.toISOString(), to: to.toISOString() };
  const [counts, byKind, notices, overdue] = await Promise.all([
    dayCounts(tx, span),
    countNotificationsByKind(tx, span),
    listNotifications(tx, { ...span, limit: 200 }),
    listAlerts(tx, { units, statuses: OPEN, overdueAt: asOf.toISOString(), limit: 100 }),
  ]);
  const opened = Object.fromEntries(LEVELS.map((l) => [l, counts.opened[l] ?? 0])) as Record<string, number>;
  return {
    date,
    from: from.toISOString(),
    to: to.toISOString(),
    unit: unit ?? caller.unitCode,
    opened: { ...opened, total: Object.values(counts.opened).reduce((s, n) => s + n, 0) },
    closed: { total: counts.closed.total, onTime: counts.closed.total - counts.closed.late, late: counts.closed.late },
    notifications: { counts: byKind, items: notices.map(presentNotification) },
    overdue: { asOf: asOf.toISOString(), total: overdue.total, items: overdue.rows.map((r) => svc.present(caller, r, now)) },
  };
}
