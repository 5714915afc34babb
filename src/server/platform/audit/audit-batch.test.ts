import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTx, inTransaction, type Database } from '../db/client.ts';
import { engine, freshDatabase } from '../../../../test/db.ts';
import * as merkle from './merkle.ts';
import { appendAudit, appendAudits, auditRoot, inclusionProof, recomputeLeafHash, verifyEntries, type AuditEntry } from './audit.service.ts';
import { readEntries } from './audit.repository.ts';

let database: Database;
const tx = () => asTx(database.db);
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.close());

const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 10, 4, 0, i)),
  actor: `token:${i % 3}`,
  unitCode: i % 2 ? '150100000000' : null,
  ip: i % 4 ? `127.0.0.${i}` : null,
  action: 'events.ingest',
  detail: { accepted: i, indexes: [0, i] },
});

describe(`appending several audit entries at once on ${engine}`, () => {
  it('gives the same leaves, subtrees and root as appending them one by one', async () => {
    const got: { seq: number; leafHash: string }[] = [];
    let i = 0;
    // runs of single and grouped appends that cross power-of-two sizes
    for (const run of [5, -13, 3, -2, 1, -16, -1, -7]) {
      if (run > 0) for (let k = 0; k < run; k++) got.push(await inTransaction(database, (t) => appendAudit(t, entry(i++))));
      else {
        const batch = Array.from({ length: -run }, () => entry(i++));
        got.push(...(await inTransaction(database, (t) => appendAudits(t, batch))));
      }
    }
    expect(got.map((g) => g.seq)).toEqual(Array.from({ length: i }, (_, k) => k));
    const leaves = (await readEntries(tx(), 0, i)).map(recomputeLeafHash);
    expect(leaves.map((l) => l.toString('base64'))).toEqual(got.map((g) => g.leafHash));
    expect(await auditRoot(tx())).toEqual({ size: i, root: merkle.rootOfLeaves(leaves).toString('base64') });
    expect(await verifyEntries(tx())).toMatchObject({ size: i, ok: true, problems: [] });
    for (const index of [0, 6, 17, 20, 40, i - 1]) {
      const p = await inclusionProof(tx(), index);
      expect(merkle.verifyInclusion(index, i, leaves[index], p.proof.map((h) => Buffer.from(h, 'base64')), Buffer.from(p.root, 'base64'))).toBe(true);
    }
  });

  it('appends nothing for no entries, and all or nothing with its transaction', async () => {
    const before = (await auditRoot(tx())).size;
    expect(await inTransaction(database, (t) => appendAudits(t, []))).toEqual([]);
    await expect(
      inTransaction(database, async (t) => {
        await appendAudits(t, [entry(1), entry(2)]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await auditRoot(tx())).size).toBe(before);
  });
});
