// Alerts: opening or adding to them from rule findings, reading them within the caller's units with the
// steps each caller may take, and the closed loop's entry points (actions, sweep, notifications, digest).
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { findEvents } from '../ingest/index.ts';
import {
  appendHistory,
  getAlert,
  historyOf,
  listAlerts,
  ordersOf,
  sortValue,
  unitsCitingFile,
  upsertFinding,
  type AlertKey,
  type AlertRow,
  type AlertSort,
  type AlertSortKey,
  type FindingInput,
  type SupervisionOrderRow,
} from './alerts.repository.ts';
import { allowedActions, HANDLING_ROLES, REVIEWING_ROLES, reviewUnitOf, SUPERVISING_ROLES, type Action, type Standing, type Status } from './alert-state.ts';
import { backfillSignDeadlines, DeadlineService, dueFrom } from './deadlines.ts';
import { NotificationHub, ancestors, writeNotices, type Notice } from './notifications.ts';
import { actOnAlert, type ActionInput } from './act-on-alert.ts';
import { sweepDeadlines, type SweepResult } from './sweep.ts';
import { digest, listNotices } from './digest.ts';

export interface AlertView {
  id: string;
  rule: string;
  level: string;
  status: string;
  unit: string;
  subject: { kind: string; id: string };
  title: string;
  evidence: { figures: Record<string, unknown>; eventIds: string[] };
  paramVersion: number;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  overdue: boolean;
  closedAt: string | null;
  /** verify's finding in force: substantiated / unsubstantiated */
  finding: string | null;
  /** deadlines missed so far */
  missedDeadlines: number;
  /** the upper unit whose board missed deadlines put the alert on */
  escalatedTo: string | null;
  /** an open supervision order 督办 sets the deadline */
  supervised: boolean;
  mergedInto: string | null;
  /** the steps this caller may take on it now */
  allowedActions: Action[];
}

export interface AlertQuery {
  rule?: string;
  level?: string;
  status?: string;
  unit?: string;
  subjectKind?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  escalatedTo?: string;
  /** one of ALERT_SORTS; default -createdAt */
  sort?: string;
  limit: number;
  cursor?: string;
}

/** the orders GET /alerts offers: a key, descending when it starts with `-`; ties by createdAt desc, id desc */
export const ALERT_SORTS = ['-createdAt', 'createdAt', '-level', 'level', 'dueAt', '-dueAt', 'rule', '-rule', 'unit', '-unit'] as const;
export type AlertSortName = (typeof ALERT_SORTS)[number];
const DEFAULT_SORT: AlertSortName = '-createdAt';

function parseSort(s: string | undefined): AlertSortName {
  if (s === undefined) return DEFAULT_SORT;
  if (!(ALERT_SORTS as readonly string[]).includes(s)) throw badRequest(`sort: 不支持的排序 (sort must be one of ${ALERT_SORTS.join(', ')})`, { field: 'sort' });
  return s as AlertSortName;
}

const sortOf = (name: AlertSortName): AlertSort => ({ key: name.replace(/^-/, '') as AlertSortKey, desc: name.startsWith('-') });

const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

/**
 * Overdue, judged against the time a step was done: an open alert against now, a closed one against when
 * it was closed — an alert closed on time stays on time.
 */
export function isOverdue(row: Pick<AlertRow, 'status' | 'dueAt' | 'closedAt'>, now: Date): boolean {
  if (row.dueAt === null) return false;
  const due = new Date(row.dueAt).getTime();
  if (row.status === 'closed') return row.closedAt !== null && new Date(row.closedAt).getTime() > due;
  return due < now.getTime();
}

