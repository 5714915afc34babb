// The unit tree held in memory for access decisions: a province has a few thousand units, so every
// "is this unit inside the caller's subtree" is a string-prefix test on materialized paths, no query.
// The table `units` (with an index on path) is the source of truth; the tree is reloaded after ref.unit.
import { asc, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { units } from './access.tables.ts';

export interface UnitNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  path: string;
  depth: number;
  platePrefixes: string[];
}

export class UnitTree {
  private byCode = new Map<string, UnitNode>();

  async load(tx: Tx): Promise<void> {
    const rows = await tx.select().from(units).orderBy(asc(units.path));
    const next = new Map<string, UnitNode>();
    for (const r of rows) {
      next.set(r.code, {
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parentCode,
        path: r.path,
        depth: r.depth,
        platePrefixes: r.platePrefixes,
      });
    }
    this.byCode = next;
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): UnitNode | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** true when `code` is the unit at `ancestorPath` or below it */
  within(ancestorPath: string, code: string): boolean {
    const node = this.byCode.get(code);
    return node !== undefined && node.path.startsWith(ancestorPath);
  }

  /** the subtree below (and including) a path, parents before children */
  subtree(ancestorPath: string): UnitNode[] {
    const out: UnitNode[] = [];
    for (const n of this.byCode.values()) if (n.path.startsWith(ancestorPath)) out.push(n);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  root(): UnitNode | undefined {
    for (const n of this.byCode.values()) if (n.depth === 0 && n.parentCode === null) return n;
    return undefined;
  }
}

/**
 * Recompute every unit's path and depth from parent links. Called after ref.unit upserts in the same
 * transaction: a unit that arrives before its parent hangs at the top until the parent is known, then
 * moves under it; a unit moved to another parent carries its subtree along.
 */
export async function rebuildUnitPaths(tx: Tx): Promise<void> {
  await tx.execute(sql`
    WITH RECURSIVE walk(code, path, depth) AS (
      SELECT u.code, '/' || u.code || '/', 0
        FROM units u
       WHERE u.parent_code IS NULL OR NOT EXISTS (SELECT 1 FROM units p WHERE p.code = u.parent_code)
      UNION ALL
      SELECT c.code, w.path || c.code || '/', w.depth + 1
        FROM units c JOIN walk w ON c.parent_code = w.code
       WHERE w.depth < 32
    )
    UPDATE units u SET path = w.path, depth = w.depth
      FROM walk w
     WHERE u.code = w.code AND (u.path IS DISTINCT FROM w.path OR u.depth IS DISTINCT FROM w.depth)`);
}
