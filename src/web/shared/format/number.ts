const fmt = new Intl.NumberFormat('zh-CN');

/** 12,345 */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : fmt.format(n);
}
