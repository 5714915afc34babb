// On-arrival detection through the real ingest path: a case's events in any order and batching give
// the same alerts; a watchlisted plate at a checkpoint raises its alert in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
  await p.post('/api/v1/events', refs('r'));
});
afterAll(async () => p?.close());

const loc = { lat: 40.84, lng: 111.75 };
function refs(tag: string) {
  return [
    { id: `${tag}-lab-1`, type: 'ref.lab', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.province, data: { labId: 'LAB-1', name: '甲司法鉴定所', status: 'filed', internal: false } },
    { id: `${tag}-lab-x`, type: 'ref.lab', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.province, data: { labId: 'LAB-X', name: '乙鉴定所', status: 'blacklisted', internal: false } },
    { id: `${tag}-dev-1`, type: 'ref.device', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: 'BR-1', kind: 'breathalyzer', siteId: 'S1', calibratedUntil: '2027-06-30' } },
    { id: `${tag}-wl-1`, type: 'ref.watchlist', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.hohhot, data: { plate: '蒙A7J6Y2', reason: 'hit_and_run', active: true } },
  ];
}

/** a case where blood (62) is far below breath (196) 1.4 h later, sent to a blacklisted lab */
function caseEvents(caseNo: string, unit: string = UNITS.xincheng) {
  const sample = `${caseNo}-S`;
  const at = (h: number, m = 0) => `2026-11-09T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
  const ev = (id: string, type: string, occurredAt: string, data: Record<string, unknown>) => ({ id: `${caseNo}-${id}`, type, occurredAt, unit, actor: 'P150102017', location: loc, data });
  return [
    ev('open', 'alcohol.case_opened', at(1), { caseNo, driverIdNo: '11010519491231002X', driverName: '张三', plate: '蒙A12345', tags: [] }),
    ev('breath', 'alcohol.breath_test', at(1, 5), { caseNo, deviceId: 'BR-1', valueMg100ml: 196, refused: false, source: 'device' }),
    ev('draw', 'alcohol.blood_drawn', at(2, 29), { caseNo, sampleNo: sample, sealNo: 'F1', institution: '市第一医院', photoSha256: 'a'.repeat(64) }),
    ev('stored', 'alcohol.sample_stored', at(3), { sampleNo: sample, roomId: 'ROOM-1' }),
    ev('sent', 'alcohol.sample_sent', at(9), { sampleNo: sample, labId: 'LAB-X', handoverPhotoSha256: 'b'.repeat(64) }),
    { id: `${caseNo}-report`, type: 'alcohol.lab_report', occurredAt: at(20), unit, data: { caseNo, sampleNo: sample, labId: 'LAB-X', valueMg100ml: 62, reportPhotoSha256: 'c'.repeat(64) } },
  ];
}

async function alertsOf(subjectId: string, platform = p) {
  const r = await platform.get(`/api/v1/alerts?subjectId=${subjectId}&limit=100`);
  return (r.json.items as { rule: string; level: string; subject: { id: string } }[]).map((a) => `${a.rule}:${a.level}`).sort();
}

describe('on-arrival detection', () => {
  it('opens the case alerts as the events come in, with figures and evidence', async () => {
    const r = await p.post('/api/v1/events', caseEvents('JQ1'));
    expect(r.json.accepted).toBe(6);
    expect(await alertsOf('JQ1')).toEqual(['ALC_BREATH_BLOOD_GAP:red', 'ALC_LAB_STATUS:red']);
    const gap = (await p.get('/api/v1/alerts?subjectId=JQ1&rule=ALC_BREATH_BLOOD_GAP')).json.items[0];
    expect(gap.evidence.figures).toMatchObject({ breath: 196, blood: 62 });
    expect(gap.evidence.eventIds).toEqual(expect.arrayContaining(['JQ1-breath', 'JQ1-report']));
    expect(gap.unit).toBe(UNITS.xincheng);
    expect(gap.paramVersion).toBe(1);
  });

  it('gives the same alerts whatever the order and batching of the same events', async () => {
    const expected = await alertsOf('JQ1');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }), async (keys, sizes) => {
        const caseNo = `JQP${n++}`;
        const events = caseEvents(caseNo)
          .map((e, i) => ({ e, k: keys[i] }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.e);
        for (let i = 0, s = 0; i < events.length; s++) {
          const size = sizes[s % sizes.length];
          await p.post('/api/v1/events', events.slice(i, i + size));
          i += size;
        }
        expect(await alertsOf(caseNo)).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });

  it("raises every other alert of a key person's case by one level", async () => {
    const events = caseEvents('JQK');
    (events[0].data as { tags: string[] }).tags = ['suspected_official'];
    // a lab value of 75, just below 80 (near the line, and a gap too), sent to a filed lab
    (events[4].data as { labId: string }).labId = 'LAB-1';
    Object.assign(events[5].data, { labId: 'LAB-1', valueMg100ml: 75 });
    await p.post('/api/v1/events', events);
    const plain = caseEvents('JQN');
    (plain[4].data as { labId: string }).labId = 'LAB-1';
    Object.assign(plain[5].data, { labId: 'LAB-1', valueMg100ml: 75 });
    await p.post('/api/v1/events', plain);
    expect(await alertsOf('JQN')).toEqual(['ALC_BREATH_BLOOD_GAP:red', 'ALC_NEAR_THRESHOLD:orange']);
    expect(await alertsOf('JQK')).toEqual(['ALC_BREATH_BLOOD_GAP:red', 'ALC_KEY_PERSON:yellow', 'ALC_NEAR_THRESHOLD:red']);
  });

  it('raises a watchlist hit when the plate passes a checkpoint, in the same transaction', async () => {
    const pass = (id: string, plate: string) => ({ id, type: 'checkpoint.pass', occurredAt: '2026-11-10T09:00:00+08:00', unit: UNITS.huimin, data: { checkpointId: 'KK-9', plate, plateColor: 'blue', lane: 2, speedKmh: 70 } });
    await p.post('/api/v1/events', [pass('cp-1', '蒙A7J6Y2'), pass('cp-2', '蒙A11111')]);
    const hits = (await p.get('/api/v1/alerts?rule=CKPT_WATCHLIST_HIT')).json.items;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ level: 'red', unit: UNITS.huimin, subject: { kind: 'plate', id: '蒙A7J6Y2' } });
  });

  it("links a sample's events to its case when the draw and the sample's events commit at the same moment", async () => {
    const { sql } = await import('drizzle-orm');
    const n = 12;
    // every request its own transaction, so the two commit side by side
    p.ingest.groupBodyEvents = 0;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const [open, breath, draw, stored] = caseEvents(`JQR${i}`);
        await p.post('/api/v1/events', [open, breath]);
        // the draw and the storing of its sample in two requests at once
        await Promise.all([p.post('/api/v1/events', [draw]), p.post('/api/v1/events', [stored])]);
      }),
    );
    const r = await p.database.db.execute<{ n: string }>(sql`
      SELECT count(*)::text AS n FROM detection_case_events WHERE case_no LIKE 'JQR%' AND event->>'type' = 'alcohol.sample_stored'`);
    expect(Number(r.rows[0].n)).toBe(n);
    const pending = await p.database.db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM detection_pending_sample_events WHERE sample_no LIKE 'JQR%'`);
    expect(Number(pending.rows[0].n)).toBe(0);
    p.ingest.groupBodyEvents = 100;
  });

  it('judges two passes of one plate that commit side by side against each other, past the chunk-wide lock', async () => {
    const cp = (id: string, lat: number, lng: number) => ({ id: `cpr-${id}`, type: 'ref.checkpoint', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.huimin, data: { checkpointId: id, name: `卡口${id}`, lat, lng } });
    // 呼和浩特 and 包头, about 150 km apart: ten minutes between passes needs some 900 km/h
    await p.post('/api/v1/events', [cp('KK-R1', 40.84, 111.75), cp('KK-R2', 40.66, 109.84)]);
    const pass = (id: string, plate: string, checkpointId: string, minute: number) => ({
      id,
      type: 'checkpoint.pass',
      occurredAt: `2026-11-10T10:${String(minute).padStart(2, '0')}:00+08:00`,
      unit: UNITS.huimin,
      data: { checkpointId, plate, plateColor: 'blue', lane: 1, speedKmh: 60 },
    });
    const n = 16;
    p.ingest.groupBodyEvents = 0;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const plate = `蒙K${String(10000 + i)}`;
        // the two passes of a plate in two requests at once; a third, alone, a mixed chunk with a reference
        await Promise.all([
          p.post('/api/v1/events', [pass(`cpr-a${i}`, plate, 'KK-R1', 0)]),
          p.post('/api/v1/events', [pass(`cpr-b${i}`, plate, 'KK-R2', 10)]),
          p.post('/api/v1/events', [pass(`cpr-c${i}`, `蒙L${String(10000 + i)}`, 'KK-R1', 0), { id: `cpr-wl${i}`, type: 'ref.watchlist', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.hohhot, data: { plate: `蒙M${10000 + i}`, reason: 'other', active: true } }]),
          p.post('/api/v1/events', [pass(`cpr-d${i}`, `蒙L${String(10000 + i)}`, 'KK-R2', 10)]),
        ]);
      }),
    );
    p.ingest.groupBodyEvents = 100;
    const cloned = (await p.get('/api/v1/alerts?rule=CKPT_CLONED_PLATE&limit=1000')).json.items as { subject: { id: string } }[];
    const plates = new Set(cloned.map((a) => a.subject.id));
    for (let i = 0; i < n; i++) {
      expect(plates.has(`蒙K${10000 + i}`), `蒙K${10000 + i}`).toBe(true);
      expect(plates.has(`蒙L${10000 + i}`), `蒙L${10000 + i}`).toBe(true);
    }
  });
});
