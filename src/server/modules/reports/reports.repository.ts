// The reports module's SQL: read-only aggregates over the alert store. The alerts module offers no
// aggregate reads, so these queries read its table directly and never write to it.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';

export interface ReportFilter {
  /** unit codes to count; null: every unit */
  units: string[] | null;
  rules?: string[];
  levels?: string[];
  statuses?: string[];
  from?: string;
  to?: string;
  /** only alerts open and past their deadline at this time */
  overdueAt?: string;
}

const list = (xs: readonly string[]) => xs.join(',');

function where(f: ReportFilter): SQL {
  const c: SQL[] = [sql`true`];
  if (f.units !== null) c.push(f.units.length ? sql`a.unit_code = any(string_to_array(${list(f.units)}, ','))` : sql`false`);
  if (f.rules?.length) c.push(sql`a.rule = any(string_to_array(${list(f.rules)}, ','))`);
  if (f.levels?.length) c.push(sql`a.level = any(string_to_array(${list(f.levels)}, ','))`);
  if (f.statuses?.length) c.push(sql`a.status = any(string_to_array(${list(f.statuses)}, ','))`);
  if (f.from) c.push(sql`a.created_at >= ${f.from}::timestamptz`);
  if (f.to) c.push(sql`a.created_at <= ${f.to}::timestamptz`);
  if (f.overdueAt) c.push(sql`a.status <> 'closed' and a.due_at < ${f.overdueAt}::timestamptz`);
  return sql.join(c, sql` and `);
}

export interface CountRow {
  key: string;
  n: number;
}

/** alerts counted per value of one column */
export async function countBy(tx: Tx, f: ReportFilter, column: 'level' | 'rule' | 'status' | 'unit_code'): Promise<CountRow[]> {
  const col = sql.raw(`a.${column}`);
  const r = await tx.execute<{ key: string; n: string }>(sql`select ${col} as key, count(*)::text as n from alerts a where ${where(f)} group by 1 order by 2 desc, 1`);
  return r.rows.map((x) => ({ key: x.key, n: Number(x.n) }));
}

export async function countOverdue(tx: Tx, f: ReportFilter, now: string): Promise<number> {
  const r = await tx.execute<{ n: string }>(sql`select count(*)::text as n from alerts a where ${where(f)} and a.status <> 'closed' and a.due_at < ${now}::timestamptz`);
  return Number(r.rows[0]?.n ?? 0);
}

export interface TrendRow {
  /** start of the bucket in China Standard Time, as YYYY-MM-DD */
  bucket: string;
  key: string;
  n: number;
}

/**
 * Alerts per day (or ISO week) of creation and per level or rule. Days are China Standard Time days:
 * UTC+8 all year (no daylight saving), so a fixed offset is exact and needs no zone database.
 */
export async function trend(tx: Tx, f: ReportFilter, bucket: 'day' | 'week', by: 'level' | 'rule'): Promise<TrendRow[]> {
  const col = sql.raw(by === 'level' ? 'a.level' : 'a.rule');
  const unit = sql.raw(`'${bucket}'`);
  const r = await tx.execute<{ bucket: string; key: string; n: string }>(sql`
    select to_char(date_trunc(${unit}, (a.created_at at time zone 'UTC') + interval '8 hours'), 'YYYY-MM-DD') as bucket,
           ${col} as key, count(*)::text as n
      from alerts a where ${where(f)}
     group by 1, 2 order by 1, 2`);
  return r.rows.map((x) => ({ bucket: x.bucket, key: x.key, n: Number(x.n) }));
}

export interface UnitFigures {
  group: string;
  total: number;
  closed: number;
  open: number;
  overdue: number;
  closedOnTime: number;
  /** hours from creation to closure, median over the closed alerts; null when none closed */
  medianHoursToClose: number | null;
}

/**
 * Per group of units (`groups[i]` is the group of `codes[i]`): totals, closures, overdue and the median
 * time to close. Alerts of units not in `codes` are left out.
 */
export async function unitFigures(tx: Tx, f: ReportFilter, codes: string[], groups: string[], now: string): Promise<UnitFigures[]> {
  if (codes.length === 0) return [];
  const r = await tx.execute<{ grp: string; total: string; closed: string; open: string; overdue: string; on_time: string; median_h: string | null }>(sql`
    with m as (select unnest(string_to_array(${list(codes)}, ',')) as code, unnest(string_to_array(${list(groups)}, ',')) as grp)
    select m.grp,
           count(*)::text as total,
           count(*) filter (where a.status = 'closed')::text as closed,
           count(*) filter (where a.status <> 'closed')::text as open,
           count(*) filter (where a.status <> 'closed' and a.due_at < ${now}::timestamptz)::text as overdue,
           count(*) filter (where a.status = 'closed' and (a.due_at is null or a.closed_at <= a.due_at))::text as on_time,
           (percentile_cont(0.5) within group (order by extract(epoch from (a.closed_at - a.created_at)) / 3600.0)
              filter (where a.status = 'closed' and a.closed_at is not null))::text as median_h
      from alerts a join m on m.code = a.unit_code
     where ${where(f)}
     group by m.grp`);
  return r.rows.map((x) => ({
    group: x.grp,
    total: Number(x.total),
    closed: Number(x.closed),
    open: Number(x.open),
    overdue: Number(x.overdue),
    closedOnTime: Number(x.on_time),
    medianHoursToClose: x.median_h === null ? null : Number(x.median_h),
  }));
}
