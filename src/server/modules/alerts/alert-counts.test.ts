// The board's totals come from counts a trigger keeps beside the alerts; whatever happens to the alerts
// (opened, re-levelled, moved along the loop, reassigned, removed), every total equals a plain count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../platform/db/client.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

const units = [UNITS.xincheng, UNITS.huimin, UNITS.donghe, UNITS.hohhot];
const levels = ['blue', 'yellow', 'orange', 'red'];

async function exact(where: string): Promise<number> {
  const r = await p.database.db.execute<{ n: string }>(sql.raw(`select count(*)::text as n from alerts where ${where}`));
  return Number(r.rows[0].n);
}

async function total(query: string): Promise<number> {
  const r = await p.get(`/api/v1/alerts?limit=1${query ? `&${query}` : ''}`);
  expect(r.status).toBe(200);
  return r.json.total;
}

describe('alert totals', () => {
  it('equal a plain count of the alerts after every kind of change', async () => {
    await inTransaction(p.database, (tx) =>
      p.alerts.recordFindings(
        tx,
        Array.from({ length: 40 }, (_, i) => ({
          rule: i % 3 === 0 ? 'BIZ_OFF_HOURS' : 'SEC_QUERY_VOLUME',
          subjectKind: 'staff',
          subjectId: `S${i}`,
          level: levels[i % 4] as 'red',
          unitCode: units[i % units.length],
          title: `测试${i}`,
          figures: {},
          eventIds: [],
          paramVersion: 1,
        })),
        p.clock.now(),
      ),
    );
    const check = async () => {
      expect(await total('')).toBe(await exact('true'));
      expect(await total('level=red,orange')).toBe(await exact(`level in ('red','orange')`));
      expect(await total('rule=BIZ_OFF_HOURS')).toBe(await exact(`rule = 'BIZ_OFF_HOURS'`));
      expect(await total(`unit=${UNITS.hohhot}`)).toBe(await exact(`unit_code in ('${UNITS.xincheng}','${UNITS.huimin}','${UNITS.hohhot}')`));
      expect(await total(`status=closed&unit=${UNITS.baotou}`)).toBe(await exact(`status = 'closed' and unit_code = '${UNITS.donghe}'`));
      expect(await total('status=new&level=blue')).toBe(await exact(`status = 'new' and level = 'blue'`));
    };
    await check();
    expect(await total('')).toBe(40);
    // re-levelled, moved on, reassigned, closed — and one removed outright
    await p.database.db.execute(sql`update alerts set level = 'red' where subject_id in ('S1', 'S2', 'S5')`);
    await p.database.db.execute(sql`update alerts set status = 'verifying' where subject_id in ('S3', 'S4')`);
    await p.database.db.execute(sql`update alerts set unit_code = ${UNITS.donghe} where subject_id = 'S6'`);
    await p.database.db.execute(sql`update alerts set status = 'closed', closed_at = now() where subject_id in ('S7', 'S10')`);
    await p.database.db.execute(sql`update alerts set title = '只改标题' where subject_id = 'S8'`);
    await check();
    // overdue: open past its deadline, or closed after it
    const now = p.clock.now().toISOString();
    await p.database.db.execute(sql`update alerts set due_at = ${now}::timestamptz - interval '1 hour' where subject_id in ('S11', 'S12', 'S13')`);
    await p.database.db.execute(sql`update alerts set due_at = closed_at - interval '1 hour' where subject_id = 'S10'`);
    const overdueWhere = (extra: string) =>
      exact(`((status <> 'closed' and due_at < '${now}') or (status = 'closed' and closed_at > due_at))${extra}`);
    expect(await total('overdue=true')).toBe(await overdueWhere(''));
    expect(await total('overdue=true')).toBeGreaterThanOrEqual(4);
    expect(await total(`overdue=true&unit=${UNITS.hohhot}&level=red,blue`)).toBe(
      await overdueWhere(` and unit_code in ('${UNITS.xincheng}','${UNITS.huimin}','${UNITS.hohhot}') and level in ('red','blue')`),
    );
    // closed on time, then its deadline moved before the closing: late from then on
    await p.database.db.execute(sql`update alerts set due_at = now() + interval '1 day' where subject_id = 'S14'`);
    await p.database.db.execute(sql`update alerts set status = 'closed', closed_at = now() where subject_id = 'S14'`);
    const before = await total('overdue=true');
    expect(before).toBe(await overdueWhere(''));
    await p.database.db.execute(sql`update alerts set due_at = closed_at - interval '1 hour' where subject_id = 'S14'`);
    expect(await total('overdue=true')).toBe(before + 1);
    expect(await total('overdue=true')).toBe(await overdueWhere(''));
    expect(await total('status=closed')).toBe(3);
    expect(await total('status=verifying')).toBe(2);
  });
});
