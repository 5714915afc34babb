// RFC 6962 Merkle tree hashing, proof generation and strict proof verification. Pure: no I/O, no clock.
// Generation reads complete (power-of-two aligned) subtrees through a callback, so a store that keeps
// those subtrees answers any root or proof from O(log n) stored nodes instead of rehashing leaves.
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

export function leafHash(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(Uint8Array.of(0)).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

/** Root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** A complete subtree covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

export interface StoredNode extends NodeId {
  hash: Buffer;
}

/** Returns the hash of a complete subtree; it must exist for every node the caller asks about. */
export type NodeReader = (level: number, index: number) => Uint8Array;

export class MerkleProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleProofError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Safe-integer helpers. Tree sizes are JS numbers (< 2^53), so bit tricks on 32-bit ints are out.

function assertSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The largest power of two strictly less than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function log2Exact(n: number): number {
  let level = 0;
  while (n > 1) {
    n /= 2;
    level++;
  }
  return level;
}

// ---------------------------------------------------------------------------------------------------
// Hashing from a list of leaves (the naive, obviously-correct way; used by tests and small trees).

/** MTH(D[n]) over leaf hashes, RFC 6962 §2.1. */
export function rootOfLeaves(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  const mth = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leafHashes[lo];
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return Buffer.from(mth(0, leafHashes.length));
}

/**
 * Builds a tree leaf by leaf, keeping only the right border of complete subtrees (O(log n) memory),
 * and reports each complete subtree as it closes — exactly what a store of complete subtrees needs.
 */
export class TreeBuilder {
  /** hashes of the complete subtrees on the right border, largest (leftmost) first */
  private frontier: Buffer[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Appends one leaf hash; returns the complete subtrees it closed, level 0 (the leaf) first. */
  push(hash: Uint8Array): StoredNode[] {
    const merging = appendSiblings(this.n).length;
    const siblings = this.frontier.splice(this.frontier.length - merging, merging).reverse();
    const closed = appendedNodes(this.n, hash, siblings);
    this.frontier.push(closed[closed.length - 1].hash);
    this.n++;
    return closed;
  }

  root(): Buffer {
    if (this.n === 0) return emptyRoot();
    let r: Buffer = this.frontier[this.frontier.length - 1];
    for (let i = this.frontier.length - 2; i >= 0; i--) r = nodeHash(this.frontier[i], r);
    return r;
  }
}

// ---------------------------------------------------------------------------------------------------
// Appending to a store of complete subtrees.

/**
 * The stored siblings a leaf appended at `index` needs: one per level where the new leaf closes a
 * complete subtree, lowest level first. Node (l, (index >> l) − 1) for each l below the number of
 * trailing one bits of `index`.
 */
export function appendSiblings(index: number): NodeId[] {
  assertSize('index', index);
  const out: NodeId[] = [];
  let shifted = index;
  for (let level = 0; shifted % 2 === 1; level++) {
    out.push({ level, index: shifted - 1 });
    shifted = (shifted - 1) / 2;
  }
  return out;
}

/** The complete subtrees closed by appending `hash` at `index`, given appendSiblings(index)'s hashes. */
export function appendedNodes(index: number, hash: Uint8Array, siblings: readonly Uint8Array[]): StoredNode[] {
  const want = appendSiblings(index);
  if (siblings.length !== want.length) throw new RangeError(`leaf ${index} needs ${want.length} siblings, got ${siblings.length}`);
  let current: Buffer = Buffer.from(hash);
  let idx = index;
  const out: StoredNode[] = [{ level: 0, index: idx, hash: current }];
  for (let i = 0; i < siblings.length; i++) {
    current = nodeHash(siblings[i], current);
    idx = (idx - 1) / 2;
    out.push({ level: i + 1, index: idx, hash: current });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Roots and proofs from complete subtrees. Every range the RFC 6962 recursion visits starts at a
// multiple of its split point, so a power-of-two range there is always a stored complete subtree.

/** MTH of leaves [lo, hi), a subtree as RFC 6962's recursion produces it. */
export function rangeRoot(lo: number, hi: number, read: NodeReader): Uint8Array {
  const n = hi - lo;
  if (n < 1) throw new RangeError(`empty range [${lo}, ${hi})`);
  if (isPowerOfTwo(n)) {
    if (lo % n !== 0) throw new RangeError(`range [${lo}, ${hi}) is not aligned`);
    return read(log2Exact(n), lo / n);
  }
  const k = splitPoint(n);
  return nodeHash(rangeRoot(lo, lo + k, read), rangeRoot(lo + k, hi, read));
}

export function treeRoot(size: number, read: NodeReader): Uint8Array {
  assertSize('size', size);
  return size === 0 ? emptyRoot() : rangeRoot(0, size, read);
}

/** PATH(m, D[lo:hi]) of RFC 6962 §2.1.1, lowest sibling first. */
function path(m: number, lo: number, hi: number, read: NodeReader): Uint8Array[] {
  const n = hi - lo;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < lo + k) return [...path(m, lo, lo + k, read), rangeRoot(lo + k, hi, read)];
  return [...path(m, lo + k, hi, read), rangeRoot(lo, lo + k, read)];
}

/** The siblings that connect the RFC 6962 subtree [a, b) to the root of [lo, hi), lowest first. */
function pathOfRange(a: number, b: number, lo: number, hi: number, read: NodeReader): Uint8Array[] {
  if (a === lo && b === hi) return [];
  if (a < lo || b > hi || hi - lo < 2) throw new RangeError(`[${a}, ${b}) is not a node of the tree`);
  const k = splitPoint(hi - lo);
  if (b <= lo + k) return [...pathOfRange(a, b, lo, lo + k, read), rangeRoot(lo + k, hi, read)];
  return [...pathOfRange(a, b, lo + k, hi, read), rangeRoot(lo, lo + k, read)];
}

export function inclusionProof(index: number, size: number, read: NodeReader): Uint8Array[] {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} out of bounds for tree size ${size}`);
  return path(index, 0, size, read);
}

/** SUBPROOF(m, D[lo:hi], b) of RFC 6962 §2.1.2; m counts leaves from lo. */
function subproof(m: number, lo: number, hi: number, complete: boolean, read: NodeReader): Uint8Array[] {
  const n = hi - lo;
  if (m === n) return complete ? [] : [rangeRoot(lo, hi, read)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(m, lo, lo + k, complete, read), rangeRoot(lo + k, hi, read)];
  return [...subproof(m - k, lo + k, hi, false, read), rangeRoot(lo, lo + k, read)];
}

export function consistencyProof(size1: number, size2: number, read: NodeReader): Uint8Array[] {
  assertSize('size1', size1);
  assertSize('size2', size2);
  if (size1 > size2) throw new RangeError(`size1 ${size1} > size2 ${size2}`);
  if (size1 === 0) throw new RangeError('a consistency proof from the empty tree is meaningless');
  return subproof(size1, 0, size2, true, read);
}

/**
 * A subtree [start, end) in the sense of transparency-dev/merkle (and the Merkle Tree Certificates
 * draft): start is 0 or a multiple of the smallest power of two ≥ end − start.
 */
export function isValidSubtree(start: number, end: number): boolean {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end) return false;
  if (start === 0 || start === end) return true;
  let ceil = 1;
  while (ceil < end - start) ceil *= 2;
  return start % ceil === 0;
}

export function subtreeInclusionProof(index: number, start: number, end: number, read: NodeReader): Uint8Array[] {
  if (!isValidSubtree(start, end)) throw new RangeError(`[${start}, ${end}) is not a valid subtree`);
  if (!(index >= start && index < end)) throw new RangeError(`index ${index} out of bounds for subtree [${start}, ${end})`);
  return path(index, start, end, read);
}

/** Proof that the subtree [start, end) with a known root belongs to the tree of `size` leaves. */
export function subtreeConsistencyProof(start: number, end: number, size: number, read: NodeReader): Uint8Array[] {
  assertSize('size', size);
  if (!isValidSubtree(start, end)) throw new RangeError(`[${start}, ${end}) is not a valid subtree`);
  if (end > size) throw new RangeError(`subtree end ${end} > tree size ${size}`);
  if (start === end || (start === 0 && end === size)) return [];
  const width = end - start;
  // At the right edge, or when complete, the subtree is itself a node of the tree: prove its path.
  if (end === size || isPowerOfTwo(width)) return pathOfRange(start, end, 0, size, read);
  // Otherwise begin from its rightmost complete subtree, which is a node of both trees.
  let last = 1;
  while ((width / last) % 2 === 0) last *= 2;
  const seedStart = end - last;
  return [read(log2Exact(last), seedStart / last), ...pathOfRange(seedStart, end, 0, size, read)];
}

/**
 * The complete subtrees a computation reads, found by running it once with placeholder hashes: which
 * nodes a proof needs does not depend on their values. Lets a store fetch them all in one query.
 */
export function nodesRead(compute: (read: NodeReader) => unknown): NodeId[] {
  const seen = new Map<string, NodeId>();
  const placeholder = new Uint8Array(HASH_SIZE);
  compute((level, index) => {
    seen.set(`${level}:${index}`, { level, index });
    return placeholder;
  });
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------------
// Verification. Indices and sizes may be numbers or bigints and are checked as unsigned 64-bit
// values, so a verifier never silently wraps or rounds a hostile input.

type Int = number | bigint;
const U64_LIMIT = 1n << 64n;

function u64(name: string, v: Int): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new MerkleProofError(`${name} is not an exact integer`);
  const b = BigInt(v);
  if (b < 0n || b >= U64_LIMIT) throw new MerkleProofError(`${name} is outside the unsigned 64-bit range`);
  return b;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function onesCount(x: bigint): number {
  let c = 0;
  for (const ch of x.toString(2)) if (ch === '1') c++;
  return c;
}

function trailingZeros(x: bigint): number {
  if (x === 0n) return 64;
  let c = 0;
  while ((x & 1n) === 0n) {
    x >>= 1n;
    c++;
  }
  return c;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function checkHashes(proof: readonly Uint8Array[] | null | undefined, leaf?: Uint8Array): readonly Uint8Array[] {
  if (leaf !== undefined && leaf.length !== HASH_SIZE) throw new MerkleProofError(`leaf hash has ${leaf.length} bytes, want ${HASH_SIZE}`);
  const p = proof ?? [];
  for (const [i, h] of p.entries()) {
    if (h.length !== HASH_SIZE) throw new MerkleProofError(`proof[${i}] has ${h.length} bytes, want ${HASH_SIZE}`);
  }
  return p;
}

/** Runs a check that throws MerkleProofError; any other error is a bug and propagates. */
function holds(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof MerkleProofError) return false;
    throw e;
  }
}

/**
 * The root that an inclusion proof leads to: RFC 9162 §2.1.3.2, which also requires the proof to be
 * exactly as long as the path (every element consumed, none missing).
 */
export function rootFromInclusionProof(leafIndex: Int, treeSize: Int, leaf: Uint8Array, proof: readonly Uint8Array[] | null): Buffer {
  const index = u64('leafIndex', leafIndex);
  const size = u64('treeSize', treeSize);
  if (index >= size) throw new MerkleProofError(`leafIndex ${index} ≥ treeSize ${size}`);
  const path = checkHashes(proof, leaf);
  let fn = index;
  let sn = size - 1n;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0n) throw new MerkleProofError('proof has more elements than the path');
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new MerkleProofError('proof has fewer elements than the path');
  return r;
}

export function verifyInclusion(leafIndex: Int, treeSize: Int, leaf: Uint8Array, proof: readonly Uint8Array[] | null, root: Uint8Array): boolean {
  return holds(() => {
    if (!sameBytes(rootFromInclusionProof(leafIndex, treeSize, leaf, proof), root)) throw new MerkleProofError('root mismatch');
  });
}

/**
 * RFC 9162 §2.1.4.2. Equal sizes need an empty proof and equal roots (nothing is hashed, so the roots
 * are only compared); a proof from the empty tree proves nothing and is refused.
 */
export function verifyConsistency(size1: Int, size2: Int, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[] | null): boolean {
  return holds(() => {
    const first = u64('size1', size1);
    const second = u64('size2', size2);
    const path = [...checkHashes(proof)];
    if (first > second) throw new MerkleProofError(`size1 ${first} > size2 ${second}`);
    if (first === 0n) throw new MerkleProofError('consistency from the empty tree is meaningless');
    if (first === second) {
      if (path.length !== 0) throw new MerkleProofError('equal sizes need an empty proof');
      if (!sameBytes(root1, root2)) throw new MerkleProofError('equal sizes but different roots');
      return;
    }
    if (path.length === 0) throw new MerkleProofError('empty proof');
    if ((first & (first - 1n)) === 0n) path.unshift(root1);
    let fn = first - 1n;
    let sn = second - 1n;
    while ((fn & 1n) === 1n) {
      fn >>= 1n;
      sn >>= 1n;
    }
    let fr: Buffer = Buffer.from(path[0]);
    let sr: Buffer = Buffer.from(path[0]);
    for (const c of path.slice(1)) {
      if (sn === 0n) throw new MerkleProofError('proof has more elements than needed');
      if ((fn & 1n) === 1n || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1n) === 0n) {
          while ((fn & 1n) === 0n && fn !== 0n) {
            fn >>= 1n;
            sn >>= 1n;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) throw new MerkleProofError('proof has fewer elements than needed');
    if (!sameBytes(fr, root1)) throw new MerkleProofError('root1 mismatch');
    if (!sameBytes(sr, root2)) throw new MerkleProofError('root2 mismatch');
  });
}

// Subtree proofs follow transparency-dev/merkle's proof/verify.go (VerifySubtreeInclusion,
// VerifySubtreeConsistency); RFC 9162 does not define them.

function checkSubtree(start: bigint, end: bigint): void {
  if (start > end) throw new MerkleProofError(`subtree start ${start} > end ${end}`);
  if (start === 0n || start === end) return;
  const width = end - start;
  if (width > 1n << 63n) throw new MerkleProofError('subtree too large for a non-zero start');
  const ceil = width <= 1n ? 1n : 1n << BigInt(bitLength(width - 1n));
  if ((start & (ceil - 1n)) !== 0n) throw new MerkleProofError(`subtree start ${start} is not a multiple of ${ceil}`);
}

export function verifySubtreeInclusion(
  leafIndex: Int,
  start: Int,
  end: Int,
  leaf: Uint8Array,
  proof: readonly Uint8Array[] | null,
  subtreeRoot: Uint8Array,
): boolean {
  return holds(() => {
    const index = u64('leafIndex', leafIndex);
    const lo = u64('start', start);
    const hi = u64('end', end);
    checkSubtree(lo, hi);
    if (index < lo || index >= hi) throw new MerkleProofError(`leafIndex ${index} outside subtree [${lo}, ${hi})`);
    if (!sameBytes(rootFromInclusionProof(index - lo, hi - lo, leaf, proof), subtreeRoot)) throw new MerkleProofError('root mismatch');
  });
}

function chainInner(seed: Buffer, proof: readonly Uint8Array[], index: bigint): Buffer {
  proof.forEach((h, i) => {
    seed = ((index >> BigInt(i)) & 1n) === 0n ? nodeHash(seed, h) : nodeHash(h, seed);
  });
  return seed;
}

/** Like chainInner, but only left siblings count: the hash of the earlier, smaller version of the node. */
function chainInnerRight(seed: Buffer, proof: readonly Uint8Array[], index: bigint): Buffer {
  proof.forEach((h, i) => {
    if (((index >> BigInt(i)) & 1n) === 1n) seed = nodeHash(h, seed);
  });
  return seed;
}

function chainBorderRight(seed: Buffer, proof: readonly Uint8Array[]): Buffer {
  for (const h of proof) seed = nodeHash(h, seed);
  return seed;
}

/** Checks that the subtree [start, end) with root subtreeRoot is part of the tree of `size` with root treeRoot. */
export function verifySubtreeConsistency(
  start: Int,
  end: Int,
  size: Int,
  subtreeRoot: Uint8Array,
  treeRoot: Uint8Array,
  proof: readonly Uint8Array[] | null,
): boolean {
  return holds(() => {
    const lo = u64('start', start);
    const hi = u64('end', end);
    const n = u64('size', size);
    const path = checkHashes(proof);
    checkSubtree(lo, hi);
    if (hi > n) throw new MerkleProofError(`subtree end ${hi} > size ${n}`);
    if (lo === hi) {
      // An empty subtree is part of any tree; only its own root can be wrong.
      if (path.length !== 0) throw new MerkleProofError('an empty subtree needs an empty proof');
      if (!sameBytes(subtreeRoot, emptyRoot())) throw new MerkleProofError('an empty subtree must have the empty root');
      return;
    }
    let computed: Buffer;
    if (lo === 0n && hi === n) {
      if (path.length !== 0) throw new MerkleProofError('the whole tree needs an empty proof');
      computed = Buffer.from(subtreeRoot);
    } else {
      if (path.length === 0) throw new MerkleProofError('empty proof');
      computed = rootFromSubtreeConsistency(lo, hi, n, path, subtreeRoot);
    }
    if (!sameBytes(computed, treeRoot)) throw new MerkleProofError('tree root mismatch');
  });
}

function rootFromSubtreeConsistency(start: bigint, end: bigint, size: bigint, proof: readonly Uint8Array[], subRoot: Uint8Array): Buffer {
  if (end === size) {
    // The subtree is a node on the right border: one left sibling per level where it is a right child.
    const level = bitLength((end - 1n) ^ start);
    const want = onesCount(start >> BigInt(level));
    if (proof.length !== want) throw new MerkleProofError(`proof has ${proof.length} elements, want ${want}`);
    return chainBorderRight(Buffer.from(subRoot), proof);
  }
  const forkInner = bitLength((end - 1n) ^ (size - 1n));
  const border = onesCount((end - 1n) >> BigInt(forkInner));
  const shift = trailingZeros(end - start);
  const inner = forkInner - shift;
  // A complete subtree is its own rightmost complete part, and the verifier already knows its root.
  const complete = end - start === 1n << BigInt(shift);
  const seed = Buffer.from(complete ? subRoot : proof[0]);
  const rest = complete ? proof : proof.slice(1);
  if (rest.length !== inner + border) throw new MerkleProofError(`proof has ${proof.length} elements, want ${(complete ? 0 : 1) + inner + border}`);
  const mask = (end - 1n) >> BigInt(shift);
  if (!complete) {
    // The proof's nodes inside the subtree must rebuild the subtree root the verifier holds.
    const height = bitLength((end - 1n) ^ start);
    const fork = bitLength((end - 1n) ^ (size - 1n));
    const subInner = Math.min(height, fork) - shift;
    const subBorder = Math.max(0, border - onesCount((end - 1n) >> BigInt(height)));
    let hash1 = chainInnerRight(seed, rest.slice(0, subInner), mask);
    hash1 = chainBorderRight(hash1, rest.slice(inner, inner + subBorder));
    if (!sameBytes(hash1, subRoot)) throw new MerkleProofError('subtree root mismatch');
  }
  return chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
}