export function presentAlert(row: AlertRow, now: Date, actions: Action[] = []): AlertView {
  return {
    id: row.id,
    rule: row.rule,
    level: row.level,
    status: row.status,
    unit: row.unitCode,
    subject: { kind: row.subjectKind, id: row.subjectId },
    title: row.title,
    evidence: { figures: row.figures as Record<string, unknown>, eventIds: row.eventIds },
    paramVersion: row.paramVersion,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    dueAt: iso(row.dueAt),
    overdue: isOverdue(row, now),
    closedAt: iso(row.closedAt),
    finding: row.finding,
    missedDeadlines: row.missCount,
    escalatedTo: row.escalatedTo,
    supervised: row.orderId !== null,
    mergedInto: row.mergedInto,
    allowedActions: actions,
  };
}

export function presentOrder(o: SupervisionOrderRow) {
  return {
    id: o.id,
    unit: o.unitCode,
    targetUnit: o.targetUnitCode,
    issuedBy: o.issuedBy,
    issuedAt: iso(o.issuedAt)!,
    dueAt: iso(o.dueAt)!,
    note: o.note,
    status: o.status,
    closedAt: iso(o.closedAt),
  };
}

const NEW_NOTICE_LEVELS = new Set(['red', 'orange']);

/** a cursor names the sort it was made for and the last row's place in it: [sort, key, createdAt, id] */
const encodeCursor = (sort: AlertSortName, row: AlertRow) =>
  Buffer.from(JSON.stringify([sort, sortValue(sortOf(sort).key, row), iso(row.createdAt), row.id])).toString('base64url');

function decodeCursor(cursor: string, sort: AlertSortName): AlertKey {
  const invalid = () => badRequest('cursor: 无效的分页游标 (invalid cursor)', { field: 'cursor' });
  let parts: unknown[];
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts)) throw invalid();
  // cursors from before sorting: [createdAt, id], newest first
  const [made, key, createdAt, id] = parts.length === 2 ? [DEFAULT_SORT, null, ...parts] : parts;
  if (typeof made !== 'string' || !(ALERT_SORTS as readonly string[]).includes(made)) throw invalid();
  if (made !== sort) throw badRequest(`cursor: 游标属于另一种排序 (the cursor was made for sort=${made}, not sort=${sort})`, { field: 'cursor' });
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw invalid();
  const k = sortOf(sort).key;
  const keyOk =
    k === 'createdAt'
      ? key === null
      : k === 'dueAt'
        ? key === null || (typeof key === 'string' && !Number.isNaN(Date.parse(key)))
        : k === 'level'
          ? typeof key === 'string' && ['red', 'orange', 'yellow', 'blue'].includes(key)
          : typeof key === 'string' && key.length > 0 && key.length <= 64;
  if (!keyOk) throw invalid();
  return { key: key as string | null, createdAt, id };
}

export class AlertService {
  readonly deadlines: DeadlineService;
  readonly hub: NotificationHub;
  private files: FileStore | null = null;

  constructor(
    readonly database: Database,
    readonly units: UnitTree,
    readonly clock: Clock,
  ) {
    this.deadlines = new DeadlineService(database, clock);
    this.hub = new NotificationHub(database, units);
  }

  /** load the deadline configuration in force (writing the defaults on a fresh database) */
  async load(): Promise<void> {
    await this.deadlines.load();
    await backfillSignDeadlines(this.database, this.deadlines.config, this.clock.now());
  }

  /** attachments: steps cite stored files, and a file is readable by whoever may see an alert citing it */
  useFiles(files: FileStore): void {
    this.files = files;
    files.addReadCheck(async (tx, caller, sha256) => (await unitsCitingFile(tx, sha256)).some((u) => this.canSee(caller, u)));
  }

  get fileStore(): FileStore | null {
    return this.files;
  }

  canSee(caller: Caller, unitCode: string): boolean {
    return caller.unitPath === '/' || this.units.within(caller.unitPath, unitCode);
  }

