// API data → what the access pages show: the unit tree (for tables and pickers), counts by level, tokens
// with their unit's name resolved.
import { isUnitLevel, unitLevels, type UnitLevel } from '../../shared/unit-level.ts';
import type { TokenDto, UnitDto } from './access.api.ts';

export const tokenScopes = ['ingest', 'read', 'act', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export interface UnitView {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  depth: number;
}

export interface UnitTreeNode extends UnitView {
  key: string;
  children?: UnitTreeNode[];
}

export interface UnitIndex {
  /** parents before children, as the server orders them */
  list: UnitView[];
  byCode: ReadonlyMap<string, UnitView>;
  roots: UnitTreeNode[];
}

export function toUnitIndex(items: UnitDto[]): UnitIndex {
  const list: UnitView[] = items.map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    parentCode: u.parentCode ?? null,
    depth: u.depth,
  }));
  const byCode = new Map(list.map((u) => [u.code, u]));
  return { list, byCode, roots: buildTree(list, () => true) };
}

/** the forest of `units`; a unit whose parent is not listed (the caller's own unit) is a root */
function buildTree(units: UnitView[], keep: (u: UnitView) => boolean): UnitTreeNode[] {
  const nodes = new Map<string, UnitTreeNode>();
  const roots: UnitTreeNode[] = [];
  for (const u of units) if (keep(u)) nodes.set(u.code, { ...u, key: u.code });
  for (const u of units) {
    const node = nodes.get(u.code);
    if (!node) continue;
    const parent = u.parentCode ? nodes.get(u.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export interface FilteredTree {
  roots: UnitTreeNode[];
  /** codes of the units that match the query themselves */
  matches: Set<string>;
  /** every unit that has a match below it: expand these to show every match */
  ancestors: string[];
}

/** units whose name or code contains the query, with the chain of parents that leads to each */
export function filterUnits(index: UnitIndex, query: string): FilteredTree | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const matches = new Set<string>();
  const keep = new Set<string>();
  const ancestors = new Set<string>();
  for (const u of index.list) {
    if (!u.name.toLowerCase().includes(q) && !u.code.toLowerCase().includes(q)) continue;
    matches.add(u.code);
    keep.add(u.code);
    let p = u.parentCode ? index.byCode.get(u.parentCode) : undefined;
    while (p && !ancestors.has(p.code)) {
      ancestors.add(p.code);
      keep.add(p.code);
      p = p.parentCode ? index.byCode.get(p.parentCode) : undefined;
    }
  }
  return { roots: buildTree(index.list, (u) => keep.has(u.code)), matches, ancestors: [...ancestors] };
}

/** codes of the units at or above `maxDepth` levels below the roots that have children */
export function expandedToDepth(roots: UnitTreeNode[], maxDepth: number): string[] {
  const out: string[] = [];
  const walk = (nodes: UnitTreeNode[], d: number) => {
    for (const n of nodes) {
      if (n.children && d < maxDepth) {
        out.push(n.code);
        walk(n.children, d + 1);
      }
    }
  };
  walk(roots, 0);
  return out;
}

export function allParents(index: UnitIndex): string[] {
  const parents = new Set<string>();
  for (const u of index.list) if (u.parentCode && index.byCode.has(u.parentCode)) parents.add(u.parentCode);
  return [...parents];
}

export type LevelCounts = Record<UnitLevel, number> & { other: number };

export function countByLevel(units: UnitView[]): LevelCounts {
  const counts = { ...(Object.fromEntries(unitLevels.map((l) => [l, 0])) as Record<UnitLevel, number>), other: 0 };
  for (const u of units) {
    if (isUnitLevel(u.level)) counts[u.level]++;
    else counts.other++;
  }
  return counts;
}

export interface TokenView {
  id: string;
  name: string;
  unitCode: string;
  unitName: string | null;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export function toTokenViews(items: TokenDto[], units: UnitIndex | undefined): TokenView[] {
  return items
    .map((t) => ({
      id: t.id,
      name: t.name,
      unitCode: t.unit,
      unitName: units?.byCode.get(t.unit)?.name ?? null,
      scopes: [...t.scopes].sort((a, b) => scopeOrder(a) - scopeOrder(b)),
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      revokedAt: t.revokedAt ?? null,
      active: !t.revokedAt,
    }))
    .sort((a, b) => Number(b.active) - Number(a.active) || (a.createdAt < b.createdAt ? 1 : -1));
}

function scopeOrder(s: string): number {
  const i = (tokenScopes as readonly string[]).indexOf(s);
  return i < 0 ? tokenScopes.length : i;
}

export function isTokenScope(s: string): s is TokenScope {
  return (tokenScopes as readonly string[]).includes(s);
}
