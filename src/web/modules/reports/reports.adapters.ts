// Report figures → chart series: buckets on the x axis, one series per level or rule, gaps filled with 0.
import type { TrendDto } from './reports.api.ts';

export interface Series {
  key: string;
  data: number[];
}

export function toSeries(rows: TrendDto['byLevel'], keys?: readonly string[]): { buckets: string[]; series: Series[] } {
  const buckets = [...new Set(rows.map((r) => r.bucket))].sort();
  const idx = new Map(buckets.map((b, i) => [b, i]));
  const names = keys ?? [...new Set(rows.map((r) => r.key))];
  const series = names.map((key) => ({ key, data: buckets.map(() => 0) }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  for (const r of rows) {
    const s = byKey.get(r.key);
    if (s) s.data[idx.get(r.bucket)!] += r.n;
  }
  return { buckets, series };
}

/** the `top` rules by total, the rest folded into one `other` series */
export function topRules(rows: TrendDto['byRule'], top: number, other: string): TrendDto['byRule'] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.n);
  const keep = new Set([...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k]) => k));
  return rows.map((r) => (keep.has(r.key) ? r : { ...r, key: other }));
}

export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