  /** what the caller is with respect to this alert: the facts `decide` judges */
  standing(caller: Caller, row: Pick<AlertRow, 'unitCode' | 'level' | 'subjectId'>): Standing {
    // a token with `act` acts as its unit, in every role
    const has = (roles: readonly string[]) => caller.kind === 'token' || roles.some((r) => caller.roles.includes(r));
    const chain = ancestors(this.units, row.unitCode).map((code) => ({ code, level: this.units.get(code)?.level ?? '' }));
    const sees = this.canSee(caller, row.unitCode);
    return {
      canAct: caller.scopes.has('act'),
      conflict: caller.personNo !== null && caller.personNo !== '' && caller.personNo === row.subjectId,
      handler: sees && caller.unitCode === row.unitCode && has(HANDLING_ROLES),
      reviewer: sees && caller.unitCode === reviewUnitOf(chain, row.level) && has(REVIEWING_ROLES),
      upper: sees && caller.unitCode !== row.unitCode && has(SUPERVISING_ROLES),
    };
  }

  allowed(caller: Caller, row: AlertRow): Action[] {
    return allowedActions({ status: row.status as Status, rectified: row.rectified }, this.standing(caller, row));
  }

  present(caller: Caller, row: AlertRow, now = this.clock.now()): AlertView {
    return presentAlert(row, now, this.allowed(caller, row));
  }

