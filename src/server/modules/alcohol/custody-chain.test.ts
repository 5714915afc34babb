import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyInclusion } from '../../platform/audit/merkle.ts';
import { chainProof, chainRoot, checkChain, stepLeafData, stepLeafHash, type ChainStep } from './custody-chain.ts';

const step = (i: number, data: Record<string, unknown> = { caseNo: 'JQ1', n: i }): ChainStep => ({
  caseNo: 'JQ1',
  leafIndex: i,
  eventId: `e-${i}`,
  type: 'alcohol.scene_evidence',
  occurredAt: '2026-11-01T23:15:00+08:00',
  unit: '150102000000',
  actor: 'P1',
  location: { lat: 40.8, lng: 111.7 },
  data,
});

describe('the custody chain', () => {
  it('hashes a step as SHA-256(0x00 ‖ canonical JSON), whatever the key order of its data', () => {
    const a = step(0, { b: 1, a: { y: 2, x: 1 } });
    const b = step(0, { a: { x: 1, y: 2 }, b: 1 });
    expect(stepLeafData(a)).toBe(stepLeafData(b));
    expect(stepLeafData(a)).toContain('"data":{"a":{"x":1,"y":2},"b":1}');
    expect(stepLeafHash(a).toString('hex')).toBe(createHash('sha256').update(Buffer.from([0])).update(stepLeafData(a)).digest('hex'));
  });

  it('proves every step of chains of 1 to 20 steps to its root', () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = Array.from({ length: n }, (_, i) => stepLeafHash(step(i)));
      const root = chainRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = chainProof(leaves, i);
        expect(verifyInclusion(i, n, leaves[i], proof, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(i, n, leaves[(i + 1) % n], proof, root)).toBe(false);
      }
    }
  });

  it('verifies an untouched chain and names an altered, a missing or a re-rooted one', () => {
    const steps = Array.from({ length: 5 }, (_, i) => step(i));
    const stored = steps.map((s) => ({ ...s, leafHash: stepLeafHash(s) }));
    const root = chainRoot(stored.map((s) => s.leafHash));
    expect(checkChain(stored, { size: 5, root }, { size: 5, root })).toMatchObject({ ok: true, problems: [], altered: [] });

    const altered = stored.map((s) => (s.leafIndex === 3 ? { ...s, data: { caseNo: 'JQ1', n: 99 } } : s));
    const a = checkChain(altered, { size: 5, root }, { size: 5, root });
    expect(a.ok).toBe(false);
    expect(a.altered).toEqual([3]);

    const missing = checkChain(stored.filter((s) => s.leafIndex !== 2), { size: 5, root }, { size: 5, root });
    expect(missing.ok).toBe(false);
    expect(missing.problems.some((p) => p.leafIndex === 2)).toBe(true);

    const otherRoot = chainRoot(stored.slice(0, 4).map((s) => s.leafHash));
    expect(checkChain(stored, { size: 5, root }, { size: 5, root: otherRoot }).problems.map((p) => p.problem).join()).toMatch(/audit log/);
    expect(checkChain(stored, { size: 5, root: otherRoot }, { size: 5, root }).problems.map((p) => p.problem).join()).toMatch(/stored root/);
    expect(checkChain(stored, { size: 5, root }, null).ok).toBe(false);
  });
});
