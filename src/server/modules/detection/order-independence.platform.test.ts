// Arrival order does not matter, across rule families and reference data: the same events — business by
// an auxiliary officer and the reference row saying so, an early deletion and its record, a device's
// outage and return, one plate at two far checkpoints — shuffled and split into random batches, give the
// same alerts (rule, subject, level) as in their natural order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { makeVin } from '../demo/demo-identity.ts';
import { Rng } from '../demo/demo-rng.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
  const r = await p.post('/api/v1/events', [
    { id: 'oi-cp-hh', type: 'ref.checkpoint', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.hohhot, data: { checkpointId: 'OI-HH', name: '呼市卡口', lat: 40.84, lng: 111.75 } },
    { id: 'oi-cp-bt', type: 'ref.checkpoint', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.baotou, data: { checkpointId: 'OI-BT', name: '包头卡口', lat: 40.65, lng: 109.84 } },
  ]);
  expect(r.json.accepted).toBe(2);
});
afterAll(async () => p?.close());

const at = (local: string) => `${local}+08:00`;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** one run's events; every subject carries the run number so runs do not meet */
function scenario(run: number) {
  const person = `OA${run}`;
  const record = `OAV${run}`;
  const device = `ODEV${run}`;
  const plate = `蒙A${LETTERS[run % 24]}${LETTERS[Math.floor(run / 24) % 24]}${String(100 + run).slice(-3)}`;
  const id = (s: string) => `oi${run}-${s}`;
  return {
    subjects: [person, record, device, plate],
    events: [
      { id: id('person'), type: 'ref.person', occurredAt: at('2026-11-01T08:00:00'), unit: UNITS.donghe, data: { personNo: person, name: '辅警', kind: 'auxiliary', unitCode: UNITS.donghe, roles: [], confidentialitySigned: true } },
      { id: id('biz'), type: 'vehicle.business', occurredAt: at('2026-11-06T10:00:00'), unit: UNITS.donghe, actor: person, data: { bizNo: id('biz'), bizType: 'deregister', plate: '蒙B54321', vin: makeVin(new Rng(run, 'oi'), run + 1), ownerIdNo: '11010519491231002X', windowId: 'W1' } },
      { id: id('rec'), type: 'av.recorded', occurredAt: at('2026-10-01T09:00:00'), unit: UNITS.huimin, data: { recordId: record, kind: 'exam', siteId: 'S1', durationSec: 600, subjectRef: 'E1', storageRef: 'nas://1' } },
      { id: id('del'), type: 'av.deleted', occurredAt: at('2026-11-05T09:00:00'), unit: UNITS.huimin, data: { recordId: record } },
      { id: id('off'), type: 'device.status', occurredAt: at('2026-11-08T09:00:00'), unit: UNITS.xincheng, data: { deviceId: device, status: 'offline' } },
      { id: id('on'), type: 'device.status', occurredAt: at('2026-11-08T09:20:00'), unit: UNITS.xincheng, data: { deviceId: device, status: 'online' } },
      { id: id('p1'), type: 'checkpoint.pass', occurredAt: at('2026-11-09T10:00:00'), unit: UNITS.hohhot, data: { checkpointId: 'OI-HH', plate, plateColor: 'blue', lane: 1, speedKmh: 80 } },
      { id: id('p2'), type: 'checkpoint.pass', occurredAt: at('2026-11-09T10:20:00'), unit: UNITS.baotou, data: { checkpointId: 'OI-BT', plate, plateColor: 'blue', lane: 1, speedKmh: 80 } },
    ],
  };
}

async function alertsAbout(subjects: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of subjects) {
    const r = await p.get(`/api/v1/alerts?subjectId=${encodeURIComponent(s)}&limit=100`);
    for (const a of r.json.items as Array<{ rule: string; level: string }>) out.push(`${a.rule}:${a.level}:${subjects.indexOf(s)}`);
  }
  return out.sort();
}

describe('order independence across families', () => {
  it('gives the same alerts whatever the order and batching, reference data included', async () => {
    const first = scenario(0);
    const r = await p.post('/api/v1/events', first.events);
    expect(r.json.accepted).toBe(first.events.length);
    const expected = await alertsAbout(first.subjects);
    expect(expected).toEqual(['AV_EARLY_DELETE:red:1', 'BIZ_AUXILIARY_ACTING:orange:0', 'CKPT_CLONED_PLATE:orange:3', 'DEV_OFFLINE:yellow:2'].sort());
    let run = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }), async (keys, sizes) => {
        const s = scenario(run++);
        const events = s.events
          .map((e, i) => ({ e, k: keys[i] }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.e);
        for (let i = 0, b = 0; i < events.length; b++) {
          const size = sizes[b % sizes.length];
          const res = await p.post('/api/v1/events', events.slice(i, i + size));
          expect(res.json.rejected).toEqual([]);
          i += size;
        }
        expect(await alertsAbout(s.subjects)).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });
});
