import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTx } from '../../platform/db/client.ts';
import { testPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { reserveSeqs } from './ingest.repository.ts';
import { SEQ_BLOCK, seqAt } from './seq.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

describe('store sequence numbers', () => {
  it('numbers the i-th event of reserved blocks from the block it falls in', () => {
    expect(seqAt([100, 900_000], 0)).toBe(100);
    expect(seqAt([100, 900_000], SEQ_BLOCK - 1)).toBe(100 + SEQ_BLOCK - 1);
    expect(seqAt([100, 900_000], SEQ_BLOCK)).toBe(900_000);
  });

  it('reserves distinct, increasing numbers, and a later reservation only greater ones', async () => {
    const db = asTx(p.database.db);
    const a = await reserveSeqs(db, 2 * SEQ_BLOCK + 5);
    const b = await reserveSeqs(db, 3);
    expect(new Set(a).size).toBe(a.length);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(Math.min(...b)).toBeGreaterThan(Math.max(...a));
    // one nextval per block: the sequence moved by three blocks, not by 16,389 numbers one at a time
    const next = await reserveSeqs(db, 1);
    expect(next[0] - b[0]).toBe(SEQ_BLOCK);
  });
});
