// The audit log: one leaf per write, appended in the writer's own transaction, so a change and its
// audit entry commit together or not at all. Anyone holding an entry can recompute its leaf hash;
// anyone holding a root can check inclusion and consistency proofs against it.
import { AppError, badRequest } from '../errors.ts';
import type { Tx } from '../db/client.ts';
import * as merkle from './merkle.ts';
import * as repo from './audit.repository.ts';
import type { AuditRow } from './audit.repository.ts';

export type { AuditRow } from './audit.repository.ts';

export interface AuditEntry {
  at: Date;
  actor: string;
  unitCode: string | null;
  ip: string | null;
  action: string;
  detail: Record<string, unknown>;
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785) and no whitespace. The value is
 * first passed through JSON.stringify/parse so it is exactly what jsonb will store and hand back
 * (toJSON applied, undefined dropped), and a stored entry hashes the same as the one appended.
 */
export function canonicalJson(value: unknown): string {
  const write = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${write(o[k])}`)
      .join(',')}}`;
  };
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('not representable as JSON');
  return write(JSON.parse(text));
}

/** The bytes behind a leaf hash: canonical JSON of {seq, at, actor, unitCode, ip, action, detail}. */
export function auditLeafData(row: Omit<AuditRow, 'leafHash'>): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    unitCode: row.unitCode,
    ip: row.ip,
    action: row.action,
    detail: row.detail,
  });
}

export function recomputeLeafHash(row: Omit<AuditRow, 'leafHash'>): Buffer {
  return merkle.leafHash(auditLeafData(row));
}

/**
 * Appends one entry inside the caller's transaction (which must be READ COMMITTED, PostgreSQL's
 * default, so the size read after the lock sees the previous append). Three statements: the lock, the
 * size with the siblings the new leaf needs, and one insert of the leaf with the subtrees it closes.
 * The lock is held until the caller commits, so keep the transaction short after appending.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<{ seq: number; leafHash: string }> {
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) throw new TypeError('audit entry needs a valid `at`');
  await repo.lockAppends(tx);
  const { size: seq, siblings } = await repo.readAppendState(tx);
  const detailJson = canonicalJson(entry.detail);
  const row = {
    seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    unitCode: entry.unitCode ?? null,
    ip: entry.ip ?? null,
    action: entry.action,
    detail: JSON.parse(detailJson) as Record<string, unknown>,
  };
  const hash = recomputeLeafHash(row);
  const nodes = merkle.appendedNodes(seq, hash, siblings);
  await repo.insertLeaf(tx, { ...row, detailJson, leafHash: hash }, nodes);
  return { seq, leafHash: b64(hash) };
}

/**
 * Appends several entries, in order, inside the caller's transaction: one leaf each, exactly as that many
 * appendAudit calls would, but with one lock, one read of the tree's right border and one insert. Used
 * where one transaction holds the writes of several requests (grouped ingest commits).
 */
export async function appendAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<{ seq: number; leafHash: string }[]> {
  if (entries.length === 0) return [];
  if (entries.length === 1) return [await appendAudit(tx, entries[0])];
  for (const e of entries) if (!(e.at instanceof Date) || Number.isNaN(e.at.getTime())) throw new TypeError('audit entry needs a valid `at`');
  await repo.lockAppends(tx);
  const { size: start, nodes } = await repo.readFrontier(tx);
  // the complete subtrees on the right border, by level: a new leaf's siblings are the lowest of them
  const border = new Map<number, Buffer>(nodes.map((n) => [n.level, n.hash]));
  const leaves: (Omit<AuditRow, 'detail'> & { detailJson: string })[] = [];
  const created: merkle.StoredNode[] = [];
  const out: { seq: number; leafHash: string }[] = [];
  entries.forEach((entry, i) => {
    const seq = start + i;
    const detailJson = canonicalJson(entry.detail);
    const row = { seq, at: entry.at.toISOString(), actor: entry.actor, unitCode: entry.unitCode ?? null, ip: entry.ip ?? null, action: entry.action, detail: JSON.parse(detailJson) as Record<string, unknown> };
    const hash = recomputeLeafHash(row);
    const siblings = merkle.appendSiblings(seq).map((n) => {
      const h = border.get(n.level);
      if (!h) throw new AppError('internal', `audit_nodes is missing node (${n.level}, ${n.index})`);
      return h;
    });
    const made = merkle.appendedNodes(seq, hash, siblings);
    for (const n of made) border.delete(n.level);
    const top = made[made.length - 1];
    border.set(top.level, top.hash);
    created.push(...made);
    leaves.push({ ...row, detailJson, leafHash: hash });
    out.push({ seq, leafHash: b64(hash) });
  });
  await repo.insertLeaves(tx, leaves, created);
  return out;
}

