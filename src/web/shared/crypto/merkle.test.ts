// The browser's verifier against the RFC 6962 vectors of transparency-dev/merkle: every valid proof must
// verify and every corrupted one must fail, through Web Crypto and through the fallback SHA-256 alike.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashLeaf, verifyInclusion } from './merkle.ts';
import { fromBase64, sha256Sync } from './sha256.ts';

const VECTORS = process.env.BIHUAN_VECTORS ?? '/work/shared/vectors/rfc6962/inclusion';

interface Vector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}

describe('sha256Sync', () => {
  it('matches node:crypto on assorted lengths', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      const want = createHash('sha256').update(data).digest('hex');
      expect(Buffer.from(sha256Sync(data)).toString('hex')).toBe(want);
    }
  });
});

describe('hashLeaf', () => {
  it('hashes the empty leaf as RFC 6962 says', async () => {
    const h = await hashLeaf(new Uint8Array(0));
    expect(Buffer.from(h).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
});

const files = existsSync(VECTORS) ? walk(VECTORS) : [];

for (const via of ['Web Crypto', 'fallback SHA-256'] as const) {
  describe.skipIf(files.length === 0)(`verifyInclusion on the RFC 6962 vectors (${via})`, () => {
    if (via === 'fallback SHA-256') {
      beforeAll(() => vi.stubGlobal('crypto', undefined));
      afterAll(() => vi.unstubAllGlobals());
    }
    it('has vectors', () => expect(files.length).toBeGreaterThan(20));
    for (const file of files) {
      it(file.slice(VECTORS.length + 1), async () => {
        const v = JSON.parse(readFileSync(file, 'utf8')) as Vector;
        const res = await verifyInclusion(
          v.leafIdx,
          v.treeSize,
          fromBase64(v.leafHash ?? ''),
          (v.proof ?? []).map(fromBase64),
          fromBase64(v.root ?? ''),
        );
        expect(res.ok).toBe(!v.wantErr);
      });
    }
  });
}
