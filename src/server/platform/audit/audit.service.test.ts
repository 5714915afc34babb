import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { asTx, inTransaction, openDatabase, type Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { units } from '../access/access.tables.ts';
import { engine, freshDatabase } from '../../../../test/db.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import * as merkle from './merkle.ts';
import {
  appendAudit,
  auditRoot,
  canonicalJson,
  consistencyProof,
  inclusionProof,
  listEntries,
  recomputeLeafHash,
  verifyEntries,
  type AuditEntry,
} from './audit.service.ts';
import { readEntries } from './audit.repository.ts';

const b = (s: string) => Buffer.from(s, 'base64');

let database: Database;
const tx = () => asTx(database.db);

beforeAll(async () => {
  database = await freshDatabase();
});

afterAll(async () => {
  await database?.close();
});

const T0 = Date.parse('2026-11-10T04:00:00.000Z');

function entry(i: number): AuditEntry {
  return {
    at: new Date(T0 + i * 1001),
    actor: i % 3 === 0 ? 'user:张三' : `token:${i}`,
    unitCode: i % 5 === 0 ? null : '150100000000',
    ip: i % 4 === 0 ? null : `10.0.0.${i % 250}`,
    action: ['alert.close', 'token.create', 'session.login'][i % 3],
    detail: { z: i, a: { y: [1, 'two', null, { d: 4, c: 3 }], x: '督办 ✓' }, when: new Date(T0), skipped: undefined, f: i / 8 },
  };
}

/** every leaf hash, recomputed from the stored entries */
async function recomputedLeaves(): Promise<Buffer[]> {
  const { size } = await auditRoot(tx());
  return (await readEntries(tx(), 0, size)).map(recomputeLeafHash);
}

async function append(from: number, to: number): Promise<{ seq: number; leafHash: string }[]> {
  const out = [];
  for (let i = from; i < to; i++) out.push(await inTransaction(database, (t) => appendAudit(t, entry(i))));
  return out;
}

describe(`audit log on ${engine}`, () => {
  it('starts empty with the empty root', async () => {
    expect(await auditRoot(tx())).toEqual({ size: 0, root: merkle.emptyRoot().toString('base64') });
    await expect(inclusionProof(tx(), 0)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('appends gap-free leaves whose hash anyone can recompute from the entry', async () => {
    const got = await append(0, 300);
    expect(got.map((g) => g.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    for (const [i, g] of got.entries()) {
      const e = entry(i);
      const byHand = merkle.leafHash(
        canonicalJson({ seq: i, at: e.at.toISOString(), actor: e.actor, unitCode: e.unitCode, ip: e.ip, action: e.action, detail: e.detail }),
      );
      expect(g.leafHash).toBe(byHand.toString('base64'));
    }
    const leaves = await recomputedLeaves();
    expect(leaves.map((l) => l.toString('base64'))).toEqual(got.map((g) => g.leafHash));
    expect(await auditRoot(tx())).toEqual({ size: 300, root: merkle.rootOfLeaves(leaves).toString('base64') });
  });

  it('stores entries so that the leaf data is canonical JSON with sorted keys', async () => {
    const [row] = await readEntries(tx(), 1, 2);
    expect(row.at).toBe(new Date(T0 + 1001).toISOString());
    expect(canonicalJson(row.detail)).toBe(
      '{"a":{"x":"督办 ✓","y":[1,"two",null,{"c":3,"d":4}]},"f":0.125,"when":"2026-11-10T04:00:00.000Z","z":1}',
    );
  });

  it('serves inclusion proofs that verify against the root of that size', async () => {
    const leaves = await recomputedLeaves();
    for (const [index, size] of [[0, 1], [0, 300], [299, 300], [128, 129], [100, 256], [255, 256], [37, 200], [199, 200]]) {
      const p = await inclusionProof(tx(), index, size);
      const root = merkle.rootOfLeaves(leaves.slice(0, size));
      expect(p.root).toBe(root.toString('base64'));
      expect(p.leafHash).toBe(leaves[index].toString('base64'));
      expect(merkle.verifyInclusion(index, size, b(p.leafHash), p.proof.map(b), b(p.root))).toBe(true);
      expect(merkle.verifyInclusion(index, size, leaves[(index + 1) % size], p.proof.map(b), root)).toBe(size === 1);
    }
    const current = await inclusionProof(tx(), 42);
    expect(current.treeSize).toBe(300);
  });

  it('serves consistency proofs that verify between any two sizes', async () => {
    const leaves = await recomputedLeaves();
    for (const [m, n] of [[1, 300], [64, 300], [100, 300], [299, 300], [300, 300], [7, 8], [5, 129], [127, 255]]) {
      const p = await consistencyProof(tx(), m, n);
      expect(p.root1).toBe(merkle.rootOfLeaves(leaves.slice(0, m)).toString('base64'));
      expect(p.root2).toBe(merkle.rootOfLeaves(leaves.slice(0, n)).toString('base64'));
      expect(merkle.verifyConsistency(m, n, b(p.root1), b(p.root2), p.proof.map(b))).toBe(true);
    }
    expect((await consistencyProof(tx(), 10)).size2).toBe(300);
  });

  it('refuses proofs beyond the log, naming the field', async () => {
    const field = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('bad_request');
      return ((e as AppError).details as { field: string }).field;
    };
    expect(await field(inclusionProof(tx(), 300))).toBe('index');
    expect(await field(inclusionProof(tx(), 5, 5))).toBe('index');
    expect(await field(inclusionProof(tx(), 0, 301))).toBe('size');
    expect(await field(consistencyProof(tx(), 0, 10))).toBe('from');
    expect(await field(consistencyProof(tx(), 11, 10))).toBe('from');
    expect(await field(consistencyProof(tx(), 1, 301))).toBe('to');
  });

  it('keeps audit_log append-only', async () => {
    // drizzle wraps the database's error; the trigger's message is in the cause
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(await refusal(database.db.execute(sql`UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`))).toMatch(/append-only/);
    expect(await refusal(database.db.execute(sql`DELETE FROM audit_log WHERE seq = 3`))).toMatch(/append-only/);
    expect((await readEntries(tx(), 3, 4))[0].actor).toBe(entry(3).actor);
  });

  it('refuses to change a stored subtree', async () => {
    await expect(database.db.execute(sql`UPDATE audit_nodes SET hash = sha256(hash) WHERE level = 0 AND idx = 0`)).rejects.toThrow();
  });

  it('rolls the leaf back with the transaction that failed', async () => {
    const before = await auditRoot(tx());
    await expect(
      inTransaction(database, async (t) => {
        await appendAudit(t, entry(999));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditRoot(tx())).toEqual(before);
  });

  it('verifies every entry and subtree, and finds tampering', async () => {
    const clean = await verifyEntries(tx(), { batchSize: 64 });
    expect(clean).toMatchObject({ size: 300, checked: 300, ok: true, problems: [] });

    // Edit behind the trigger's back, inside a transaction that is then rolled back.
    const tampered = await inTransaction(database, async (t) => {
      await t.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await t.execute(sql`ALTER TABLE audit_nodes DISABLE TRIGGER audit_nodes_no_update`);
      await t.execute(sql`UPDATE audit_log SET detail = jsonb_set(detail, '{z}', '1000') WHERE seq = 77`);
      await t.execute(sql`UPDATE audit_nodes SET hash = sha256(hash) WHERE level = 3 AND idx = 20`);
      const result = await verifyEntries(t, { batchSize: 50 });
      throw Object.assign(new Error('roll back'), { result });
    }).catch((e: { result?: Awaited<ReturnType<typeof verifyEntries>> }) => e.result);
    expect(tampered?.ok).toBe(false);
    expect(tampered?.problems).toEqual([
      { seq: 77, problem: 'entry does not match its leaf hash' },
      { node: { level: 3, index: 20 }, problem: 'stored subtree does not match its leaves' },
    ]);
    expect((await verifyEntries(tx())).ok).toBe(true);
  });

  it('stays consistent under concurrent appends', async () => {
    const start = (await auditRoot(tx())).size;
    // A second pool on the same database stands in for a second server process.
    const pools: Database[] = [database];
    if (engine === 'postgres') {
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${(await database.pool.query('SELECT current_database() AS d')).rows[0].d as string}`;
      pools.push(await openDatabase({ databaseUrl: u.toString(), maxConnections: 10 }));
    }
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inTransaction(pools[i % pools.length], async (t) => {
            const r = await appendAudit(t, entry(1000 + i));
            // hold the lock a moment so that other appenders queue behind it
            await t.execute(sql`SELECT pg_sleep(0.005)`);
            return r;
          }),
        ),
      );
      expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => start + i));
    } finally {
      for (const p of pools.slice(1)) await p.close();
    }
    const leaves = await recomputedLeaves();
    expect(leaves.length).toBe(start + 20);
    expect((await auditRoot(tx())).root).toBe(merkle.rootOfLeaves(leaves).toString('base64'));
    expect((await verifyEntries(tx())).ok).toBe(true);
    const p = await consistencyProof(tx(), start);
    expect(merkle.verifyConsistency(start, start + 20, b(p.root1), b(p.root2), p.proof.map(b))).toBe(true);
  });

  describe('listing', () => {
    const codes = { province: '910000000000', city: '910100000000', county: '910102000000', otherCity: '910200000000' };
    const seqs: Record<string, number> = {};

    beforeAll(async () => {
      const at = '2026-11-01T00:00:00Z';
      const rows: [string, string | null, number][] = [
        [codes.province, null, 0],
        [codes.city, codes.province, 1],
        [codes.county, codes.city, 2],
        [codes.otherCity, codes.province, 1],
      ];
      const pathOf = (code: string): string => {
        const parent = rows.find((r) => r[0] === code)![1];
        return `${parent ? pathOf(parent) : '/'}${code}/`;
      };
      // Only the columns the audit log relies on; the access module owns the rest of this table.
      const [{ has_event_id }] = (
        await database.db.execute(
          sql`SELECT count(*) > 0 AS has_event_id FROM information_schema.columns WHERE table_name = 'units' AND column_name = 'event_id'`,
        )
      ).rows as { has_event_id: boolean }[];
      for (const [code, parent, depth] of rows) {
        await database.db.execute(
          has_event_id
            ? sql`INSERT INTO ${units} (code, name, level, parent_code, path, depth, as_of, event_id)
                  VALUES (${code}, ${code}, 'test', ${parent}, ${pathOf(code)}, ${depth}, ${at}, ${`unit-${code}`})`
            : sql`INSERT INTO ${units} (code, name, level, parent_code, path, depth, as_of)
                  VALUES (${code}, ${code}, 'test', ${parent}, ${pathOf(code)}, ${depth}, ${at})`,
        );
      }
      for (const [name, unitCode] of Object.entries({ ...codes, none: null, unknown: '999999999999' })) {
        const r = await inTransaction(database, (t) =>
          appendAudit(t, { at: new Date(T0), actor: 'user:admin', unitCode, ip: '127.0.0.1', action: `test.${name}`, detail: { name } }),
        );
        seqs[name] = r.seq;
      }
    });

    const names = async (unitPathPrefix: string | undefined) => {
      const { items } = await listEntries(tx(), { limit: 500, unitPathPrefix });
      return items.filter((i) => i.action.startsWith('test.')).map((i) => i.action.slice(5));
    };

    it('shows only entries of the caller\'s unit subtree', async () => {
      expect(await names(`/${codes.province}/${codes.city}/`)).toEqual(['county', 'city']);
      expect(await names(`/${codes.province}/${codes.city}/${codes.county}/`)).toEqual(['county']);
      expect(await names(`/${codes.province}/${codes.otherCity}/`)).toEqual(['otherCity']);
    });

    it('shows entries without a unit only at the top of the tree', async () => {
      expect(await names(`/${codes.province}/`)).toEqual(['none', 'otherCity', 'county', 'city', 'province']);
      expect(await names('/')).toEqual(['unknown', 'none', 'otherCity', 'county', 'city', 'province']);
    });

    it('does not treat LIKE wildcards in a path as wildcards', async () => {
      expect(await names(`/${codes.province}/%/`)).toEqual([]);
      expect(await names(`/91__________/`)).toEqual([]);
    });

    it('pages newest first with a cursor', async () => {
      const all = (await listEntries(tx(), { limit: 1000 })).items.map((i) => i.seq);
      expect(all).toEqual([...all].sort((x, y) => y - x));
      const paged: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await listEntries(tx(), { limit: 7, beforeSeq: before });
        paged.push(...page.items.map((i) => i.seq));
        if (page.nextCursor === null) break;
        before = page.nextCursor;
      }
      expect(paged).toEqual(all);
      const page = await listEntries(tx(), { limit: 2, unitPathPrefix: `/${codes.province}/` });
      expect(page.items.map((i) => i.seq)).toEqual([seqs.none, seqs.otherCity]);
      expect(page.nextCursor).toBe(seqs.otherCity);
      const item = page.items[0];
      expect(item).toMatchObject({ unitCode: null, ip: '127.0.0.1', actor: 'user:admin', detail: { name: 'none' }, at: new Date(T0).toISOString() });
      expect(item.leafHash).toBe(recomputeLeafHash({ ...item }).toString('base64'));
    });
  });
});

describe(`audit routes on ${engine}`, () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await testPlatform();
    for (let i = 0; i < 40; i++) {
      await inTransaction(p.database, (t) => appendAudit(t, { ...entry(i), action: 'test.http', unitCode: [null, UNITS.province, UNITS.xincheng, UNITS.baotou][i % 4] }));
    }
  });

  afterAll(async () => {
    await p?.close();
  });

  const tokenFor = async (unit: string, scopes: string[]) => {
    const r = await p.post('/api/v1/tokens', { name: `t-${unit}-${scopes.join('-')}`, unit, scopes });
    expect(r.status).toBe(200);
    return r.json.token as string;
  };

  it('serves the root and proofs that verify', async () => {
    const root = await p.get('/api/v1/audit/root');
    expect(root.status).toBe(200);
    expect(root.json).toEqual(await auditRoot(asTx(p.database.db)));
    const size = root.json.size as number;

    const incl = await p.get(`/api/v1/audit/proof/inclusion?index=${size - 7}`);
    expect(incl.status).toBe(200);
    expect(incl.json.treeSize).toBe(size);
    expect(merkle.verifyInclusion(incl.json.leafIndex, size, b(incl.json.leafHash), incl.json.proof.map(b), b(root.json.root))).toBe(true);

    const cons = await p.get(`/api/v1/audit/proof/consistency?from=3&to=${size}`);
    expect(cons.status).toBe(200);
    expect(cons.json.root2).toBe(root.json.root);
    expect(merkle.verifyConsistency(3, size, b(cons.json.root1), b(cons.json.root2), cons.json.proof.map(b))).toBe(true);
  });

  it('answers 400 naming the field for proofs beyond the log', async () => {
    const { size } = await auditRoot(asTx(p.database.db));
    const r = await p.get(`/api/v1/audit/proof/inclusion?index=${size}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'bad_request', details: { field: 'index' } });
    expect((await p.get(`/api/v1/audit/proof/inclusion?index=0&size=${size + 1}`)).json.error.details.field).toBe('size');
    expect((await p.get(`/api/v1/audit/proof/consistency?from=2&to=${size + 5}`)).json.error.details.field).toBe('to');
    expect((await p.get('/api/v1/audit/proof/consistency?from=0')).status).toBe(400);
    expect((await p.get('/api/v1/audit/proof/inclusion?index=-1')).status).toBe(400);
  });

  it('lists entries of the caller\'s units only, to admins', async () => {
    type Item = { unitCode: string | null; action: string };
    const ours = (items: Item[]) => new Set(items.filter((i) => i.action === 'test.http').map((i) => i.unitCode));
    const all = await p.get('/api/v1/audit/entries?limit=500');
    expect(all.status).toBe(200);
    expect(ours(all.json.items)).toEqual(new Set([null, UNITS.province, UNITS.xincheng, UNITS.baotou]));

    const city = await p.get('/api/v1/audit/entries?limit=500', { token: await tokenFor(UNITS.hohhot, ['admin']) });
    expect(city.status).toBe(200);
    expect(ours(city.json.items)).toEqual(new Set([UNITS.xincheng]));
    for (const item of city.json.items as Item[]) expect([UNITS.hohhot, UNITS.xincheng, UNITS.huimin]).toContain(item.unitCode);
    for (const item of city.json.items) expect(item.leafHash).toBe(recomputeLeafHash(item).toString('base64'));

    const top = await p.get('/api/v1/audit/entries?limit=500', { token: await tokenFor(UNITS.province, ['admin']) });
    expect(ours(top.json.items)).toEqual(new Set([null, UNITS.province, UNITS.xincheng, UNITS.baotou]));

    const page = await p.get('/api/v1/audit/entries?limit=3');
    expect(page.json.items).toHaveLength(3);
    const next = await p.get(`/api/v1/audit/entries?limit=3&before=${page.json.nextCursor}`);
    expect(next.json.items[0].seq).toBe(page.json.items[2].seq - 1);

    expect((await p.get('/api/v1/audit/entries', { token: await tokenFor(UNITS.province, ['read']) })).status).toBe(403);
    expect((await p.get('/api/v1/audit/root', { token: 'nonsense' })).status).toBe(401);
  });
});
