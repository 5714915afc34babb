// RFC 6962 §2.1 inclusion-proof verification, done in the browser so that a person need not take the
// server's word: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right). The algorithm is the
// one of transparency-dev/merkle (proof/verify.go), with BigInt so indices past 2^31 stay exact.
import { bytesEqual, fromBase64, sha256 } from './sha256.ts';

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** base64 */
  leafHash: string;
  /** base64 */
  root: string;
  /** base64 hashes, bottom to top */
  proof: string[];
}

/** `mismatch`: the proof is well formed but leads to another root (the usual sign of tampering) */
export type VerifyResult = { ok: true; root: Uint8Array } | { ok: false; reason: string; mismatch?: boolean };

export async function hashLeaf(data: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(data.length + 1);
  buf[0] = 0x00;
  buf.set(data, 1);
  return sha256(buf);
}

export async function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
}

function bitLength(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

function popCount(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    if (x & 1n) n++;
    x >>= 1n;
  }
  return n;
}

/** the root the proof leads to, or why it cannot lead anywhere */
export async function rootFromInclusionProof(
  leafIndex: number | bigint,
  treeSize: number | bigint,
  leafHash: Uint8Array,
  proof: Uint8Array[],
): Promise<VerifyResult> {
  const index = BigInt(leafIndex);
  const size = BigInt(treeSize);
  if (index < 0n || size < 1n || index >= size) return { ok: false, reason: `index ${index} is beyond tree size ${size}` };
  if (leafHash.length !== 32) return { ok: false, reason: 'leaf hash is not 32 bytes' };
  const inner = bitLength(index ^ (size - 1n));
  const border = popCount(index >> BigInt(inner));
  if (proof.length !== inner + border) {
    return { ok: false, reason: `proof has ${proof.length} hashes, expected ${inner + border}` };
  }
  let seed = leafHash;
  for (let i = 0; i < proof.length; i++) {
    const h = proof[i]!;
    if (h.length !== 32) return { ok: false, reason: `proof[${i}] is not 32 bytes` };
    if (i < inner && ((index >> BigInt(i)) & 1n) === 0n) seed = await hashChildren(seed, h);
    else seed = await hashChildren(h, seed);
  }
  return { ok: true, root: seed };
}

export async function verifyInclusion(
  leafIndex: number | bigint,
  treeSize: number | bigint,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<VerifyResult> {
  const got = await rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  if (!got.ok) return got;
  if (!bytesEqual(got.root, root)) return { ok: false, reason: 'computed root differs from the expected root', mismatch: true };
  return got;
}

function decode(b64: string, what: string): Uint8Array {
  try {
    return fromBase64(b64);
  } catch {
    throw new Error(`${what} is not base64`);
  }
}

/** verifies a proof as the API sends it (all base64) */
export async function verifyInclusionProof(p: InclusionProof): Promise<VerifyResult> {
  try {
    return await verifyInclusion(
      p.leafIndex,
      p.treeSize,
      decode(p.leafHash, 'leafHash'),
      (p.proof ?? []).map((h, i) => decode(h, `proof[${i}]`)),
      decode(p.root, 'root'),
    );
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