/** Answers a root or proof from stored complete subtrees: one query for every node it needs. */
async function fromStore<T>(tx: Tx, compute: (read: merkle.NodeReader) => T): Promise<T> {
  const stored = await repo.readNodes(tx, merkle.nodesRead(compute));
  const byId = new Map(stored.map((n) => [`${n.level}:${n.index}`, n.hash]));
  return compute((level, index) => {
    const h = byId.get(`${level}:${index}`);
    if (!h) throw new AppError('internal', `audit_nodes is missing node (${level}, ${index})`);
    return h;
  });
}

export interface AuditRootView {
  size: number;
  root: string;
}

function rootFromFrontier(size: number, nodes: readonly merkle.StoredNode[]): string {
  const byId = new Map(nodes.map((n) => [`${n.level}:${n.index}`, n.hash]));
  const root = merkle.treeRoot(size, (level, index) => {
    const h = byId.get(`${level}:${index}`);
    if (!h) throw new AppError('internal', `audit_nodes is missing node (${level}, ${index})`);
    return h;
  });
  return b64(root);
}

/** The current size and root, from the O(log n) subtrees on the tree's right border. */
export async function auditRoot(tx: Tx): Promise<AuditRootView> {
  const { size, nodes } = await repo.readFrontier(tx);
  return { size, root: rootFromFrontier(size, nodes) };
}

export interface InclusionProofView {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  root: string;
  proof: string[];
}

/** Proof that leaf `index` is in the tree of `size` leaves (default: the current size). */
export async function inclusionProof(tx: Tx, index: number, size?: number): Promise<InclusionProofView> {
  const current = await repo.readSize(tx);
  const treeSize = size ?? current;
  if (treeSize > current) throw badRequest(`size: 超过当前日志大小 ${current} (beyond the current log size ${current})`, { field: 'size', current });
  if (index >= treeSize) throw badRequest(`index: 必须小于 ${treeSize} (must be below the tree size ${treeSize})`, { field: 'index', treeSize });
  const { leaf, root, proof } = await fromStore(tx, (read) => ({
    leaf: read(0, index),
    root: merkle.treeRoot(treeSize, read),
    proof: merkle.inclusionProof(index, treeSize, read),
  }));
  return { leafIndex: index, treeSize, leafHash: b64(leaf), root: b64(root), proof: proof.map(b64) };
}

export interface ConsistencyProofView {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
}

/** Proof that the tree of `size1` leaves is a prefix of the tree of `size2` (default: the current size). */
export async function consistencyProof(tx: Tx, size1: number, size2?: number): Promise<ConsistencyProofView> {
  const current = await repo.readSize(tx);
  const to = size2 ?? current;
  if (to > current) throw badRequest(`to: 超过当前日志大小 ${current} (beyond the current log size ${current})`, { field: 'to', current });
  if (size1 < 1 || size1 > to) throw badRequest(`from: 必须在 1 与 ${to} 之间 (must be between 1 and ${to})`, { field: 'from', to });
  const { root1, root2, proof } = await fromStore(tx, (read) => ({
    root1: merkle.treeRoot(size1, read),
    root2: merkle.treeRoot(to, read),
    proof: merkle.consistencyProof(size1, to, read),
  }));
  return { size1, size2: to, root1: b64(root1), root2: b64(root2), proof: proof.map(b64) };
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  unitCode: string | null;
  ip: string | null;
  action: string;
  detail: Record<string, unknown>;
  leafHash: string;
}

