// Notifications of the closed loop. Writers put rows into the outbox (`notifications`) in the transaction of
// the change they report, so a notice exists exactly when its change committed; a notice addressed to a
// unit where nobody could receive it is itself addressed to the unit above. The hub polls the outbox and
// pushes new rows to the connected streams (SSE) whose unit subtree contains the addressee.
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx } from '../../platform/db/client.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { unitsWithActiveRole } from '../../platform/access/receivers.ts';
import { insertNotifications, lastNotificationId, notificationsAfter, type NotificationInput, type NotificationRow } from './alerts.repository.ts';

export type NotificationKind = 'alert.new' | 'alert.raised' | 'alert.reassigned' | 'supervision' | 'overdue' | 'escalated' | 'unreachable';

export interface Notice {
  at: Date;
  unitCode: string;
  kind: NotificationKind;
  alertId: string | null;
  level: string | null;
  title: string;
  detail?: Record<string, unknown>;
  /** roles of which one active person in the unit must exist for the notice to reach someone */
  receivers: readonly string[];
}

const KIND_NAMES: Record<NotificationKind, string> = {
  'alert.new': '新预警',
  'alert.raised': '预警升级',
  'alert.reassigned': '改派预警',
  supervision: '督办',
  overdue: '超期',
  escalated: '超期上报',
  unreachable: '无人接收',
};

/**
 * Write notices to the outbox. A notice whose unit has no active person with a receiving role is also
 * addressed, as an `unreachable` notice, to the unit above (which sees its whole subtree), so nothing waits
 * unseen.
 */
export async function writeNotices(tx: Tx, units: UnitTree, notices: readonly Notice[]): Promise<void> {
  if (!notices.length) return;
  const rows: NotificationInput[] = [];
  const chains = notices.map((n) => ancestors(units, n.unitCode));
  const allUnits = chains.flat();
  const roleSets = [...new Set(notices.map((n) => n.receivers.join(',')))];
  const reachable = new Map<string, Set<string>>();
  for (const rs of roleSets) reachable.set(rs, rs ? await unitsWithActiveRole(tx, allUnits, rs.split(',')) : new Set(allUnits));
  notices.forEach((n, i) => {
    const at = n.at.toISOString();
    rows.push({ at, unitCode: n.unitCode, kind: n.kind, alertId: n.alertId, level: n.level, title: n.title, detail: n.detail ?? {} });
    const can = reachable.get(n.receivers.join(','))!;
    if (can.has(n.unitCode)) return;
    const above = chains[i].slice(1);
    if (!above.length) return;
    rows.push({
      at,
      unitCode: above[0],
      kind: 'unreachable',
      alertId: n.alertId,
      level: n.level,
      title: `${units.get(n.unitCode)?.name ?? n.unitCode}无人可接收“${KIND_NAMES[n.kind]}”：${n.title}`,
      detail: { unit: n.unitCode, kind: n.kind, roles: [...n.receivers] },
    });
  });
  await insertNotifications(tx, rows);
}

/** the unit followed by its ancestors, nearest first */
export function ancestors(units: UnitTree, code: string): string[] {
  const out: string[] = [];
  let node = units.get(code);
  if (!node) return [code];
  while (node && out.length < 32) {
    out.push(node.code);
    node = node.parentCode ? units.get(node.parentCode) : undefined;
  }
  return out;
}

export interface NotificationView {
  id: number;
  at: string;
  unit: string;
  kind: string;
  alertId: string | null;
  level: string | null;
  title: string;
  detail: unknown;
}

export function presentNotification(r: NotificationRow): NotificationView {
  return { id: r.id, at: new Date(r.at).toISOString(), unit: r.unitCode, kind: r.kind, alertId: r.alertId, level: r.level, title: r.title, detail: r.detail };
}

interface Subscriber {
  unitPath: string;
  lastId: number;
  send(n: NotificationView): void;
  /** ends the subscriber's stream when the server shuts down */
  end?: () => void;
}

/** fans the outbox out to connected streams; polls only while someone listens */
export class NotificationHub {
  private readonly subs = new Set<Subscriber>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private seen = -1;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly intervalMs = 1000,
  ) {}

  get listeners(): number {
    return this.subs.size;
  }

  /**
   * Listen for notices addressed within a unit subtree. With `lastId`, notices after it are sent first
   * (an SSE client's Last-Event-ID); otherwise only those that arrive from now on.
   */
  async subscribe(unitPath: string, lastId: number | null, send: (n: NotificationView) => void, end?: () => void): Promise<() => void> {
    const tx = asTx(this.database.db);
    const head = await lastNotificationId(tx);
    const sub: Subscriber = { unitPath, lastId: lastId ?? head, send, end };
    if (lastId !== null && lastId < head) {
      const backlog = await notificationsAfter(tx, lastId, 500, this.visible(unitPath));
      for (const r of backlog) this.deliver(sub, r);
      sub.lastId = Math.max(sub.lastId, head);
    }
    if (this.seen < 0) this.seen = head;
    this.subs.add(sub);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll().catch(() => undefined), this.intervalMs);
      this.timer.unref?.();
    }
    return () => {
      this.subs.delete(sub);
      if (this.subs.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.seen = -1;
      }
    };
  }

  /** read what is new in the outbox and push it; also called directly by tests */
  async poll(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = (async () => {
      try {
        if (!this.subs.size) return;
        for (;;) {
          const rows = await notificationsAfter(asTx(this.database.db), this.seen, 500);
          if (!rows.length) return;
          for (const r of rows) for (const s of this.subs) this.deliver(s, r);
          this.seen = rows[rows.length - 1].id;
          if (rows.length < 500) return;
        }
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  /** end every open stream (a long-lived stream would otherwise hold the server's shutdown) */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const subs = [...this.subs];
    this.subs.clear();
    for (const s of subs) s.end?.();
  }

  private deliver(s: Subscriber, r: NotificationRow): void {
    if (r.id <= s.lastId) return;
    if (!(s.unitPath === '/' || this.units.within(s.unitPath, r.unitCode))) return;
    s.lastId = r.id;
    s.send(presentNotification(r));
  }

  private visible(unitPath: string): string[] | null {
    return unitPath === '/' ? null : this.units.subtree(unitPath).map((u) => u.code);
  }
}
