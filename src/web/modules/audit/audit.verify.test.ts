import { describe, expect, it } from 'vitest';
import { hashChildren, hashLeaf } from '../../shared/crypto/merkle.ts';
import { toBase64 } from '../../shared/crypto/sha256.ts';
import type { AuditEntryView } from './audit.adapters.ts';
import { checkInclusion } from './audit.verify.ts';

const enc = new TextEncoder();

// a tree of three leaves: root = H(H(l0, l1), l2)
async function tree() {
  const l = await Promise.all(['a', 'b', 'c'].map((s) => hashLeaf(enc.encode(s))));
  const n01 = await hashChildren(l[0]!, l[1]!);
  const root = await hashChildren(n01, l[2]!);
  return { l, n01, root };
}

const entry = (seq: number, leafHash: Uint8Array): AuditEntryView => ({
  key: String(seq),
  seq,
  at: '2026-11-01T15:15:00Z',
  actor: 'user:admin',
  unitCode: null,
  ip: null,
  action: 'test',
  detail: {},
  leafHash: toBase64(leafHash),
});

describe('checkInclusion', () => {
  it('accepts a valid proof whose root matches the published one', async () => {
    const { l, n01, root } = await tree();
    const proof = { leafIndex: 2, treeSize: 3, leafHash: toBase64(l[2]!), root: toBase64(root), proof: [toBase64(n01)] };
    const out = await checkInclusion(entry(2, l[2]!), proof, { size: 3, root: toBase64(root) });
    expect(out).toEqual({ ok: true, treeSize: 3, root: toBase64(root) });
  });

  it('accepts a hex leaf hash in the entry', async () => {
    const { l, n01, root } = await tree();
    const hex = Buffer.from(l[2]!).toString('hex');
    const proof = { leafIndex: 2, treeSize: 3, leafHash: toBase64(l[2]!), root: toBase64(root), proof: [toBase64(n01)] };
    const out = await checkInclusion({ ...entry(2, l[2]!), leafHash: toBase64(Buffer.from(hex, 'hex')) }, proof, undefined);
    expect(out.ok).toBe(true);
  });

  it('rejects a proof about another entry', async () => {
    const { l, n01, root } = await tree();
    const proof = { leafIndex: 2, treeSize: 3, leafHash: toBase64(l[2]!), root: toBase64(root), proof: [toBase64(n01)] };
    expect(await checkInclusion(entry(1, l[2]!), proof, undefined)).toMatchObject({ ok: false, kind: 'index' });
    expect(await checkInclusion(entry(2, l[1]!), proof, undefined)).toMatchObject({ ok: false, kind: 'leaf' });
  });

  it('rejects a tampered proof and a root other than the published one', async () => {
    const { l, n01, root } = await tree();
    const bad = { leafIndex: 2, treeSize: 3, leafHash: toBase64(l[2]!), root: toBase64(root), proof: [toBase64(l[0]!)] };
    expect(await checkInclusion(entry(2, l[2]!), bad, undefined)).toMatchObject({ ok: false, kind: 'proof' });
    const good = { ...bad, proof: [toBase64(n01)] };
    expect(await checkInclusion(entry(2, l[2]!), good, { size: 3, root: toBase64(l[0]!) })).toMatchObject({ ok: false, kind: 'root' });
    // a published root of another size says nothing about this proof
    expect((await checkInclusion(entry(2, l[2]!), good, { size: 4, root: toBase64(l[0]!) })).ok).toBe(true);
  });
});