  /**
   * Record rule findings inside the caller's transaction: each opens an alert or adds to the open one of
   * its (rule, subject); every change is a history entry, and the call one audit leaf.
   */
  async recordFindings(tx: Tx, findings: readonly FindingInput[], at: Date, actor = 'system:detection'): Promise<{ opened: AlertRow[]; updated: AlertRow[] }> {
    const opened: AlertRow[] = [];
    const updated: AlertRow[] = [];
    const atIso = at.toISOString();
    const key = (f: FindingInput) => `${f.rule}|${f.subjectKind}|${f.subjectId}`;
    const sorted = [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    // Several findings on one subject in one batch (a plate's every impossible leg) are one finding: the
    // last, as if each had been recorded in turn, with the evidence of all. Recorded one by one, each
    // rewrote the alert and added history, so a plate's k-th pass cost k updates.
    const ordered: FindingInput[] = [];
    for (const f of sorted) {
      const prev = ordered[ordered.length - 1];
      if (prev && key(prev) === key(f)) ordered[ordered.length - 1] = { ...f, eventIds: [...new Set([...prev.eventIds, ...f.eventIds])] };
      else ordered.push(f);
    }
    const cfg = this.deadlines.config;
    const signDue = (f: FindingInput) => dueFrom(cfg, f.rule, 'sign', f.level, at).toISOString();
    for (const f of ordered) {
      const { row, created, changed } = await upsertFinding(tx, f, atIso, signDue);
      if (!changed) continue;
      (created ? opened : updated).push(row);
      await appendHistory(tx, {
        alertId: row.id,
        at: atIso,
        kind: 'finding',
        actor,
        unitCode: null,
        level: row.level,
        text: row.title,
        detail: { figures: f.figures, eventIds: f.eventIds, paramVersion: f.paramVersion },
      });
    }
    if (opened.length || updated.length) {
      await appendAudit(tx, {
        at,
        actor,
        unitCode: null,
        ip: null,
        action: 'alerts.findings',
        detail: { opened: opened.map((r) => r.id), updated: updated.map((r) => r.id) },
      });
    }
    const notices: Notice[] = opened
      .filter((r) => NEW_NOTICE_LEVELS.has(r.level))
      .map((r) => ({ at, unitCode: r.unitCode, kind: 'alert.new', alertId: r.id, level: r.level, title: r.title, detail: { rule: r.rule, dueAt: iso(r.dueAt) }, receivers: HANDLING_ROLES }));
    await writeNotices(tx, this.units, notices);
    return { opened, updated };
  }

  /** the unit codes a caller may see, narrowed by a unit filter; null means no restriction */
  private visibleUnits(caller: Caller, unit?: string): string[] | null {
    if (unit !== undefined) {
      const node = this.units.get(unit);
      // a unit outside the caller's subtree lists nothing, as if it had no alerts
      if (!node || !(caller.unitPath === '/' || node.path.startsWith(caller.unitPath))) return [];
      return this.units.subtree(node.path).map((u) => u.code);
    }
    return caller.unitPath === '/' ? null : this.units.subtree(caller.unitPath).map((u) => u.code);
  }

  async list(caller: Caller, q: AlertQuery): Promise<{ items: AlertView[]; nextCursor: string | null; total: number }> {
    const now = this.clock.now();
    const split = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
    const sort = parseSort(q.sort);
    const { rows, total } = await listAlerts(asTx(this.database.db), {
      rules: split(q.rule),
      levels: split(q.level),
      statuses: split(q.status),
      units: this.visibleUnits(caller, q.unit),
      subjectKind: q.subjectKind,
      subjectId: q.subjectId,
      from: q.from,
      to: q.to,
      overdueAt: q.overdue ? now.toISOString() : undefined,
      escalatedTo: q.escalatedTo,
      sort: sortOf(sort),
      after: q.cursor ? decodeCursor(q.cursor, sort) : undefined,
      limit: q.limit,
    });
    return {
      items: rows.map((r) => this.present(caller, r, now)),
      nextCursor: rows.length === q.limit ? encodeCursor(sort, rows[rows.length - 1]) : null,
      total,
    };
  }

  async get(caller: Caller, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('预警不存在 (no such alert)');
    const tx = asTx(this.database.db);
    const row = await getAlert(tx, id);
    // an alert outside the caller's units does not exist for the caller
    if (!row || !(caller.unitPath === '/' || this.units.within(caller.unitPath, row.unitCode))) throw notFound('预警不存在 (no such alert)');
    const [events, history, orders] = await Promise.all([findEvents(tx, row.eventIds), historyOf(tx, row.id), ordersOf(tx, row.id)]);
    return {
      ...this.present(caller, row),
      events,
      supervisionOrders: orders.map(presentOrder),
      history: history.map((h) => ({ at: iso(h.at)!, kind: h.kind, actor: h.actor, unit: h.unitCode, level: h.level, text: h.text, detail: h.detail })),
    };
  }

  /** a workflow step (POST /alerts/{id}/actions); returns the alert as the caller now sees it */
  async act(caller: Caller, id: string, input: ActionInput): Promise<AlertView> {
    return actOnAlert(this, caller, id, input);
  }

  /**
   * The periodic work: record each missed deadline once (overdue, escalation to the board of the unit
   * one level further up per miss, supervision orders missed) and notify. Safe to run twice.
   */
  async sweep(now: Date): Promise<SweepResult> {
    return sweepDeadlines(this, now);
  }

  notices(caller: Caller, q: { before?: number; limit: number }) {
    return listNotices(this, caller, q);
  }

  digest(caller: Caller, date: string, unit?: string) {
    return digest(this, caller, date, unit);
  }

  /** the unit codes a caller may see, narrowed by a unit filter; null means no restriction */
  visibleUnitCodes(caller: Caller, unit?: string): string[] | null {
    return this.visibleUnits(caller, unit);
  }

  /** the caller stands at the top of the unit tree */
  isRoot(caller: Caller): boolean {
    return caller.unitPath === '/' || this.units.get(caller.unitCode)?.depth === 0;
  }

  updateDeadlines(caller: Caller, config: { default?: unknown; rules?: unknown }, reason: string) {
    for (const code of Object.keys((config.rules as object | undefined) ?? {})) {
      if (!/^[A-Z][A-Z0-9_]{1,63}$/.test(code)) throw badRequest(`config.rules.${code}: 不是规则编码 (not a rule code)`, { field: `config.rules.${code}` });
    }
    return this.deadlines.update(caller, this.isRoot(caller), config, reason);
  }

  /** write notices in the caller's transaction */
  notify(tx: Tx, notices: readonly Notice[]): Promise<void> {
    return writeNotices(tx, this.units, notices);
  }
}