export interface ListOptions {
  limit: number;
  /** cursor: only entries older than this seq */
  beforeSeq?: number;
  /**
   * the caller's unit path: only entries of units at or below it. Entries with no unit belong to the
   * top of the tree and show only to a caller whose unit has no parent, or who stands above the tree
   * ('/'). Omit for all entries.
   */
  unitPathPrefix?: string;
}

export async function listEntries(tx: Tx, opts: ListOptions): Promise<{ items: AuditEntryView[]; nextCursor: number | null }> {
  const prefix = opts.unitPathPrefix;
  const found = await repo.listEntries(tx, {
    limit: opts.limit + 1,
    beforeSeq: opts.beforeSeq,
    // '/' stands above the whole tree: everything, including entries of units not (yet) in it
    unitPathPrefix: prefix === '/' ? undefined : prefix,
  });
  const page = found.slice(0, opts.limit);
  return {
    items: page.map((r) => ({ ...r, leafHash: b64(r.leafHash) })),
    nextCursor: found.length > opts.limit ? page[page.length - 1].seq : null,
  };
}

export interface AuditProblem {
  seq?: number;
  node?: merkle.NodeId;
  problem: string;
}

export interface AuditVerification {
  size: number;
  /** the stored root; null when a subtree it needs is missing */
  root: string | null;
  checked: number;
  ok: boolean;
  problems: AuditProblem[];
}

/**
 * Recomputes every leaf hash from its entry and every stored subtree from the leaf hashes, and checks
 * that the stored root follows. Finds rows edited behind the trigger's back; a rewrite of the whole
 * tree shows only against a root published earlier (consistencyProof from that size).
 */
export async function verifyEntries(tx: Tx, opts: { batchSize?: number; maxProblems?: number } = {}): Promise<AuditVerification> {
  const batch = opts.batchSize ?? 2000;
  const maxProblems = opts.maxProblems ?? 100;
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  const { size, nodes } = await repo.readFrontier(tx);
  let root: string | null = null;
  try {
    root = rootFromFrontier(size, nodes);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    report({ problem: e.message });
  }
  const builder = new merkle.TreeBuilder();
  for (let from = 0; from < size; from += batch) {
    const to = Math.min(size, from + batch);
    const entries = await repo.readEntries(tx, from, to);
    const stored = new Map((await repo.readNodesClosedIn(tx, from, to)).map((n) => [`${n.level}:${n.index}`, n.hash]));
    let next = from;
    for (const row of entries) {
      if (row.seq !== next) {
        report({ seq: next, problem: `entries ${next}..${row.seq - 1} are missing` });
        return { size, root, checked: builder.size, ok: false, problems };
      }
      if (!recomputeLeafHash(row).equals(row.leafHash)) report({ seq: row.seq, problem: 'entry does not match its leaf hash' });
      // Build from the stored leaf hashes: an edited entry is reported once, not again at every ancestor.
      for (const node of builder.push(row.leafHash)) {
        const key = `${node.level}:${node.index}`;
        const have = stored.get(key);
        if (!have) report({ node: { level: node.level, index: node.index }, problem: 'stored subtree is missing' });
        else if (!have.equals(node.hash)) report({ node: { level: node.level, index: node.index }, problem: 'stored subtree does not match its leaves' });
        stored.delete(key);
      }
      next++;
    }
    if (next !== to) {
      report({ seq: next, problem: `entries ${next}..${to - 1} are missing` });
      return { size, root, checked: builder.size, ok: false, problems };
    }
    for (const key of stored.keys()) {
      const [level, index] = key.split(':').map(Number);
      report({ node: { level, index }, problem: 'stored subtree has no leaves under it' });
    }
  }
  if (b64(builder.root()) !== root) report({ problem: 'stored root does not match the entries' });
  return { size, root, checked: builder.size, ok: problems.length === 0, problems };
}
