// One workflow step on one alert (POST /alerts/{id}/actions): decided by alert-state.ts, then the change,
// its history entry, the files it cites, a conduct deduction where decided, notices and the audit leaf,
// all in one transaction. Every step records the deadline in force and whether it was met at the time.
import type { Caller } from '../../platform/access/caller.ts';
import { actorLabel } from '../../platform/access/caller.ts';
import { inTransaction, type Tx } from '../../platform/db/client.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { recordDeduction } from '../conduct/index.ts';
import { decide, defaultRejectTarget, HANDLING_ROLES, nextStatus, STAGE_OF, type Action, type Finding, type Level, type Status } from './alert-state.ts';
import { addAttachments, appendHistory, closeOrder, insertOrder, lockAlert, updateAlert, type AlertUpdate } from './alerts.repository.ts';
import { dueFrom, hoursFor } from './deadlines.ts';
import type { Notice } from './notifications.ts';
import type { AlertService, AlertView } from './alerts.service.ts';

export type Accountability = 'none' | 'criticism' | 'conduct_deduction' | 'disciplinary';

export interface ActionInput {
  action: Action;
  finding?: Finding;
  account?: string;
  attachments?: string[];
  measures?: string;
  accountability?: Accountability;
  personNo?: string;
  points?: number;
  note?: string;
  reason?: string;
  /** reject: the step to send it back to (default: the one that was wrong — verify for an unsubstantiated finding, rectify otherwise) */
  to?: 'verifying' | 'rectifying';
  unit?: string;
  dueAt?: string;
  level?: Level;
  text?: string;
  /** merge: the alert this one duplicates */
  into?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RAISED = new Set(['red', 'orange']);
const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

function required(v: string | undefined, field: string, what: string): string {
  const t = v?.trim();
  if (!t) throw badRequest(`${field}: 请填写${what} (required)`, { field });
  return t;
}

export async function actOnAlert(svc: AlertService, caller: Caller, id: string, input: ActionInput): Promise<AlertView> {
  const missing = () => notFound('预警不存在 (no such alert)');
  if (!UUID.test(id)) throw missing();
  const now = svc.clock.now();
  const nowIso = now.toISOString();
  const actor = actorLabel(caller);
  const cfg = svc.deadlines.config;
  const action = input.action;

  const row = await inTransaction(svc.database, async (tx) => {
    const a = await lockAlert(tx, id);
    if (!a || !svc.canSee(caller, a.unitCode)) throw missing();
    const decision = decide(action, { status: a.status as Status, rectified: a.rectified }, svc.standing(caller, a));
    if (!decision.ok) throw new AppError(decision.status === 403 ? 'forbidden' : 'conflict', decision.reason, { action, status: a.status });

    const from = a.status as Status;
    const set: AlertUpdate = { updatedAt: nowIso };
    const notices: Notice[] = [];
    const detail: Record<string, unknown> = { from, dueAt: iso(a.dueAt), onTime: a.dueAt === null || now.getTime() <= new Date(a.dueAt).getTime() };
    let text: string | null = null;
    let level = a.level;
    const attachments = await checkAttachments(svc, tx, input.attachments);

    /** a new step begins: its deadline counts from now, unless an open supervision order governs */
    const moveTo = async (status: Status, orderEnd: 'fulfilled' | 'closed' = 'fulfilled') => {
      set.status = status;
      set.stageStartedAt = nowIso;
      let orderOpen = a.orderId !== null;
      // the responsible unit's part ends at review: an open order is fulfilled (or ended by reassign/merge)
      if (orderOpen && (status === 'reviewing' || status === 'closed' || orderEnd === 'closed')) {
        const o = await closeOrder(tx, a.orderId!, orderEnd, nowIso);
        if (o) detail.order = { id: o.id, status: orderEnd, dueAt: iso(o.dueAt), onTime: now.getTime() <= new Date(o.dueAt).getTime() };
        set.orderId = null;
        orderOpen = false;
      }
      if (status === 'closed') set.closedAt = nowIso;
      else if (!orderOpen) set.dueAt = dueFrom(cfg, a.rule, STAGE_OF[status], level, now).toISOString();
      detail.to = status;
    };

    switch (action) {
      case 'sign':
        text = input.note?.trim() || null;
        await moveTo(nextStatus('sign')!);
        break;
      case 'verify': {
        if (input.finding !== 'substantiated' && input.finding !== 'unsubstantiated') throw badRequest('finding: 请选择核查结论 属实/不属实 (substantiated or unsubstantiated)', { field: 'finding' });
        text = required(input.account, 'account', '核查情况');
        if (input.finding === 'unsubstantiated' && attachments.length === 0) {
          throw badRequest('attachments: 核查不属实须附证明材料 (an unsubstantiated finding needs proof attached)', { field: 'attachments' });
        }
        set.finding = input.finding;
        set.rectified = false;
        detail.finding = input.finding;
        await moveTo(nextStatus('verify', { finding: input.finding })!);
        break;
      }
      case 'rectify': {
        text = required(input.measures, 'measures', '整改措施');
        const acc = input.accountability;
        if (!acc || !['none', 'criticism', 'conduct_deduction', 'disciplinary'].includes(acc)) {
          throw badRequest('accountability: 请选择问责方式 none/criticism/conduct_deduction/disciplinary', { field: 'accountability' });
        }
        detail.accountability = acc;
        if (input.personNo !== undefined) detail.personNo = input.personNo;
        if (acc === 'conduct_deduction') {
          const personNo = required(input.personNo, 'personNo', '被扣分人员警号');
          const points = input.points;
          if (typeof points !== 'number' || !Number.isInteger(points) || points < 1 || points > 100) {
            throw badRequest('points: 扣分应为 1 到 100 的整数 (an integer 1–100)', { field: 'points' });
          }
          detail.points = points;
          detail.deductionId = await recordDeduction(tx, {
            personNo,
            points,
            unitCode: caller.unitCode,
            alertId: a.id,
            reason: `${a.title}：${text}`.slice(0, 2000),
            decidedBy: actor,
            decidedAt: now,
          });
        }
        set.rectified = true;
        break;
      }
      case 'submit':
        text = input.note?.trim() || null;
        await moveTo(nextStatus('submit')!);
        break;
      case 'approve':
        text = input.note?.trim() || null;
        await moveTo(nextStatus('approve')!);
        break;
      case 'reject': {
        text = required(input.reason, 'reason', '退回理由');
        const to = input.to ?? defaultRejectTarget(a.finding);
        if (to === 'rectifying' && a.finding !== 'substantiated') throw badRequest('to: 核查结论为不属实，没有可退回的整改 (nothing was rectified)', { field: 'to' });
        if (to === 'verifying') set.finding = null;
        set.rectified = false;
        await moveTo(nextStatus('reject', { to })!);
        break;
      }
      case 'reassign': {
        const target = input.unit;
        if (!target || !svc.units.has(target)) throw badRequest(`unit: 单位不存在 (unknown unit ${target ?? ''})`, { field: 'unit' });
        if (target === a.unitCode) throw badRequest('unit: 已是责任单位 (already the responsible unit)', { field: 'unit' });
        if (target === caller.unitCode || !svc.canSee(caller, target)) throw forbidden('unit: 只能改派给本单位下级的单位 (only to a unit below yours)');
        text = input.note?.trim() || input.reason?.trim() || null;
        detail.fromUnit = a.unitCode;
        detail.toUnit = target;
        set.unitCode = target;
        set.finding = null;
        set.rectified = false;
        // the new unit's clock starts afresh; the misses so far stay in the history
        set.missCount = 0;
        set.missedDueAt = null;
        set.escalatedTo = null;
        await moveTo(nextStatus('reassign')!, 'closed');
        notices.push({ at: now, unitCode: target, kind: 'alert.reassigned', alertId: a.id, level, title: a.title, detail: { fromUnit: a.unitCode }, receivers: HANDLING_ROLES });
        break;
      }
      case 'supervise': {
        const due = input.dueAt ? new Date(input.dueAt) : null;
        if (!due || Number.isNaN(due.getTime())) throw badRequest('dueAt: 请填写督办期限 (a deadline is required)', { field: 'dueAt' });
        if (due.getTime() <= now.getTime()) throw badRequest('dueAt: 督办期限应晚于现在 (must be in the future)', { field: 'dueAt' });
        text = required(input.note, 'note', '督办要求');
        if (a.orderId) await closeOrder(tx, a.orderId, 'superseded', nowIso);
        const order = await insertOrder(tx, {
          alertId: a.id,
          unitCode: caller.unitCode,
          targetUnitCode: a.unitCode,
          issuedBy: actor,
          issuedAt: nowIso,
          dueAt: due.toISOString(),
          note: text,
          status: 'open',
        });
        set.orderId = order.id;
        set.dueAt = due.toISOString();
        detail.orderId = order.id;
        detail.orderDueAt = due.toISOString();
        notices.push({
          at: now,
          unitCode: a.unitCode,
          kind: 'supervision',
          alertId: a.id,
          level,
          title: `督办：${a.title}`,
          detail: { orderId: order.id, dueAt: due.toISOString(), by: caller.unitCode, note: text },
          receivers: HANDLING_ROLES,
        });
        break;
      }
      case 'relevel': {
        const to = input.level;
        if (!to || !['blue', 'yellow', 'orange', 'red'].includes(to)) throw badRequest('level: 请选择等级 (blue/yellow/orange/red)', { field: 'level' });
        if (to === a.level) throw badRequest('level: 与当前等级相同 (same as the current level)', { field: 'level' });
        text = required(input.reason, 'reason', '调整理由');
        level = to;
        set.level = to;
        set.levelSource = 'person';
        detail.fromLevel = a.level;
        detail.toLevel = to;
        if (a.orderId === null && from !== 'closed') {
          // the running step's deadline follows the new level; a raise never makes it late retroactively
          const start = new Date(a.stageStartedAt ?? a.createdAt);
          const hours = hoursFor(cfg, a.rule, STAGE_OF[from as Exclude<Status, 'closed'>], to) * 3600_000;
          const due = start.getTime() + hours < now.getTime() ? now.getTime() + hours : start.getTime() + hours;
          set.dueAt = new Date(due).toISOString();
        }
        if (RAISED.has(to) && !RAISED.has(a.level)) {
          notices.push({ at: now, unitCode: a.unitCode, kind: 'alert.raised', alertId: a.id, level: to, title: a.title, detail: { fromLevel: a.level, reason: text }, receivers: HANDLING_ROLES });
        }
        break;
      }
      case 'merge': {
        if (!input.into || !UUID.test(input.into)) throw badRequest('into: 请指定保留的预警 (the alert to merge into)', { field: 'into' });
        if (input.into.toLowerCase() === a.id) throw badRequest('into: 不能合并到自身 (cannot merge into itself)', { field: 'into' });
        const target = await lockAlert(tx, input.into);
        if (!target || !svc.canSee(caller, target.unitCode)) throw notFound('into: 目标预警不存在 (no such alert)');
        if (target.status === 'closed') throw new AppError('conflict', 'into: 目标预警已办结，不能合并 (the alert to merge into is closed)');
        if (!svc.standing(caller, target).upper) throw forbidden('into: 只能合并您上级管辖的预警 (only alerts of units below yours)');
        text = required(input.reason ?? input.note, 'reason', '合并理由');
        const eventIds = [...new Set([...target.eventIds, ...a.eventIds])].sort();
        await updateAlert(tx, target.id, { eventIds, updatedAt: nowIso });
        await appendHistory(tx, {
          alertId: target.id,
          at: nowIso,
          kind: 'merged',
          actor,
          unitCode: caller.unitCode,
          level: target.level,
          text,
          detail: { duplicate: a.id, eventIds: a.eventIds },
        });
        set.mergedInto = target.id;
        detail.into = target.id;
        await moveTo(nextStatus('merge')!, 'closed');
        break;
      }
      case 'comment':
        text = required(input.text ?? input.note, 'text', '备注内容');
        break;
    }

    if (attachments.length) detail.attachments = attachments;
    const updated = await updateAlert(tx, a.id, set);
    await appendHistory(tx, { alertId: a.id, at: nowIso, kind: action, actor, unitCode: caller.unitCode, level, text, detail });
    await addAttachments(tx, a.id, attachments);
    await svc.notify(tx, notices);
    await appendAudit(tx, {
      at: now,
      actor,
      unitCode: caller.unitCode || null,
      ip: caller.ip,
      action: `alerts.${action}`,
      detail: { alertId: a.id, unit: updated.unitCode, from, to: updated.status, text, ...detail },
    });
    return updated;
  });
  return svc.present(caller, row, now);
}

async function checkAttachments(svc: AlertService, tx: Tx, hashes: string[] | undefined): Promise<string[]> {
  if (!hashes?.length) return [];
  const wanted = [...new Set(hashes.map((h) => h.toLowerCase()))];
  const have = svc.fileStore ? await svc.fileStore.existing(tx, wanted) : new Set<string>();
  const unknown = wanted.filter((h) => !have.has(h));
  if (unknown.length) throw badRequest(`attachments: 附件不存在，请先上传 (unknown file ${unknown[0]})`, { field: 'attachments', unknown });
  return wanted;
}

