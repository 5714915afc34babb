// Alerts as the console shows them: levels and states in display order, the board's filters as URL
// parameters (so a filtered board can be bookmarked and shared), the workflow actions and their fields.
import { dayjs, ZONE } from '../../shared/format/time.ts';
import type { Query } from '../../shared/api/client.ts';

export const alertLevels = ['red', 'orange', 'yellow', 'blue'] as const;
export type AlertLevel = (typeof alertLevels)[number];

export const levelColor: Record<AlertLevel, string> = {
  red: '#cf1322',
  orange: '#d46b08',
  yellow: '#d4b106',
  blue: '#1677ff',
};

export const alertStatuses = ['new', 'verifying', 'rectifying', 'reviewing', 'closed'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const isLevel = (s: string): s is AlertLevel => (alertLevels as readonly string[]).includes(s);
export const isStatus = (s: string): s is AlertStatus => (alertStatuses as readonly string[]).includes(s);

/** the workflow actions of workflow.md in the order the buttons appear */
export const alertActions = ['sign', 'verify', 'rectify', 'submit', 'approve', 'reject', 'reassign', 'supervise', 'relevel', 'merge', 'comment'] as const;
export type AlertAction = (typeof alertActions)[number];
export const isAction = (s: string): s is AlertAction => (alertActions as readonly string[]).includes(s);

export const accountabilities = ['none', 'criticism', 'conduct_deduction', 'disciplinary'] as const;

/** the orders GET /alerts offers: a key, descending with a leading `-` (`-level`: most severe first) */
export const alertSorts = ['-createdAt', 'createdAt', '-level', 'level', 'dueAt', '-dueAt', 'rule', '-rule', 'unit', '-unit'] as const;
export type AlertSort = (typeof alertSorts)[number];
export type AlertSortKey = 'createdAt' | 'level' | 'dueAt' | 'rule' | 'unit';
export const defaultSort: AlertSort = '-createdAt';
export const isSort = (s: string): s is AlertSort => (alertSorts as readonly string[]).includes(s);

/** a table column's sort order under the board's sort: the default is createdAt descending */
export function sortOrderOf(sort: AlertSort | undefined, key: AlertSortKey): 'ascend' | 'descend' | null {
  const s = sort ?? defaultSort;
  return s === key ? 'ascend' : s === `-${key}` ? 'descend' : null;
}

/** the board's sort after a table header click; no order left means the default */
export function sortFromOrder(key: AlertSortKey, order: 'ascend' | 'descend' | null | undefined): AlertSort | undefined {
  const s = order === 'ascend' ? key : order === 'descend' ? `-${key}` : undefined;
  return s && isSort(s) && s !== defaultSort ? s : undefined;
}

export interface BoardFilters {
  rules: string[];
  levels: AlertLevel[];
  statuses: AlertStatus[];
  unit: string | null;
  /** China Standard Time dates, YYYY-MM-DD, inclusive */
  from: string | null;
  to: string | null;
  overdue: boolean;
  /** the list's order across all pages; absent: newest first */
  sort?: AlertSort;
}

export const emptyFilters: BoardFilters = { rules: [], levels: [], statuses: [], unit: null, from: null, to: null, overdue: false };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

export function filtersFromSearch(search: URLSearchParams): BoardFilters {
  const from = search.get('from');
  const to = search.get('to');
  const unit = search.get('unit');
  const sort = search.get('sort');
  return {
    rules: list(search.get('rule')).filter((r) => /^[A-Z0-9_]{1,64}$/.test(r)),
    levels: list(search.get('level')).filter(isLevel),
    statuses: list(search.get('status')).filter(isStatus),
    unit: unit && /^\d{12}$/.test(unit) ? unit : null,
    from: from && DATE.test(from) ? from : null,
    to: to && DATE.test(to) ? to : null,
    overdue: search.get('overdue') === '1',
    sort: sort && isSort(sort) && sort !== defaultSort ? sort : undefined,
  };
}

export function filtersToSearch(f: BoardFilters): string {
  const p = new URLSearchParams();
  if (f.rules.length) p.set('rule', f.rules.join(','));
  if (f.levels.length) p.set('level', f.levels.join(','));
  if (f.statuses.length) p.set('status', f.statuses.join(','));
  if (f.unit) p.set('unit', f.unit);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.overdue) p.set('overdue', '1');
  if (f.sort && f.sort !== defaultSort) p.set('sort', f.sort);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** the API's query for the filters: dates become the start and end of those days in Beijing time */
export function filtersToQuery(f: BoardFilters): Query {
  return {
    rule: f.rules.join(',') || undefined,
    level: f.levels.join(',') || undefined,
    status: f.statuses.join(',') || undefined,
    unit: f.unit ?? undefined,
    from: f.from ? dayjs.tz(f.from, ZONE).startOf('day').toISOString() : undefined,
    to: f.to ? dayjs.tz(f.to, ZONE).endOf('day').toISOString() : undefined,
    overdue: f.overdue ? 'true' : undefined,
    sort: f.sort && f.sort !== defaultSort ? f.sort : undefined,
  };
}

/** the board's place in the list: new filters or a new sort start again at the first page */
export const filtersKey = (f: BoardFilters) => filtersToSearch(f) || '?';

export function activeFilterCount(f: BoardFilters): number {
  return f.rules.length + f.levels.length + f.statuses.length + (f.unit ? 1 : 0) + (f.from || f.to ? 1 : 0) + (f.overdue ? 1 : 0);
}

const levelRank: Record<string, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };
/** most severe first */
export const compareLevels = (a: string, b: string) => (levelRank[a] ?? 9) - (levelRank[b] ?? 9);

/** attachments named in a history entry's detail, as sha256 hex strings */
export function attachmentsOf(detail: unknown): string[] {
  if (!detail || typeof detail !== 'object') return [];
  const a = (detail as { attachments?: unknown }).attachments;
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** a figure's value as text: numbers to at most two decimals, booleans as 是/否, objects as JSON */
export function formatFigure(v: unknown, yes: string, no: string): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export const figureKeys = ['breath', 'blood', 'hours', 'labId', 'limit', 'direction', 'tolerance', 'lowestPossible', 'line', 'distance', 'deviceId', 'refusals', 'laterBreath', 'below', 'count', 'threshold', 'minutes', 'tags'] as const;
export type FigureKey = (typeof figureKeys)[number];
export const isFigureKey = (k: string): k is FigureKey => (figureKeys as readonly string[]).includes(k);

export const orderStatuses = ['open', 'fulfilled', 'missed', 'superseded', 'closed'] as const;
export const isOrderStatus = (s: string): s is (typeof orderStatuses)[number] => (orderStatuses as readonly string[]).includes(s);
