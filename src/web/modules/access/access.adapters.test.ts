import { describe, expect, it } from 'vitest';
import { countByLevel, expandedToDepth, filterUnits, toUnitIndex, toTokenViews } from './access.adapters.ts';

const units = toUnitIndex([
  { code: 'P', name: '省厅交管局', level: 'province', parentCode: null, depth: 0 },
  { code: 'C1', name: '呼和浩特支队', level: 'city', parentCode: 'P', depth: 1 },
  { code: 'K1', name: '新城大队', level: 'county', parentCode: 'C1', depth: 2 },
  { code: 'S1', name: '新城一中队', level: 'squad', parentCode: 'K1', depth: 3 },
  { code: 'C2', name: '包头支队', level: 'city', parentCode: 'P', depth: 1 },
]);

describe('unit tree', () => {
  it('builds the forest with leaves that have no children array', () => {
    expect(units.roots.map((r) => r.code)).toEqual(['P']);
    expect(units.roots[0]!.children!.map((c) => c.code)).toEqual(['C1', 'C2']);
    expect(units.byCode.get('C2')).toBeDefined();
    expect(units.roots[0]!.children![1]!.children).toBeUndefined();
  });

  it('treats a unit whose parent is outside the list as a root', () => {
    const sub = toUnitIndex([
      { code: 'C1', name: '呼和浩特支队', level: 'city', parentCode: 'P', depth: 1 },
      { code: 'K1', name: '新城大队', level: 'county', parentCode: 'C1', depth: 2 },
    ]);
    expect(sub.roots.map((r) => r.code)).toEqual(['C1']);
  });

  it('filters by name or code, keeping the chain of parents', () => {
    const f = filterUnits(units, '一中队')!;
    expect([...f.matches]).toEqual(['S1']);
    expect(f.ancestors.sort()).toEqual(['C1', 'K1', 'P']);
    expect(f.roots[0]!.children!.map((c) => c.code)).toEqual(['C1']);
    expect(filterUnits(units, 'c2')!.matches).toEqual(new Set(['C2']));
    expect(filterUnits(units, '  ')).toBeNull();
  });

  it('expands to a depth and counts by level', () => {
    expect(expandedToDepth(units.roots, 1)).toEqual(['P']);
    expect(expandedToDepth(units.roots, 2).sort()).toEqual(['C1', 'P']);
    expect(countByLevel(units.list)).toEqual({ province: 1, city: 2, county: 1, squad: 1, other: 0 });
  });
});

describe('tokens', () => {
  it('names the unit, orders scopes, puts active tokens first', () => {
    const views = toTokenViews(
      [
        { id: '1', name: 'old', unit: 'C1', scopes: ['admin', 'read'], createdBy: 'a', createdAt: '2026-01-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' },
        { id: '2', name: 'new', unit: 'X', scopes: ['read', 'ingest'], createdBy: 'a', createdAt: '2025-01-01T00:00:00Z', revokedAt: null },
      ],
      units,
    );
    expect(views.map((v) => v.id)).toEqual(['2', '1']);
    expect(views[0]!.scopes).toEqual(['ingest', 'read']);
    expect(views[0]!.unitName).toBeNull();
    expect(views[1]!.unitName).toBe('呼和浩特支队');
    expect(views[1]!.active).toBe(false);
  });
});
