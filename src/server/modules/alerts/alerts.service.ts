// Alerts: opening or adding to them from rule findings, and reading them within the caller's units.
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { findEvents } from '../ingest/index.ts';
import { appendHistory, getAlert, historyOf, listAlerts, upsertFinding, type AlertRow, type FindingInput } from './alerts.repository.ts';

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
  limit: number;
  cursor?: string;
}

const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

export function presentAlert(row: AlertRow, now: Date): AlertView {
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
    overdue: row.status !== 'closed' && row.dueAt !== null && new Date(row.dueAt).getTime() < now.getTime(),
  };
}

const encodeCursor = (row: AlertRow) => Buffer.from(JSON.stringify([iso(row.createdAt), row.id])).toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { createdAt, id };
  } catch {
    throw badRequest('cursor: 无效的分页游标 (invalid cursor)', { field: 'cursor' });
  }
}

export class AlertService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
  ) {}

  /**
   * Record rule findings inside the caller's transaction: each opens an alert or adds to the open one of
   * its (rule, subject); every change is a history entry, and the call one audit leaf.
   */
  async recordFindings(tx: Tx, findings: readonly FindingInput[], at: Date, actor = 'system:detection'): Promise<{ opened: AlertRow[]; updated: AlertRow[] }> {
    const opened: AlertRow[] = [];
    const updated: AlertRow[] = [];
    const atIso = at.toISOString();
    const key = (f: FindingInput) => `${f.rule}|${f.subjectKind}|${f.subjectId}`;
    const ordered = [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const f of ordered) {
      const { row, created, changed } = await upsertFinding(tx, f, atIso);
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
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit,
    });
    return {
      items: rows.map((r) => presentAlert(r, now)),
      nextCursor: rows.length === q.limit ? encodeCursor(rows[rows.length - 1]) : null,
      total,
    };
  }

  async get(caller: Caller, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('预警不存在 (no such alert)');
    const tx = asTx(this.database.db);
    const row = await getAlert(tx, id);
    // an alert outside the caller's units does not exist for the caller
    if (!row || !(caller.unitPath === '/' || this.units.within(caller.unitPath, row.unitCode))) throw notFound('预警不存在 (no such alert)');
    const [events, history] = await Promise.all([findEvents(tx, row.eventIds), historyOf(tx, row.id)]);
    return {
      ...presentAlert(row, this.clock.now()),
      events,
      history: history.map((h) => ({ at: iso(h.at)!, kind: h.kind, actor: h.actor, unit: h.unitCode, level: h.level, text: h.text, detail: h.detail })),
    };
  }
}
