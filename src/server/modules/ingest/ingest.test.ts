import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { checkpointPass, testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

const pass = checkpointPass;

async function count(table: string, where = sql`true`): Promise<number> {
  const r = await p.database.db.execute<{ n: string }>(sql`select count(*)::text as n from ${sql.identifier(table)} where ${where}`);
  return Number(r.rows[0].n);
}

describe('POST /events', () => {
  it('takes one JSON event, an array, and NDJSON, and stores each with its JSON', async () => {
    expect((await p.post('/api/v1/events', pass('j-1'))).json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await p.post('/api/v1/events', [pass('j-2'), pass('j-3')])).json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const nd = [pass('n-1'), pass('n-2')].map((e) => JSON.stringify(e)).join('\n') + '\n';
    expect((await p.post('/api/v1/events', nd, { contentType: 'application/x-ndjson' })).json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const r = await p.database.db.execute<{ body: { data: { plate: string } }; unit_code: string }>(sql`select body, unit_code from events where id = 'n-2'`);
    expect(r.rows[0].unit_code).toBe(UNITS.xincheng);
    expect(r.rows[0].body.data.plate).toBe('蒙A12345');
  });

  it('normalises plates to upper case', async () => {
    await p.post('/api/v1/events', pass('lower-1', {}, { plate: '蒙a1234x' }));
    const r = await p.database.db.execute<{ plate: string }>(sql`select body->'data'->>'plate' as plate from events where id = 'lower-1'`);
    expect(r.rows[0].plate).toBe('蒙A1234X');
  });

  it('counts a repeated id as a duplicate that changes nothing, also within one batch', async () => {
    const before = await count('events');
    const r = await p.post('/api/v1/events', [pass('j-1', {}, { plate: '蒙A99999' }), pass('d-1'), pass('d-1')]);
    expect(r.json).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await count('events')).toBe(before + 1);
    const j1 = await p.database.db.execute<{ plate: string }>(sql`select body->'data'->>'plate' as plate from events where id = 'j-1'`);
    expect(j1.rows[0].plate).toBe('蒙A12345');
  });

  it('accepts each id once under concurrent posts', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => pass(`c-${i}`));
    const results = await Promise.all(Array.from({ length: 6 }, () => p.post('/api/v1/events', batch)));
    const accepted = results.reduce((s, r) => s + r.json.accepted, 0);
    const dups = results.reduce((s, r) => s + r.json.duplicates, 0);
    expect(accepted).toBe(50);
    expect(dups).toBe(250);
    expect(await count('events', sql`id like 'c-%'`)).toBe(50);
  });

  it('rejects a bad event by index with the field named, keeps it, and still takes the good ones', async () => {
    const nd = [
      JSON.stringify(pass('g-1')),
      '{not json',
      '42',
      JSON.stringify(pass('b-plate', {}, { plate: '蒙AI2345' })),
      JSON.stringify(pass('b-unit', { unit: '159999000000' })),
      JSON.stringify(pass('b-future', { occurredAt: '2026-11-10T12:11:00+08:00' })),
      JSON.stringify(pass('g-2', { occurredAt: '2026-11-10T12:09:00+08:00' })),
    ].join('\n');
    const r = await p.post('/api/v1/events', nd, { contentType: 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(2);
    const byIndex = Object.fromEntries(r.json.rejected.map((x: { index: number; error: string }) => [x.index, x.error]));
    expect(Object.keys(byIndex).map(Number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(byIndex[1]).toMatch(/JSON/);
    expect(byIndex[2]).toMatch(/^event: /);
    expect(byIndex[3]).toMatch(/^data\.plate: /);
    expect(byIndex[4]).toMatch(/^unit: /);
    expect(byIndex[5]).toMatch(/^occurredAt: /);
    const dl = await p.get('/api/v1/dead-letters?limit=5');
    expect(dl.status).toBe(200);
    expect(dl.json.items[0].raw).toContain('b-future');
    expect(dl.json.items.map((d: { batchIndex: number }) => d.batchIndex).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(dl.json.items.find((d: { batchIndex: number }) => d.batchIndex === 1).raw).toBe('{not json');
  });

  it('rejects array elements that are not objects with their index', async () => {
    const r = await p.post('/api/v1/events', [null, 'x', pass('arr-ok'), [1]]);
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected.map((x: { index: number }) => x.index)).toEqual([0, 1, 3]);
  });

  it('lets an event follow the ref.unit that defines its unit in the same body', async () => {
    const r = await p.post('/api/v1/events', [
      { id: 'unit-new', type: 'ref.unit', occurredAt: '2026-11-02T08:00:00+08:00', unit: '150104000000', data: { code: '150104000000', name: '玉泉区交警大队', level: 'county', parentCode: UNITS.hohhot } },
      pass('after-new-unit', { unit: '150104000000' }),
    ]);
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(p.units.within(p.units.get(UNITS.hohhot)!.path, '150104000000')).toBe(true);
  });

  it('stores events in the partition of their month, and an old month can be detached', async () => {
    const r = await p.post('/api/v1/events', [
      pass('m-sep', { occurredAt: '2026-09-15T10:00:00+08:00' }),
      pass('m-oct', { occurredAt: '2026-10-15T10:00:00+08:00' }),
    ]);
    expect(r.json.accepted).toBe(2);
    const parts = await p.database.db.execute<{ part: string; id: string }>(sql`select tableoid::regclass::text as part, id from events where id like 'm-%' order by id`);
    expect(parts.rows).toEqual([
      { part: 'events_p2026_10', id: 'm-oct' },
      { part: 'events_p2026_09', id: 'm-sep' },
    ]);
    await p.database.db.execute(sql`alter table events detach partition events_p2026_09`);
    expect(await count('events', sql`id = 'm-sep'`)).toBe(0);
    expect(await count('events_p2026_09')).toBe(1);
  });

  it('never changes or deletes a stored event', async () => {
    await expect(p.database.db.execute(sql`update events set type = 'x' where id = 'j-1'`)).rejects.toThrow();
    await expect(p.database.db.execute(sql`delete from events where id = 'j-1'`)).rejects.toThrow();
  });

  it('answers 415 to other content types, 400 to a broken JSON body and 413 beyond the limit', async () => {
    expect((await p.post('/api/v1/events', 'id=1', { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    const broken = await p.post('/api/v1/events', '{"id": ', { contentType: 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/^body: /);
    const small = await testPlatform({ withUnits: false, env: { BIHUAN_BODY_LIMIT_MB: '1', BIHUAN_JSON_BODY_LIMIT_MB: '1' } });
    try {
      const big = 'x'.repeat(1024 * 1024 + 10);
      expect((await small.post('/api/v1/events', JSON.stringify({ pad: big }))).status).toBe(413);
      const nd = `${JSON.stringify({ pad: big })}\n`;
      expect((await small.post('/api/v1/events', nd, { contentType: 'application/x-ndjson' })).status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('records each ingest batch in the audit log', async () => {
    const before = await count('audit_log', sql`action = 'events.ingest'`);
    await p.post('/api/v1/events', [pass('audit-1')]);
    expect(await count('audit_log', sql`action = 'events.ingest'`)).toBe(before + 1);
  });
});

describe('reference data', () => {
  const lab = (id: string, at: string, status: string) => ({
    id,
    type: 'ref.lab',
    occurredAt: at,
    unit: UNITS.province,
    data: { labId: 'LAB-01', name: '某司法鉴定中心', status, internal: false },
  });

  it('keeps the latest occurredAt whatever the arrival order', async () => {
    await p.post('/api/v1/events', lab('lab-v2', '2026-11-05T10:00:00+08:00', 'suspended'));
    await p.post('/api/v1/events', lab('lab-v1', '2026-11-01T10:00:00+08:00', 'filed'));
    let r = await p.database.db.execute<{ status: string }>(sql`select status from labs where lab_id = 'LAB-01'`);
    expect(r.rows[0].status).toBe('suspended');
    await p.post('/api/v1/events', lab('lab-v3', '2026-11-06T10:00:00+08:00', 'blacklisted'));
    r = await p.database.db.execute<{ status: string }>(sql`select status from labs where lab_id = 'LAB-01'`);
    expect(r.rows[0].status).toBe('blacklisted');
  });

  it('moves a unit and its subtree when its parent changes', async () => {
    await p.post('/api/v1/events', { id: 'unit-move', type: 'ref.unit', occurredAt: '2026-11-03T08:00:00+08:00', unit: UNITS.huimin, data: { code: UNITS.huimin, name: '回民区交警大队', level: 'county', parentCode: UNITS.baotou } });
    expect(p.units.get(UNITS.huimin)!.path).toBe(`/${UNITS.province}/${UNITS.baotou}/${UNITS.huimin}/`);
    // an older update arriving late changes nothing
    await p.post('/api/v1/events', { id: 'unit-move-old', type: 'ref.unit', occurredAt: '2026-11-02T08:00:00+08:00', unit: UNITS.huimin, data: { code: UNITS.huimin, name: '回民区交警大队', level: 'county', parentCode: UNITS.hohhot } });
    expect(p.units.get(UNITS.huimin)!.path).toBe(`/${UNITS.province}/${UNITS.baotou}/${UNITS.huimin}/`);
  });
});
