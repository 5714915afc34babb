import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendSiblings,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  isValidSubtree,
  leafHash,
  nodeHash,
  nodesRead,
  rootOfLeaves,
  subtreeConsistencyProof,
  subtreeInclusionProof,
  TreeBuilder,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
  type NodeReader,
} from './merkle.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectorsDir = path.resolve(repoRoot, '../shared/vectors/rfc6962');

// ---------------------------------------------------------------------------------------------------
// The transparency-dev/merkle vectors

interface Vector {
  file: string;
  wantErr: boolean;
  [k: string]: unknown;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? jsonFiles(path.join(dir, d.name)) : d.name.endsWith('.json') ? [path.join(dir, d.name)] : []))
    .sort();
}

// Some vectors hold sizes beyond 2^53 (uint64 in the Go original); quote every integer so none rounds.
function loadVectors(kind: string): Vector[] {
  return jsonFiles(path.join(vectorsDir, kind)).map((f) => {
    const text = readFileSync(f, 'utf8').replace(/("(?:leafIdx|treeSize|size1|size2|start|end|size)"\s*:\s*)(\d+)/g, '$1"$2"');
    return { ...(JSON.parse(text) as Vector), file: path.relative(vectorsDir, f) };
  });
}

const big = (v: unknown): bigint => BigInt(v as string);
const bytes = (v: unknown): Buffer => Buffer.from((v as string | null) ?? '', 'base64');
const proofOf = (v: unknown): Buffer[] | null => (v === null ? null : (v as string[]).map((s) => Buffer.from(s, 'base64')));

const suites: Record<string, (v: Vector) => boolean> = {
  inclusion: (v) => verifyInclusion(big(v.leafIdx), big(v.treeSize), bytes(v.leafHash), proofOf(v.proof), bytes(v.root)),
  consistency: (v) => verifyConsistency(big(v.size1), big(v.size2), bytes(v.root1), bytes(v.root2), proofOf(v.proof)),
  subtreeinclusion: (v) =>
    verifySubtreeInclusion(big(v.leafIdx), big(v.start), big(v.end), bytes(v.leafHash), proofOf(v.proof), bytes(v.root)),
  subtreeconsistency: (v) =>
    verifySubtreeConsistency(big(v.start), big(v.end), big(v.size), bytes(v.root1), bytes(v.root2), proofOf(v.proof)),
};

