import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { inTransaction } from '../../platform/db/client.ts';

let p: TestPlatform;

const finding = (subjectId: string, unitCode: string, level: string, rule = 'ALC_REFUSED_BREATH') => ({
  rule,
  subjectKind: 'case',
  subjectId,
  level,
  unitCode,
  title: `测试 ${subjectId}`,
  figures: {},
  eventIds: [],
  paramVersion: 1,
});

async function tokenOf(unit: string): Promise<string> {
  const r = await p.post('/api/v1/tokens', { name: `read-${unit}`, unit, scopes: ['read'] });
  return r.json.token;
}

beforeAll(async () => {
  p = await testPlatform();
  // 新城 3 (one red overdue, one closed in 2 h on time, one closed late in 10 h), 回民 1 red, 东河 2 blue
  await inTransaction(p.database, (tx) =>
    p.alerts.recordFindings(
      tx,
      [
        finding('XC-1', UNITS.xincheng, 'red'),
        finding('XC-2', UNITS.xincheng, 'orange'),
        finding('XC-3', UNITS.xincheng, 'orange', 'ALC_NEAR_THRESHOLD'),
        finding('HM-1', UNITS.huimin, 'red'),
        finding('DH-1', UNITS.donghe, 'blue'),
        finding('DH-2', UNITS.donghe, 'blue'),
      ],
      new Date('2026-11-10T02:00:00Z'),
    ),
  );
  // the closed loop is not these tests' subject: set the states it would leave directly
  const set = (id: string, patch: ReturnType<typeof sql>) => p.database.db.execute(sql`update alerts set ${patch} where subject_id = ${id}`);
  // deadlines as these tests need them, whatever the deadline configuration gave at creation
  await p.database.db.execute(sql`update alerts set due_at = null`);
  await set('XC-1', sql`due_at = '2026-11-10T03:00:00Z'`);
  await set('XC-2', sql`status = 'closed', due_at = '2026-11-10T05:00:00Z', closed_at = '2026-11-10T04:00:00Z'`);
  await set('XC-3', sql`status = 'closed', due_at = '2026-11-10T05:00:00Z', closed_at = '2026-11-10T12:00:00Z'`);
  await set('DH-2', sql`created_at = '2026-11-11T17:00:00Z'`);
  p.clock.set(new Date('2026-11-12T00:00:00Z'));
});
afterAll(async () => p?.close());

describe('alert counts', () => {
  it('count by level, rule, status, overdue and the units one level below, for the whole province', async () => {
    const r = await p.get('/api/v1/reports/alert-counts');
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(6);
    expect(r.json.overdue).toBe(1);
    expect(r.json.byLevel).toEqual([
      { key: 'blue', n: 2 },
      { key: 'orange', n: 2 },
      { key: 'red', n: 2 },
    ]);
    expect(r.json.byRule).toEqual([
      { key: 'ALC_REFUSED_BREATH', n: 5 },
      { key: 'ALC_NEAR_THRESHOLD', n: 1 },
    ]);
    expect(r.json.byStatus).toEqual([
      { key: 'new', n: 4 },
      { key: 'closed', n: 2 },
    ]);
    expect(r.json.byUnit).toEqual([
      { unit: UNITS.province, name: '内蒙古自治区公安厅交通管理局', n: 0 },
      { unit: UNITS.hohhot, name: '呼和浩特市公安局交通管理支队', n: 4 },
      { unit: UNITS.baotou, name: '包头市公安局交通管理支队', n: 2 },
    ]);
  });

  it('apply the board filters', async () => {
    const r = await p.get(`/api/v1/reports/alert-counts?unit=${UNITS.hohhot}&level=red&overdue=true`);
    expect(r.json.total).toBe(1);
    expect(r.json.byUnit.find((u: { unit: string }) => u.unit === UNITS.xincheng).n).toBe(1);
  });

  it('show a county only its own alerts, and deny other units as unknown', async () => {
    const t = await tokenOf(UNITS.donghe);
    const own = await p.get('/api/v1/reports/alert-counts', { token: t });
    expect(own.json.total).toBe(2);
    expect(own.json.byUnit).toEqual([{ unit: UNITS.donghe, name: '东河区交警大队', n: 2 }]);
    expect((await p.get(`/api/v1/reports/alert-counts?unit=${UNITS.xincheng}`, { token: t })).status).toBe(404);
    expect((await p.get(`/api/v1/reports/unit-ranking?unit=${UNITS.hohhot}`, { token: t })).status).toBe(404);
    expect((await p.get(`/api/v1/reports/alert-trend?unit=${UNITS.province}`, { token: t })).status).toBe(404);
  });
});

describe('trend', () => {
  it('buckets by China Standard Time day', async () => {
    const r = await p.get('/api/v1/reports/alert-trend?bucket=day');
    // 2026-11-11T17:00Z is 2026-11-12 01:00 in Beijing
    expect(r.json.byLevel).toEqual([
      { bucket: '2026-11-10', key: 'blue', n: 1 },
      { bucket: '2026-11-10', key: 'orange', n: 2 },
      { bucket: '2026-11-10', key: 'red', n: 2 },
      { bucket: '2026-11-12', key: 'blue', n: 1 },
    ]);
    expect(r.json.byRule.filter((x: { key: string }) => x.key === 'ALC_NEAR_THRESHOLD')).toEqual([{ bucket: '2026-11-10', key: 'ALC_NEAR_THRESHOLD', n: 1 }]);
  });
});

describe('unit ranking', () => {
  it('scores the units below with closure rate, median time to close and overdue', async () => {
    const r = await p.get(`/api/v1/reports/unit-ranking?unit=${UNITS.hohhot}`);
    expect(r.status).toBe(200);
    const xc = r.json.items.find((u: { unit: string }) => u.unit === UNITS.xincheng);
    expect(xc).toMatchObject({ total: 3, closed: 2, overdue: 1, closedOnTime: 1, medianHoursToClose: 6, rank: 1, self: false });
    expect(xc.closureRate).toBeCloseTo(2 / 3);
    const hm = r.json.items.find((u: { unit: string }) => u.unit === UNITS.huimin);
    expect(hm).toMatchObject({ total: 1, closed: 0, rank: 2 });
    expect(r.json.items.at(-1)).toMatchObject({ unit: UNITS.hohhot, self: true, total: 0 });
    expect(r.json.overall).toMatchObject({ total: 4, closed: 2, medianHoursToClose: 6 });
  });
});
