// The audit log's SQL. Every function runs in the transaction it is given.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { units } from '../access/access.tables.ts';
import { auditLog, auditNodes } from './audit.tables.ts';
import type { NodeId, StoredNode } from './merkle.ts';

/** Serialises appenders across every connection and server process until the transaction ends. */
export const AUDIT_APPEND_LOCK = 7242003;

/** Levels the tree can have while sizes stay exact JS numbers (< 2^53). */
const MAX_LEVEL = 52;

export interface AuditRow {
  seq: number;
  /** ISO 8601 UTC with milliseconds, exactly as hashed */
  at: string;
  actor: string;
  unitCode: string | null;
  ip: string | null;
  action: string;
  detail: Record<string, unknown>;
  leafHash: Buffer;
}

type Row = Record<string, unknown>;

async function rows(tx: Tx, query: SQL): Promise<Row[]> {
  return (await tx.execute(query)).rows as Row[];
}

function bytes(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex');
  throw new TypeError(`expected bytea, got ${typeof v}`);
}

const num = (v: unknown): number => Number(v);

// Formats `at` in SQL so the text never depends on the session's TimeZone or DateStyle.
const selectEntry = sql.raw(
  `seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, unit_code, ip, action, detail, leaf_hash`,
);

function toAuditRow(r: Row): AuditRow {
  return {
    seq: num(r.seq),
    at: r.at as string,
    actor: r.actor as string,
    unitCode: (r.unit_code as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    action: r.action as string,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    leafHash: bytes(r.leaf_hash),
  };
}

export async function lockAppends(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(AUDIT_APPEND_LOCK))})`);
}

/**
 * The next leaf's index and the stored siblings it will close subtrees with (lowest level first), in
 * one statement: node (l, (size >> l) − 1) for every l whose bits 0..l of size are all ones — the
 * nodes merkle.appendSiblings(size) names. Must run after lockAppends, in a later statement, so its
 * snapshot sees every append committed before the lock was granted.
 */
export async function readAppendState(tx: Tx): Promise<{ size: number; siblings: Buffer[] }> {
  const result = await rows(
    tx,
    sql`WITH s AS (SELECT coalesce(max(seq) + 1, 0)::bigint AS size FROM ${auditLog})
        SELECT s.size::text AS size, g.l AS level, n.hash
          FROM s
          LEFT JOIN generate_series(0, ${sql.raw(String(MAX_LEVEL))}) AS g(l)
                 ON ((s.size + 1) & ((1::bigint << (g.l + 1)) - 1)) = 0
          LEFT JOIN ${auditNodes} n ON n.level = g.l AND n.idx = (s.size >> g.l) - 1
         ORDER BY g.l`,
  );
  const size = num(result[0].size);
  const siblings = result
    .filter((r) => r.level !== null)
    .map((r) => {
      if (r.hash === null) throw new Error(`audit_nodes is missing node (${String(r.level)}, ${Math.floor(size / 2 ** num(r.level)) - 1})`);
      return bytes(r.hash);
    });
  return { size, siblings };
}

/** The leaf and the complete subtrees it closes, in one statement. */
export async function insertLeaf(tx: Tx, row: Omit<AuditRow, 'detail'> & { detailJson: string }, nodes: readonly StoredNode[]): Promise<void> {
  const values = sql.join(
    nodes.map((n) => sql`(${n.level}::int, ${n.index}::bigint, ${n.hash}::bytea)`),
    sql`, `,
  );
  await tx.execute(
    sql`WITH leaf AS (
          INSERT INTO ${auditLog} (seq, at, actor, unit_code, ip, action, detail, leaf_hash)
          VALUES (${row.seq}::bigint, ${row.at}::timestamptz, ${row.actor}, ${row.unitCode}, ${row.ip}, ${row.action}, ${row.detailJson}::jsonb, ${row.leafHash}::bytea)
        )
        INSERT INTO ${auditNodes} (level, idx, hash) VALUES ${values}`,
  );
}

/** Several consecutive leaves and the complete subtrees they close, in one statement of one array per column. */
export async function insertLeaves(tx: Tx, leaves: readonly (Omit<AuditRow, 'detail'> & { detailJson: string })[], nodes: readonly StoredNode[]): Promise<void> {
  const hex = (b: Buffer) => b.toString('hex');
  await tx.execute(
    sql`WITH leaf AS (
          INSERT INTO ${auditLog} (seq, at, actor, unit_code, ip, action, detail, leaf_hash)
          SELECT s, a, ac, u, i, act, d::jsonb, decode(h, 'hex')
            FROM unnest(${sql.param(leaves.map((r) => r.seq))}::bigint[], ${sql.param(leaves.map((r) => r.at))}::timestamptz[],
                        ${sql.param(leaves.map((r) => r.actor))}::text[], ${sql.param(leaves.map((r) => r.unitCode))}::text[],
                        ${sql.param(leaves.map((r) => r.ip))}::text[], ${sql.param(leaves.map((r) => r.action))}::text[],
                        ${sql.param(leaves.map((r) => r.detailJson))}::text[], ${sql.param(leaves.map((r) => hex(r.leafHash)))}::text[]) AS x(s, a, ac, u, i, act, d, h)
        )
        INSERT INTO ${auditNodes} (level, idx, hash)
        SELECT l, i, decode(h, 'hex')
          FROM unnest(${sql.param(nodes.map((n) => n.level))}::int[], ${sql.param(nodes.map((n) => n.index))}::bigint[], ${sql.param(nodes.map((n) => hex(n.hash)))}::text[]) AS y(l, i, h)`,
  );
}

/** Number of leaves: one past the highest committed seq. */
export async function readSize(tx: Tx): Promise<number> {
  const [r] = await rows(tx, sql`SELECT coalesce(max(seq) + 1, 0)::text AS size FROM ${auditLog}`);
  return num(r.size);
}

/** The size and its right-border subtrees (one per set bit of size): enough for the root. */
export async function readFrontier(tx: Tx): Promise<{ size: number; nodes: StoredNode[] }> {
  const result = await rows(
    tx,
    sql`WITH s AS (SELECT coalesce(max(seq) + 1, 0)::bigint AS size FROM ${auditLog})
        SELECT s.size::text AS size, n.level, n.idx::text AS idx, n.hash
          FROM s
          LEFT JOIN generate_series(0, ${sql.raw(String(MAX_LEVEL))}) AS g(l) ON ((s.size >> g.l) & 1) = 1
          LEFT JOIN ${auditNodes} n ON n.level = g.l AND n.idx = (s.size >> g.l) - 1`,
  );
  const size = num(result[0].size);
  const nodes = result.filter((r) => r.level !== null && r.level !== undefined).map((r) => ({ level: num(r.level), index: num(r.idx), hash: bytes(r.hash) }));
  return { size, nodes };
}

/** The named complete subtrees; absent ones are simply missing from the result. */
export async function readNodes(tx: Tx, ids: readonly NodeId[]): Promise<StoredNode[]> {
  if (ids.length === 0) return [];
  const levels = `{${ids.map((i) => i.level).join(',')}}`;
  const idxs = `{${ids.map((i) => i.index).join(',')}}`;
  const result = await rows(
    tx,
    sql`SELECT n.level, n.idx::text AS idx, n.hash
          FROM unnest(${levels}::int[], ${idxs}::bigint[]) AS want(level, idx)
          JOIN ${auditNodes} n ON n.level = want.level AND n.idx = want.idx`,
  );
  return result.map((r) => ({ level: num(r.level), index: num(r.idx), hash: bytes(r.hash) }));
}

/** Every stored subtree whose last leaf falls in [from, to): those closed by appending those leaves. */
export async function readNodesClosedIn(tx: Tx, from: number, to: number): Promise<StoredNode[]> {
  const result = await rows(
    tx,
    sql`SELECT n.level, n.idx::text AS idx, n.hash
          FROM generate_series(0, ${sql.raw(String(MAX_LEVEL))}) AS g(l)
          JOIN ${auditNodes} n ON n.level = g.l AND n.idx >= (${from}::bigint >> g.l) AND n.idx < (${to}::bigint >> g.l)`,
  );
  return result.map((r) => ({ level: num(r.level), index: num(r.idx), hash: bytes(r.hash) }));
}

/** Entries with from ≤ seq < to, in order. */
export async function readEntries(tx: Tx, from: number, to: number): Promise<AuditRow[]> {
  const result = await rows(
    tx,
    sql`SELECT ${selectEntry} FROM ${auditLog} WHERE seq >= ${from}::bigint AND seq < ${to}::bigint ORDER BY seq`,
  );
  return result.map(toAuditRow);
}

export interface ListFilter {
  limit: number;
  /** only entries with seq below this */
  beforeSeq?: number;
  /**
   * only entries of units whose path starts with this, and entries with no unit when this is the path
   * of a unit without a parent (the top of the tree); undefined for all entries
   */
  unitPathPrefix?: string;
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first. */
export async function listEntries(tx: Tx, f: ListFilter): Promise<AuditRow[]> {
  const conds: SQL[] = [];
  if (f.beforeSeq !== undefined) conds.push(sql`seq < ${f.beforeSeq}::bigint`);
  if (f.unitPathPrefix !== undefined) {
    conds.push(
      sql`(unit_code IN (SELECT ${units.code} FROM ${units} WHERE ${units.path} LIKE ${likePrefix(f.unitPathPrefix)})
           OR (unit_code IS NULL AND EXISTS (SELECT 1 FROM ${units} WHERE ${units.path} = ${f.unitPathPrefix} AND ${units.parentCode} IS NULL)))`,
    );
  }
  const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
  const result = await rows(tx, sql`SELECT ${selectEntry} FROM ${auditLog} ${where} ORDER BY seq DESC LIMIT ${f.limit}`);
  return result.map(toAuditRow);
}
