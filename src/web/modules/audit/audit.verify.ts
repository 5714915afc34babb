// Checking one audit entry in the browser: fetch its inclusion proof, then check that the proof is about
// this entry (index and leaf hash), that it leads to its root (RFC 6962), and, when the tree has not grown
// since, that the root is the one published on the page.
import { verifyInclusionProof, type InclusionProof } from '../../shared/crypto/merkle.ts';
import { normalizeHash, type AuditEntryView, type AuditRootView } from './audit.adapters.ts';

export type VerifyOutcome =
  | { ok: true; treeSize: number; root: string }
  | { ok: false; kind: 'index' | 'leaf' | 'proof' | 'root'; detail?: string };

export async function checkInclusion(
  entry: AuditEntryView,
  proof: InclusionProof,
  published: AuditRootView | undefined,
): Promise<VerifyOutcome> {
  if (Number(proof.leafIndex) !== entry.seq) return { ok: false, kind: 'index', detail: `${proof.leafIndex} ≠ ${entry.seq}` };
  if (normalizeHash(proof.leafHash) !== entry.leafHash) return { ok: false, kind: 'leaf' };
  const res = await verifyInclusionProof({ ...proof, leafHash: normalizeHash(proof.leafHash), root: normalizeHash(proof.root) });
  if (!res.ok) return { ok: false, kind: 'proof', detail: res.mismatch ? undefined : res.reason };
  const root = normalizeHash(proof.root);
  if (published && published.size === Number(proof.treeSize) && published.root !== root) return { ok: false, kind: 'root' };
  return { ok: true, treeSize: Number(proof.treeSize), root };
}
