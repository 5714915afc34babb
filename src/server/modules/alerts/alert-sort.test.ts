// GET /alerts?sort=…: every order, paged through with keyset cursors, gives each matching alert exactly once
// in the order the key, then createdAt desc, then id desc make — ties of every kind and missing deadlines
// included; a wrong sort, or a cursor made for another sort, is refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../platform/db/client.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import type { FindingInput } from './index.ts';

let p: TestPlatform;

interface Item {
  id: string;
  level: string;
  rule: string;
  unit: string;
  createdAt: string;
  dueAt: string | null;
}

const SORTS = ['-createdAt', 'createdAt', '-level', 'level', 'dueAt', '-dueAt', 'rule', '-rule', 'unit', '-unit'] as const;
// codes that differ early, so any collation orders them as JS does
const RULES = ['ALC_BREATH_BLOOD_GAP', 'BIZ_OFF_HOURS', 'CKPT_WATCHLIST_HIT', 'SEC_QUERY_VOLUME'];
const UNIT_CODES = [UNITS.xincheng, UNITS.huimin, UNITS.donghe, UNITS.hohhot, UNITS.baotou];
const LEVELS = ['blue', 'yellow', 'orange', 'red'];
const severity: Record<string, number> = { red: 3, orange: 2, yellow: 1, blue: 0 };

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const keyOf: Record<string, (a: Item) => string | number> = {
  createdAt: (a) => a.createdAt,
  level: (a) => severity[a.level],
  dueAt: (a) => (a.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.dueAt)),
  rule: (a) => a.rule,
  unit: (a) => a.unit,
};

/** the order the API promises: the key in its direction, then createdAt desc, then id desc */
function expected(items: Item[], sort: string): string[] {
  const desc = sort.startsWith('-');
  const key = keyOf[sort.replace(/^-/, '')];
  return [...items]
    .sort((a, b) => (desc ? -1 : 1) * cmp(key(a), key(b)) || -cmp(a.createdAt, b.createdAt) || -cmp(a.id, b.id))
    .map((a) => a.id);
}

async function pageThrough(query: string, limit: number): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const r = await p.get(`/api/v1/alerts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    ids.push(...r.json.items.map((a: Item) => a.id));
    totals.add(r.json.total);
    cursor = r.json.nextCursor;
    if (!cursor) return { ids, totals };
  }
  throw new Error('paging did not end');
}

beforeAll(async () => {
  p = await testPlatform();
  // 48 alerts opened in batches of 6 at 8 times: many share createdAt; levels, rules and units repeat
  let n = 0;
  for (let batch = 0; batch < 8; batch++) {
    const findings: FindingInput[] = Array.from({ length: 6 }, () => {
      const i = n++;
      return {
        rule: RULES[(i * 7) % RULES.length],
        subjectKind: 'staff',
        subjectId: `S${i}`,
        level: LEVELS[(i * 5 + batch) % LEVELS.length],
        unitCode: UNIT_CODES[(i * 3) % UNIT_CODES.length],
        title: `排序测试${i}`,
        figures: {},
        eventIds: [],
        paramVersion: 1,
      };
    });
    await inTransaction(p.database, (tx) => p.alerts.recordFindings(tx, findings, p.clock.now()));
    p.clock.advance(batch % 3 === 0 ? 60_000 : 1000);
  }
  // deadlines: several alerts share each, and every fifth has none
  await p.database.db.execute(sql`
    update alerts set due_at = case when (right(subject_id, -1))::int % 5 = 0 then null
      else timestamptz '2026-11-12T00:00:00Z' + ((right(subject_id, -1))::int % 4) * interval '1 hour' end`);
});
afterAll(async () => p?.close());

describe('sorting the alert list', () => {
  it('pages through every order, each alert once, in the promised order', async () => {
    const all = await p.get('/api/v1/alerts?limit=1000');
    const items: Item[] = all.json.items;
    expect(items).toHaveLength(48);
    expect(items.filter((a) => a.dueAt === null).length).toBeGreaterThan(5);
    const hohhot = new Set<string>([UNITS.hohhot, UNITS.xincheng, UNITS.huimin]);
    for (const sort of SORTS) {
      for (const limit of [1, 5, 7]) {
        const { ids, totals } = await pageThrough(`sort=${sort}`, limit);
        expect(ids, `sort=${sort} limit=${limit}`).toEqual(expected(items, sort));
        expect([...totals]).toEqual([48]);
      }
      // with filters: a city's units and two levels
      const { ids, totals } = await pageThrough(`sort=${sort}&unit=${UNITS.hohhot}&level=red,blue`, 3);
      const matching = items.filter((a) => hohhot.has(a.unit) && (a.level === 'red' || a.level === 'blue'));
      expect(ids, `sort=${sort}, filtered`).toEqual(expected(matching, sort));
      expect([...totals]).toEqual([matching.length]);
    }
  });

  it('is newest first by default, and takes a cursor made before sorting existed', async () => {
    const plain = await p.get('/api/v1/alerts?limit=5');
    const explicit = await p.get('/api/v1/alerts?limit=5&sort=-createdAt');
    expect(plain.json.items.map((a: Item) => a.id)).toEqual(explicit.json.items.map((a: Item) => a.id));
    const last: Item = plain.json.items[4];
    const old = Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url');
    const next = await p.get(`/api/v1/alerts?limit=5&cursor=${old}`);
    expect(next.status).toBe(200);
    const all = await p.get('/api/v1/alerts?limit=10');
    expect(next.json.items.map((a: Item) => a.id)).toEqual(all.json.items.slice(5).map((a: Item) => a.id));
  });

  it('refuses an unknown sort, and a cursor made for another sort, naming the field', async () => {
    for (const bad of ['level,rule', 'severity', '--level', '+level', '']) {
      const r = await p.get(`/api/v1/alerts?sort=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.error.details.field).toBe('sort');
      expect(r.json.error.message).toMatch(/^sort: /);
    }
    const first = await p.get('/api/v1/alerts?sort=-level&limit=3');
    const cursor = first.json.nextCursor as string;
    expect((await p.get(`/api/v1/alerts?sort=-level&limit=3&cursor=${cursor}`)).status).toBe(200);
    for (const other of ['level', '-createdAt', '']) {
      const r = await p.get(`/api/v1/alerts?limit=3&cursor=${cursor}${other ? `&sort=${other}` : ''}`);
      expect(r.status, other).toBe(400);
      expect(r.json.error.details.field).toBe('cursor');
    }
    const forged = Buffer.from(JSON.stringify(['-level', 'purple', '2026-11-10T04:00:00.000Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    const r = await p.get(`/api/v1/alerts?sort=-level&cursor=${forged}`);
    expect(r.status).toBe(400);
    expect(r.json.error.details.field).toBe('cursor');
  });
});
