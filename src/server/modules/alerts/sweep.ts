// The periodic part of the closed loop: each missed deadline is recorded once — the alert turns overdue,
// goes on the board of the unit one level further up per miss (the second miss, typically of a supervision
// order, escalates past the unit that issued it), an open order it missed is marked missed — and noticed.
// Run every minute by the scheduler with its `now`; running it twice changes nothing more.
import { asTx, inTransaction } from '../../platform/db/client.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { HANDLING_ROLES, SUPERVISING_ROLES, STAGE_OF, type Status } from './alert-state.ts';
import { appendHistory, closeOrder, lockAlert, missedDeadlines, updateAlert } from './alerts.repository.ts';
import { ancestors, type Notice } from './notifications.ts';
import type { AlertService } from './alerts.service.ts';

export interface SweepResult {
  /** deadlines whose miss was recorded by this run */
  missed: number;
  /** of those, the ones that moved an alert onto an upper unit's board */
  escalated: number;
  /** supervision orders found missed */
  ordersMissed: number;
}

const BATCH = 200;
const STAGE_NAMES: Record<string, string> = { sign: '签收', verify: '核查', rectify: '整改', review: '审核' };

export async function sweepDeadlines(svc: AlertService, now: Date): Promise<SweepResult> {
  const nowIso = now.toISOString();
  const result: SweepResult = { missed: 0, escalated: 0, ordersMissed: 0 };
  for (let round = 0; round < 1000; round++) {
    const ids = await missedDeadlines(asTx(svc.database.db), nowIso, BATCH);
    if (!ids.length) break;
    await inTransaction(svc.database, async (tx) => {
      const notices: Notice[] = [];
      const marked: string[] = [];
      for (const id of ids) {
        const a = await lockAlert(tx, id);
        // re-checked under the lock: a step or another sweep may have got there first
        if (!a || a.status === 'closed' || a.dueAt === null) continue;
        const due = new Date(a.dueAt);
        if (due.getTime() >= now.getTime()) continue;
        if (a.missedDueAt !== null && new Date(a.missedDueAt).getTime() === due.getTime()) continue;
        const missCount = a.missCount + 1;
        const chain = ancestors(svc.units, a.unitCode);
        const up = chain[Math.min(missCount, chain.length - 1)];
        const escalatedTo = up !== a.unitCode ? up : a.escalatedTo;
        let orderId: string | null = null;
        if (a.orderId) {
          const o = await closeOrder(tx, a.orderId, 'missed', nowIso);
          if (o) {
            orderId = o.id;
            result.ordersMissed++;
          }
        }
        await updateAlert(tx, a.id, { missCount, missedDueAt: a.dueAt, escalatedTo, ...(a.orderId ? { orderId: null } : {}) });
        const what = orderId ? '督办' : STAGE_NAMES[STAGE_OF[a.status as Exclude<Status, 'closed'>]] ?? a.status;
        const text = `${what}期限 ${due.toISOString()} 已过，第 ${missCount} 次超期`;
        await appendHistory(tx, {
          alertId: a.id,
          at: nowIso,
          kind: 'overdue',
          actor: 'system:sweep',
          unitCode: null,
          level: a.level,
          text,
          detail: { dueAt: due.toISOString(), status: a.status, missCount, escalatedTo, orderId },
        });
        marked.push(a.id);
        result.missed++;
        notices.push({ at: now, unitCode: a.unitCode, kind: 'overdue', alertId: a.id, level: a.level, title: `超期：${a.title}`, detail: { dueAt: due.toISOString(), missCount, orderId }, receivers: HANDLING_ROLES });
        if (escalatedTo && escalatedTo !== a.escalatedTo) {
          result.escalated++;
          notices.push({
            at: now,
            unitCode: escalatedTo,
            kind: 'escalated',
            alertId: a.id,
            level: a.level,
            title: `超期上报：${a.title}`,
            detail: { unit: a.unitCode, dueAt: due.toISOString(), missCount, orderId },
            receivers: SUPERVISING_ROLES,
          });
        }
      }
      if (!marked.length) return;
      await svc.notify(tx, notices);
      await appendAudit(tx, { at: now, actor: 'system:sweep', unitCode: null, ip: null, action: 'alerts.overdue', detail: { alerts: marked } });
    });
    if (ids.length < BATCH) break;
  }
  return result;
}
