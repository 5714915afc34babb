// The custody chain of a case: each step, in the order the platform received it, is a leaf of an RFC 6962
// Merkle tree. A leaf is SHA-256(0x00 ‖ canonical JSON of the step), so anyone holding a step can
// recompute its leaf hash, and anyone holding the root can check an inclusion proof with any standard
// RFC 6962 verifier. Pure: no I/O, no clock.
import { canonicalJson } from '../../platform/audit/audit.service.ts';
import * as merkle from '../../platform/audit/merkle.ts';

/** a step as hashed: the event as received, and where it stands in the case's chain */
export interface ChainStep {
  caseNo: string;
  leafIndex: number;
  eventId: string;
  type: string;
  /** as sent */
  occurredAt: string;
  unit: string;
  actor: string | null;
  location: { lat: number; lng: number } | null;
  data: Record<string, unknown>;
}

/** the bytes behind a leaf: canonical JSON (sorted keys, no whitespace) of the step */
export function stepLeafData(s: ChainStep): string {
  return canonicalJson({
    caseNo: s.caseNo,
    leafIndex: s.leafIndex,
    eventId: s.eventId,
    type: s.type,
    occurredAt: s.occurredAt,
    unit: s.unit,
    actor: s.actor,
    location: s.location,
    data: s.data,
  });
}

export function stepLeafHash(s: ChainStep): Buffer {
  return merkle.leafHash(stepLeafData(s));
}

export function chainRoot(leafHashes: readonly Uint8Array[]): Buffer {
  return merkle.rootOfLeaves(leafHashes);
}

/** RFC 6962 inclusion proof of leaf `index` in the tree of all `leafHashes` (lowest sibling first) */
export function chainProof(leafHashes: readonly Uint8Array[], index: number): Buffer[] {
  const builder = new merkle.TreeBuilder();
  const nodes = new Map<string, Buffer>();
  for (const h of leafHashes) for (const n of builder.push(h)) nodes.set(`${n.level}:${n.index}`, n.hash);
  return merkle.inclusionProof(index, leafHashes.length, (level, idx) => {
    const h = nodes.get(`${level}:${idx}`);
    if (!h) throw new Error(`chain node (${level}, ${idx}) missing`);
    return h;
  }).map((h) => Buffer.from(h));
}

export interface ChainProblem {
  leafIndex?: number;
  problem: string;
}

export interface ChainCheck {
  size: number;
  /** root over the leaves recomputed from the stored steps */
  recomputedRoot: Buffer;
  ok: boolean;
  problems: ChainProblem[];
  /** leaf indexes whose stored step no longer matches its leaf hash */
  altered: number[];
}

/**
 * Recompute a chain from its stored steps and compare with what was recorded when each step arrived (its
 * leaf hash), the stored head (size, root), and the root the audit log recorded for that size.
 */
export function checkChain(
  steps: readonly (ChainStep & { leafHash: Uint8Array })[],
  head: { size: number; root: Uint8Array } | null,
  audited: { size: number; root: Uint8Array } | null,
): ChainCheck {
  const problems: ChainProblem[] = [];
  const altered: number[] = [];
  const ordered = [...steps].sort((a, b) => a.leafIndex - b.leafIndex);
  const recomputed: Buffer[] = [];
  ordered.forEach((s, i) => {
    if (s.leafIndex !== i) problems.push({ leafIndex: i, problem: `第${i}步缺失 (step ${i} is missing)` });
    const h = stepLeafHash(s);
    recomputed.push(h);
    if (!h.equals(Buffer.from(s.leafHash))) {
      altered.push(s.leafIndex);
      problems.push({ leafIndex: s.leafIndex, problem: `第${s.leafIndex}步内容与其叶哈希不符 (step no longer matches its leaf hash)` });
    }
  });
  const recomputedRoot = chainRoot(recomputed);
  if (!head) problems.push({ problem: '缺少证据链头 (chain head missing)' });
  else {
    if (head.size !== ordered.length) problems.push({ problem: `证据链长度${head.size}与步骤数${ordered.length}不符 (size differs from the steps)` });
    if (!recomputedRoot.equals(Buffer.from(head.root))) problems.push({ problem: '重算的根与存储的根不符 (recomputed root differs from the stored root)' });
  }
  if (!audited) problems.push({ problem: '审计日志中没有该案件的根 (no root for this case in the audit log)' });
  else if (audited.size !== ordered.length || !recomputedRoot.equals(Buffer.from(audited.root))) {
    problems.push({ problem: '重算的根与审计日志记录的根不符 (recomputed root differs from the root in the audit log)' });
  }
  return { size: ordered.length, recomputedRoot, ok: problems.length === 0, problems, altered };
}
