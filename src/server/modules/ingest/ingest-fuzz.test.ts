// Hostile bodies get a 4xx or per-event rejections: never a 5xx, never a dead server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

const contentTypes = ['application/json', 'application/x-ndjson', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', ''];
const keys = fc.constantFrom('id', 'type', 'occurredAt', 'unit', 'actor', 'location', 'data', '__proto__', 'constructor', 'prototype', 'plate', 'idNo');
const eventTypes = fc.constantFrom('checkpoint.pass', 'alcohol.breath_test', 'ref.unit', 'system.query', 'vehicle.business', 'nope', '');

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

const hostileEvent = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
    type: eventTypes,
    occurredAt: fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())), fc.string()),
    unit: fc.oneof(fc.constant(UNITS.xincheng), fc.string({ maxLength: 14 })),
    data: fc.dictionary(keys, fc.jsonValue({ maxDepth: 4 })),
  },
  { requiredKeys: [] },
);

const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? ''),
  fc.array(hostileEvent, { maxLength: 20 }).map((a) => JSON.stringify(a)),
  fc.array(hostileEvent, { maxLength: 20 }).map((a) => a.map((e) => JSON.stringify(e)).join('\n')),
  fc.integer({ min: 1, max: 200_000 }).map((d) => nested(d, '[', ']')),
  fc.integer({ min: 1, max: 100_000 }).map((d) => `{"id":"deep","type":"checkpoint.pass","data":${nested(d, '{"a":', '}').replace(/\}$/, '1}')}}`),
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"id":"pp-1","type":"checkpoint.pass"}',
    '[{"constructor":{"prototype":{"polluted":true}}}]',
    '{"id":"nul","type":"checkpoint.pass","occurredAt":"2026-11-10T08:00:00+08:00","unit":"150102000000","data":{"checkpointId":"a\\u0000b","plate":"蒙A12345","plateColor":"blue","lane":1,"speedKmh":1}}',
    '{"id":"sur","type":"checkpoint.pass","occurredAt":"2026-11-10T08:00:00+08:00","unit":"150102000000","data":{"checkpointId":"\\ud800","plate":"蒙A12345","plateColor":"blue","lane":1,"speedKmh":1}}',
    '\xff\xfe{"id":1}',
    '',
    'null',
    '"\\u0000"',
    '\u0000',
    '\u0000\n{"id":"x\u0000"}\n\ud800',
  ),
);

describe('hostile bodies', () => {
  it('never get a 5xx and never pollute prototypes', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...contentTypes), async (body, contentType) => {
        const res = await p.app.inject({
          method: 'POST',
          url: '/api/v1/events',
          payload: body,
          headers: { authorization: 'Bearer test-admin-token-0123456789abcdefghijklmnop', ...(contentType ? { 'content-type': contentType } : {}) },
        });
        expect(res.statusCode, `${contentType} ${String(body).slice(0, 120)} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
    expect((await p.get('/api/v1/health')).json).toEqual({ status: 'ok' });
  });

  it('reject NUL characters and lone surrogates per event instead of failing the batch', async () => {
    const good = { id: 'fz-good', type: 'checkpoint.pass', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: { checkpointId: 'KK', plate: '蒙A12345', plateColor: 'blue', lane: 1, speedKmh: 50 } };
    const nul = { ...good, id: 'fz-nul', data: { ...good.data, checkpointId: 'a\u0000b' } };
    const sur = { ...good, id: 'fz-sur', data: { ...good.data, checkpointId: '\ud800' } };
    const r = await p.post('/api/v1/events', [nul, good, sur]);
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected.map((x: { index: number }) => x.index)).toEqual([0, 2]);
  });
});
