// Server push over a real HTTP connection: a notice arrives on the stream of the addressee's city, and
// shutting the server down ends open streams instead of waiting for them.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/client.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
let closed = false;

beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => {
  if (!closed) await p?.close();
});

describe('notification stream', () => {
  it('pushes a new red alert to a connected client of the unit above, and ends on shutdown', async () => {
    const token = (await p.post('/api/v1/tokens', { name: 'hh-stream', unit: UNITS.hohhot, scopes: ['read'] })).json.token;
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = p.app.server.address() as { port: number };
    let body = '';
    let ended = false;
    const got = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/notifications/stream', headers: { authorization: `Bearer ${token}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.includes('"kind":"alert.new"')) resolve();
        });
        res.on('end', () => {
          ended = true;
        });
      });
      req.on('error', reject);
    });
    // wait until the stream is subscribed, then open a red alert at 新城区
    for (let i = 0; i < 100 && p.alerts.hub.listeners === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(p.alerts.hub.listeners).toBe(1);
    await inTransaction(p.database, (tx) =>
      p.alerts.recordFindings(
        tx,
        [{ rule: 'CKPT_WATCHLIST_HIT', subjectKind: 'plate', subjectId: '蒙A77777', level: 'red', unitCode: UNITS.xincheng, title: '布控车辆蒙A77777通过卡口', figures: {}, eventIds: [], paramVersion: 1 }],
        p.clock.now(),
      ),
    );
    await got;
    const data = JSON.parse(/^data: (.*)$/m.exec(body)![1]);
    expect(data).toMatchObject({ kind: 'alert.new', unit: UNITS.xincheng, level: 'red', title: '布控车辆蒙A77777通过卡口' });
    const started = Date.now();
    await p.close();
    closed = true;
    expect(Date.now() - started).toBeLessThan(5000);
    for (let i = 0; i < 50 && !ended; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ended).toBe(true);
  }, 30_000);
});
