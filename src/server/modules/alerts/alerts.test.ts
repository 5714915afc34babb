import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../server/platform/db/client.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import type { FindingInput } from './index.ts';

let p: TestPlatform;
const finding = (over: Partial<FindingInput> = {}): FindingInput => ({
  rule: 'ALC_BREATH_BLOOD_GAP',
  subjectKind: 'case',
  subjectId: 'JQ150102202611010042',
  level: 'orange',
  unitCode: UNITS.xincheng,
  title: '呼气196与血检62差值异常',
  figures: { breath: 196, blood: 62, hours: 1.4, lowestPossible: 153.9 },
  eventIds: ['e-breath'],
  paramVersion: 1,
  ...over,
});
const record = (fs: FindingInput[]) => inTransaction(p.database, (tx) => p.alerts.recordFindings(tx, fs, p.clock.now()));

async function tokenFor(unit: string) {
  return (await p.post('/api/v1/tokens', { name: `r-${unit}`, unit, scopes: ['read'] })).json.token as string;
}

beforeAll(async () => {
  p = await testPlatform();
  await p.post('/api/v1/events', [
    { id: 'e-breath', type: 'alcohol.breath_test', occurredAt: '2026-11-10T01:00:00+08:00', unit: UNITS.xincheng, actor: 'P150102017', data: { caseNo: 'JQ150102202611010042', deviceId: 'BR-1', valueMg100ml: 196, refused: false, source: 'device' } },
  ]);
});
afterAll(async () => p?.close());

describe('alerts', () => {
  it('opens one alert per rule and subject; a repeat finding adds evidence and follows the latest level', async () => {
    const first = await record([finding()]);
    expect(first.opened).toHaveLength(1);
    const again = await record([finding({ level: 'red', eventIds: ['e-blood'], figures: { breath: 196, blood: 62, hours: 1.4, lowestPossible: 153.9 } })]);
    expect(again.opened).toHaveLength(0);
    expect(again.updated[0].id).toBe(first.opened[0].id);
    expect(again.updated[0].level).toBe('red');
    expect(again.updated[0].eventIds).toEqual(['e-blood', 'e-breath']);
    const same = await record([finding({ level: 'red', eventIds: ['e-blood'] })]);
    expect(same.updated).toHaveLength(0);
  });

  it('lists within the caller\'s units with filters and a cursor', async () => {
    await record([
      finding({ rule: 'ALC_REFUSED_BREATH', subjectId: 'JQ-2', level: 'blue', title: '拒绝呼气式检测' }),
      finding({ rule: 'ALC_REFUSED_BREATH', subjectId: 'JQ-3', level: 'blue', unitCode: UNITS.donghe, title: '拒绝呼气式检测' }),
    ]);
    p.clock.advance(1000);
    await record([finding({ rule: 'CKPT_WATCHLIST_HIT', subjectKind: 'plate', subjectId: '蒙A12345', level: 'red', unitCode: UNITS.huimin, title: '布控车辆蒙A12345通过卡口' })]);
    const all = await p.get('/api/v1/alerts');
    expect(all.json.total).toBe(4);
    expect(all.json.items[0].rule).toBe('CKPT_WATCHLIST_HIT');
    const hohhot = await p.get(`/api/v1/alerts?unit=${UNITS.hohhot}&level=red`);
    expect(hohhot.json.items.map((a: { rule: string }) => a.rule).sort()).toEqual(['ALC_BREATH_BLOOD_GAP', 'CKPT_WATCHLIST_HIT']);
    const refused = await p.get('/api/v1/alerts?rule=ALC_REFUSED_BREATH&subjectKind=case');
    expect(refused.json.total).toBe(2);
    // paging: two pages of two, nothing lost or repeated
    const page1 = await p.get('/api/v1/alerts?limit=2');
    const page2 = await p.get(`/api/v1/alerts?limit=2&cursor=${page1.json.nextCursor}`);
    const ids = [...page1.json.items, ...page2.json.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(4);
    expect((await p.get('/api/v1/alerts?cursor=nonsense')).status).toBe(400);
    // a county sees its own alerts only; another city's county sees none of Hohhot's
    const xc = await p.get('/api/v1/alerts', { token: await tokenFor(UNITS.xincheng) });
    expect(xc.json.items.map((a: { unit: string }) => a.unit)).toEqual([UNITS.xincheng, UNITS.xincheng]);
    const dh = await p.get(`/api/v1/alerts?unit=${UNITS.xincheng}`, { token: await tokenFor(UNITS.donghe) });
    expect(dh.json).toMatchObject({ items: [], total: 0 });
  });

  it('shows one alert with its events and history, and hides it from other units', async () => {
    const list = await p.get('/api/v1/alerts?rule=ALC_BREATH_BLOOD_GAP');
    const id = list.json.items[0].id;
    const detail = await p.get(`/api/v1/alerts/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.evidence.figures).toMatchObject({ breath: 196, blood: 62 });
    expect(detail.json.events.map((e: { id: string }) => e.id)).toEqual(['e-breath']);
    expect(detail.json.history.map((h: { kind: string; level: string }) => [h.kind, h.level])).toEqual([
      ['finding', 'orange'],
      ['finding', 'red'],
    ]);
    expect((await p.get(`/api/v1/alerts/${id}`, { token: await tokenFor(UNITS.donghe) })).status).toBe(404);
    expect((await p.get('/api/v1/alerts/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('takes several findings on one subject in one batch as one: the last, with the evidence of all, in one history entry', async () => {
    const subjectId = 'JQ150102202611010077';
    const r = await record([
      finding({ subjectId, level: 'red', title: '第一段', eventIds: ['e-1', 'e-2'] }),
      finding({ subjectId, level: 'orange', title: '第二段', eventIds: ['e-2', 'e-3'] }),
    ]);
    expect(r.opened).toHaveLength(1);
    expect(r.updated).toHaveLength(0);
    expect(r.opened[0]).toMatchObject({ level: 'orange', title: '第二段', eventIds: ['e-1', 'e-2', 'e-3'] });
    const history = await inTransaction(p.database, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from alert_history where alert_id = ${r.opened[0].id}`));
    expect(history.rows[0].n).toBe(1);
  });
});
