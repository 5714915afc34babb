// Dashboard figures (统计分析) and the alert board's counts, always within the caller's units.
import { asTx, type Database } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { notFound } from '../../platform/errors.ts';
import { countBy, countOverdue, trend, unitFigures, type ReportFilter } from './reports.repository.ts';
import { rankUnits, type RankedUnit } from './ranking.ts';

export interface ReportQuery {
  unit?: string;
  rule?: string;
  level?: string;
  status?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
}

const split = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export class ReportService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
  ) {}

  /** the unit a report is about: the one asked for (inside the caller's subtree) or the caller's own */
  private scopeUnit(caller: Caller, unit?: string) {
    if (unit !== undefined) {
      const node = this.units.get(unit);
      // a unit outside the caller's subtree is reported as unknown, never as empty or forbidden
      if (!node || !(caller.unitPath === '/' || node.path.startsWith(caller.unitPath))) throw notFound(`unit: 单位 ${unit} 不存在 (no such unit)`);
      return node;
    }
    return caller.unitPath === '/' ? (this.units.root() ?? null) : (this.units.get(caller.unitCode) ?? null);
  }

  private filter(caller: Caller, q: ReportQuery, now: Date): ReportFilter {
    const node = this.scopeUnit(caller, q.unit);
    const units = node ? this.units.subtree(node.path).map((u) => u.code) : caller.unitPath === '/' ? null : [];
    return {
      units: q.unit === undefined && caller.unitPath === '/' ? null : units,
      rules: split(q.rule),
      levels: split(q.level),
      statuses: split(q.status),
      from: q.from,
      to: q.to,
      overdueAt: q.overdue ? now.toISOString() : undefined,
    };
  }

  /** the units directly below `node` and the node itself, each with the codes of its subtree */
  private groups(nodeCode: string): { codes: string[]; groups: string[]; members: string[] } {
    const node = this.units.get(nodeCode)!;
    const children = this.units.subtree(node.path).filter((u) => u.parentCode === node.code);
    const codes: string[] = [node.code];
    const groups: string[] = [node.code];
    for (const child of children) {
      for (const u of this.units.subtree(child.path)) {
        codes.push(u.code);
        groups.push(child.code);
      }
    }
    return { codes, groups, members: [node.code, ...children.map((c) => c.code)] };
  }

  /** the alert board's counts: by level, rule, status and the units one level below, plus overdue */
  async counts(caller: Caller, q: ReportQuery) {
    const now = this.clock.now();
    const f = this.filter(caller, q, now);
    const tx = asTx(this.database.db);
    const [byLevel, byRule, byStatus, overdue] = await Promise.all([
      countBy(tx, f, 'level'),
      countBy(tx, f, 'rule'),
      countBy(tx, f, 'status'),
      countOverdue(tx, f, now.toISOString()),
    ]);
    const node = this.scopeUnit(caller, q.unit);
    let byUnit: { unit: string; name: string; n: number }[] = [];
    if (node) {
      const { codes, groups, members } = this.groups(node.code);
      const figures = await unitFigures(tx, f, codes, groups, now.toISOString());
      const n = new Map(figures.map((x) => [x.group, x.total]));
      byUnit = members.map((code) => ({ unit: code, name: this.units.get(code)!.name, n: n.get(code) ?? 0 }));
    }
    const total = byLevel.reduce((s, x) => s + x.n, 0);
    return { total, overdue, byLevel, byRule, byStatus, byUnit, asOf: now.toISOString() };
  }

  /** alerts per day or week of creation (China Standard Time), by level and by rule */
  async trend(caller: Caller, q: ReportQuery & { bucket: 'day' | 'week' }) {
    const now = this.clock.now();
    const f = this.filter(caller, q, now);
    const tx = asTx(this.database.db);
    const [byLevel, byRule] = await Promise.all([trend(tx, f, q.bucket, 'level'), trend(tx, f, q.bucket, 'rule')]);
    return { bucket: q.bucket, byLevel, byRule };
  }

  /** 考核排名: the units one level below (and the unit itself), scored and ranked, with overall figures */
  async ranking(caller: Caller, q: ReportQuery) {
    const now = this.clock.now();
    const f = this.filter(caller, q, now);
    const node = this.scopeUnit(caller, q.unit);
    if (!node) return { unit: null, overall: null, items: [] as (RankedUnit & { unit: string; name: string; level: string; self: boolean })[] };
    const tx = asTx(this.database.db);
    const { codes, groups, members } = this.groups(node.code);
    const figures = await unitFigures(tx, f, codes, groups, now.toISOString());
    const byGroup = new Map(figures.map((x) => [x.group, x]));
    const empty = (group: string) => ({ group, total: 0, closed: 0, open: 0, overdue: 0, closedOnTime: 0, medianHoursToClose: null });
    const all = members.map((code) => byGroup.get(code) ?? empty(code));
    // the unit's own alerts are shown but not ranked against its subordinates
    const own = all[0];
    const ranked = rankUnits(all.slice(1));
    const [overallRow] = await unitFigures(tx, f, codes, codes.map(() => node.code), now.toISOString());
    const [overall] = rankUnits([overallRow ?? empty(node.code)]);
    const present = (r: RankedUnit, self: boolean) => {
      const u = this.units.get(r.group)!;
      return { ...r, unit: u.code, name: u.name, level: u.level, self };
    };
    return {
      unit: { code: node.code, name: node.name, level: node.level },
      overall: present(overall, true),
      items: [...ranked.map((r) => present(r, false)), present(rankUnits([own])[0], true)],
    };
  }
}