describe('RFC 6962 vectors (transparency-dev/merkle testdata)', () => {
  it('covers every vector folder', () => {
    const folders = readdirSync(vectorsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual(Object.keys(suites).sort());
    const total = folders.reduce((n, f) => n + jsonFiles(path.join(vectorsDir, f)).length, 0);
    expect(total).toBeGreaterThanOrEqual(500);
  });

  for (const [kind, verify] of Object.entries(suites)) {
    describe(kind, () => {
      const vectors = loadVectors(kind);
      it('has vectors', () => expect(vectors.length).toBeGreaterThan(0));
      it.each(vectors.map((v) => [v.file, v] as const))('%s', (_file, v) => {
        expect(verify(v)).toBe(!v.wantErr);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Naive recomputation straight from the RFC's recursive definitions over the leaf list.

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function naivePath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = split(d.length);
  return m < k ? [...naivePath(m, d.slice(0, k)), rootOfLeaves(d.slice(k))] : [...naivePath(m - k, d.slice(k)), rootOfLeaves(d.slice(0, k))];
}

function naiveSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [rootOfLeaves(d)];
  const k = split(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), rootOfLeaves(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), rootOfLeaves(d.slice(0, k))];
}

/** refSubtreeConsistencyProof of transparency-dev/merkle's testonly/reference_test.go */
function naiveSubtreeConsistency(start: number, end: number, d: Buffer[], known: boolean): Buffer[] {
  if (start === end) return [];
  if (start === 0 && end === d.length) return known ? [] : [rootOfLeaves(d)];
  const k = split(d.length);
  if (end <= k) return [...naiveSubtreeConsistency(start, end, d.slice(0, k), known), rootOfLeaves(d.slice(k))];
  if (k <= start) return [...naiveSubtreeConsistency(start - k, end - k, d.slice(k), known), rootOfLeaves(d.slice(0, k))];
  return [...naiveSubtreeConsistency(0, end - k, d.slice(k), false), rootOfLeaves(d.slice(0, k))];
}

/** A tree of n leaves and a reader over its complete subtrees, built the way the store builds them. */
function tree(n: number, salt: string) {
  const leaves = Array.from({ length: n }, (_, i) => leafHash(`${salt}/${i}`));
  const builder = new TreeBuilder();
  const nodes = new Map<string, Buffer>();
  for (const h of leaves) for (const node of builder.push(h)) nodes.set(`${node.level}:${node.index}`, node.hash);
  const read: NodeReader = (level, index) => {
    const h = nodes.get(`${level}:${index}`);
    if (!h) throw new Error(`node ${level}:${index} not stored`);
    return h;
  };
  return { leaves, builder, nodes, read };
}

function flipBit(proof: Uint8Array[], which: number, bit: number): Buffer[] {
  return proof.map((h, i) => {
    const c = Buffer.from(h);
    if (i === which) c[bit >> 3] ^= 1 << (bit & 7);
    return c;
  });
}

const flip = (h: Uint8Array, bit = 0): Buffer => flipBit([h], 0, bit)[0];
const hex = (x: Uint8Array) => Buffer.from(x).toString('hex');
const same = (a: Uint8Array[], b: Uint8Array[]) => expect(a.map(hex)).toEqual(b.map(hex));

const sizes = fc.integer({ min: 1, max: 300 });
const salt = fc.string({ maxLength: 8 });
const bit = fc.integer({ min: 0, max: 255 });

describe('hashing', () => {
  it('uses the RFC 6962 domain separation and empty root', () => {
    expect(emptyRoot().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash('').toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const l = leafHash(Buffer.from([0]));
    expect(nodeHash(l, l)).toEqual(rootOfLeaves([l, l]));
  });

  it('builds the same complete subtrees and root incrementally as from the whole list', () => {
    fc.assert(
      fc.property(sizes, salt, (n, s) => {
        const { leaves, builder, nodes, read } = tree(n, s);
        expect(builder.root()).toEqual(rootOfLeaves(leaves));
        expect(Buffer.from(treeRoot(n, read))).toEqual(rootOfLeaves(leaves));
        // every stored node is the complete subtree it names, and the count is exactly 2n − popcount(n)
        for (const [key, h] of nodes) {
          const [level, index] = key.split(':').map(Number);
          expect(h).toEqual(rootOfLeaves(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)));
        }
        expect(nodes.size).toBe(2 * n - n.toString(2).replace(/0/g, '').length);
      }),
      { numRuns: 60 },
    );
    expect(Buffer.from(treeRoot(0, () => Buffer.alloc(0)))).toEqual(emptyRoot());
  });

  it('asks a store for the siblings of the subtrees a new leaf closes', () => {
    expect(appendSiblings(0)).toEqual([]);
    expect(appendSiblings(6)).toEqual([]);
    expect(appendSiblings(7)).toEqual([
      { level: 0, index: 6 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
  });

  it('reads O(log n) stored nodes for a root or a proof', () => {
    const n = 2 ** 40 + 12345;
    expect(nodesRead((read) => treeRoot(n, read)).length).toBe(n.toString(2).replace(/0/g, '').length);
    const reads = nodesRead((read) => inclusionProof(2 ** 39 + 7, n, read));
    expect(reads.length).toBeLessThanOrEqual(2 * 41);
    expect(nodesRead((read) => consistencyProof(2 ** 20 + 3, n, read)).length).toBeLessThanOrEqual(2 * 41);
  });
});

describe('inclusion proofs', () => {
  it('match the RFC definition, verify, and fail when anything is changed', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), salt, bit, fc.nat(), (n, i0, s, b, which) => {
        const i = i0 % n;
        const { leaves, read } = tree(n, s);
        const root = rootOfLeaves(leaves);
        const proof = inclusionProof(i, n, read);
        same(proof, naivePath(i, leaves));
        expect(verifyInclusion(i, n, leaves[i], proof, root)).toBe(true);
        expect(verifyInclusion(i, n, flip(leaves[i], b), proof, root)).toBe(false);
        expect(verifyInclusion(i, n, leaves[i], proof, flip(root, b))).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(i, n, leaves[i], flipBit(proof, which % proof.length, b), root)).toBe(false);
          expect(verifyInclusion(i, n, leaves[i], proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(i, n, leaves[i], [...proof, leaves[i]], root)).toBe(false);
        if (i + 1 < n) expect(verifyInclusion(i + 1, n, leaves[i], proof, root)).toBe(false);
        expect(verifyInclusion(n, n, leaves[i], proof, root)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects malformed input instead of throwing', () => {
    const { leaves, read } = tree(5, 'x');
    const root = rootOfLeaves(leaves);
    const proof = inclusionProof(2, 5, read);
    expect(verifyInclusion(2, 5, leaves[2], proof, root)).toBe(true);
    expect(verifyInclusion(-1, 5, leaves[2], proof, root)).toBe(false);
    expect(verifyInclusion(2.5, 5, leaves[2], proof, root)).toBe(false);
    expect(verifyInclusion(2, 2 ** 64, leaves[2], proof, root)).toBe(false);
    expect(verifyInclusion(2n, 1n << 64n, leaves[2], proof, root)).toBe(false);
    expect(verifyInclusion(2, 5, leaves[2].subarray(1), proof, root)).toBe(false);
    expect(verifyInclusion(2, 5, leaves[2], [proof[0], Buffer.concat([proof[1], Buffer.of(0)]), proof[2]], root)).toBe(false);
    expect(() => inclusionProof(5, 5, read)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it('match the RFC definition, verify, and fail when anything is changed', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), salt, bit, fc.nat(), (n, m0, s, b, which) => {
        const m = 1 + (m0 % n);
        const { leaves, read } = tree(n, s);
        const root1 = rootOfLeaves(leaves.slice(0, m));
        const root2 = rootOfLeaves(leaves);
        const proof = consistencyProof(m, n, read);
        same(proof, naiveSubproof(m, leaves, true));
        expect(verifyConsistency(m, n, root1, root2, proof)).toBe(true);
        expect(verifyConsistency(m, n, flip(root1, b), root2, proof)).toBe(false);
        expect(verifyConsistency(m, n, root1, flip(root2, b), proof)).toBe(false);
        if (proof.length > 0) {
          expect(verifyConsistency(m, n, root1, root2, flipBit(proof, which % proof.length, b))).toBe(false);
          expect(verifyConsistency(m, n, root1, root2, proof.slice(0, -1))).toBe(false);
        }
        expect(verifyConsistency(m, n, root1, root2, [...proof, root1])).toBe(false);
        if (m < n) expect(verifyConsistency(m + 1, n, root1, root2, proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses proofs from the empty tree or backwards', () => {
    const { leaves, read } = tree(4, 'y');
    expect(verifyConsistency(0, 4, emptyRoot(), rootOfLeaves(leaves), [])).toBe(false);
    expect(verifyConsistency(4, 2, rootOfLeaves(leaves), rootOfLeaves(leaves.slice(0, 2)), [])).toBe(false);
    expect(() => consistencyProof(0, 4, read)).toThrow(RangeError);
    expect(() => consistencyProof(3, 2, read)).toThrow(RangeError);
  });
});

describe('subtree proofs', () => {
  const subtree = (n: number, a: number, b: number): [number, number] | null => {
    const [start, end] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y);
    return isValidSubtree(start, end) ? [start, end] : null;
  };

  it('inclusion in a subtree verifies, and fails when anything is changed', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.nat(), salt, bit, fc.nat(), (n, a, b, i0, s, flipAt, which) => {
        const range = subtree(n, a, b);
        fc.pre(range !== null && range[0] < range[1]);
        const [start, end] = range!;
        const i = start + (i0 % (end - start));
        const { leaves, read } = tree(n, s);
        const subRoot = rootOfLeaves(leaves.slice(start, end));
        const proof = subtreeInclusionProof(i, start, end, read);
        same(proof, naivePath(i - start, leaves.slice(start, end)));
        expect(verifySubtreeInclusion(i, start, end, leaves[i], proof, subRoot)).toBe(true);
        expect(verifySubtreeInclusion(i, start, end, leaves[i], proof, flip(subRoot, flipAt))).toBe(false);
        if (proof.length > 0) expect(verifySubtreeInclusion(i, start, end, leaves[i], flipBit(proof, which % proof.length, flipAt), subRoot)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('subtree consistency matches the reference definition, verifies, and fails when anything is changed', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), salt, bit, fc.nat(), (n, a, b, s, flipAt, which) => {
        const range = subtree(n, a, b);
        fc.pre(range !== null);
        const [start, end] = range!;
        const { leaves, read } = tree(n, s);
        const subRoot = rootOfLeaves(leaves.slice(start, end));
        const root = rootOfLeaves(leaves);
        const proof = subtreeConsistencyProof(start, end, n, read);
        same(proof, naiveSubtreeConsistency(start, end, leaves, true));
        expect(verifySubtreeConsistency(start, end, n, subRoot, root, proof)).toBe(true);
        expect(verifySubtreeConsistency(start, end, n, flip(subRoot, flipAt), root, proof)).toBe(false);
        if (start < end) expect(verifySubtreeConsistency(start, end, n, subRoot, flip(root, flipAt), proof)).toBe(false);
        if (proof.length > 0) {
          expect(verifySubtreeConsistency(start, end, n, subRoot, root, flipBit(proof, which % proof.length, flipAt))).toBe(false);
          expect(verifySubtreeConsistency(start, end, n, subRoot, root, proof.slice(1))).toBe(false);
        }
        expect(verifySubtreeConsistency(start, end, n, subRoot, root, [...proof, root])).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with plain consistency for prefixes', () => {
    const { leaves, read } = tree(37, 'z');
    for (let m = 1; m <= 37; m++) same(subtreeConsistencyProof(0, m, 37, read), consistencyProof(m, 37, read));
    expect(verifySubtreeConsistency(0, 37, 37, rootOfLeaves(leaves), rootOfLeaves(leaves), [])).toBe(true);
  });
});
