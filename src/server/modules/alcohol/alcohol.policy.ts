// Per-row access for alcohol cases, rooms and draws: a caller sees its own unit and the units below it.
// A case, room or draw outside them does not exist for the caller (404, never 403).
import type { Caller } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { notFound } from '../../platform/errors.ts';

export function canSee(units: UnitTree, caller: Caller, unitCode: string | null | undefined): boolean {
  if (caller.unitPath === '/') return true;
  return typeof unitCode === 'string' && units.within(caller.unitPath, unitCode);
}

/** the unit codes a caller may see, narrowed by a unit filter; null means no restriction */
export function visibleUnits(units: UnitTree, caller: Caller, unit?: string): string[] | null {
  if (unit !== undefined) {
    const node = units.get(unit);
    // a unit outside the caller's subtree lists nothing, as if it had no cases
    if (!node || !(caller.unitPath === '/' || node.path.startsWith(caller.unitPath))) return [];
    return units.subtree(node.path).map((u) => u.code);
  }
  return caller.unitPath === '/' ? null : units.subtree(caller.unitPath).map((u) => u.code);
}

/** the caller stands at the top of the unit tree */
export function isRootCaller(units: UnitTree, caller: Caller): boolean {
  return caller.unitPath === '/' || units.get(caller.unitCode)?.depth === 0;
}

export function assertVisible(units: UnitTree, caller: Caller, unitCode: string | null | undefined, what: string): void {
  if (!canSee(units, caller, unitCode)) throw notFound(what);
}
