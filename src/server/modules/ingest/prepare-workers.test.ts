// A large NDJSON body is prepared on worker threads (and, on PostgreSQL, stored from the COPY rows they
// write); a small one, or any with BIHUAN_INGEST_WORKERS=0, on the main thread. Both must store the same
// events, answer the same summary and keep the same dead letters, whatever the body holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { checkpointPass, testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { LinesView, prepareLines } from './prepare-lines.ts';
import { linesOf } from './ndjson.ts';
import { preparePool } from './prepare-pool.ts';

let workers: TestPlatform;
let inline: TestPlatform;
beforeAll(async () => {
  [workers, inline] = await Promise.all([testPlatform(), testPlatform({ env: { BIHUAN_INGEST_WORKERS: '0' } })]);
});
afterAll(async () => Promise.all([workers?.close(), inline?.close()]));

const NEW_UNIT = '150102990000';
const LATE_UNIT = '150102980000';

/** a pass with these data fields (and envelope fields) */
const pass = (id: string, data: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => checkpointPass(id, over, data);

/** 2.4 MB in three blocks: every kind of line the ingest path treats differently, in each block */
function body(): Buffer {
  const parts: Buffer[] = [];
  const line = (s: string, end = '\n') => parts.push(Buffer.from(s + end));
  line(JSON.stringify({ id: 'u-new', type: 'ref.unit', occurredAt: '2026-11-01T08:00:00+08:00', unit: NEW_UNIT, data: { code: NEW_UNIT, name: '新城区测试中队', level: 'squad', parentCode: UNITS.xincheng } }));
  // a unit unknown to the event before its definition, known to the one after it
  line(JSON.stringify(pass('w-early', {}, { unit: LATE_UNIT })));
  line(JSON.stringify({ id: 'w-unit', type: 'ref.unit', occurredAt: '2026-11-01T08:00:00+08:00', unit: LATE_UNIT, data: { code: LATE_UNIT, name: '新城区后设中队', level: 'squad', parentCode: UNITS.xincheng } }));
  line(JSON.stringify(pass('w-after', {}, { unit: LATE_UNIT })));
  for (let i = 0; i < 9000; i++) {
    const id = `w-${i}`;
    switch (i % 500) {
      case 1: // normalised: stored as validation wrote it
        line(JSON.stringify(pass(id, { plate: '蒙a1234x' })));
        break;
      case 2: // a backslash and a tab between tokens: COPY must escape them
        line(`{"id":"${id}",\t"type":"checkpoint.pass","occurredAt":"2026-11-10T08:00:00+08:00","unit":"${UNITS.xincheng}","data":{"checkpointId":"KK-\\"1\\"","plate":"蒙A12345","plateColor":"blue","lane":1,"speedKmh":62}}`);
        break;
      case 3: // CRLF and blank lines
        line(JSON.stringify(pass(id)), '\r\n\n   \n');
        break;
      case 4:
        line('{"id": "broken", ');
        break;
      case 5: // not UTF-8
        parts.push(Buffer.concat([Buffer.from('{"id":"bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
        break;
      case 6: // a field that fails the contract
        line(JSON.stringify(pass(id, { plate: 'XYZ' })));
        break;
      case 7: // repeated within its block
        line(JSON.stringify(pass(`w-${i - 4}`)));
        break;
      case 8: // repeated from the first block: a claim that finds the id taken
        line(JSON.stringify(pass(i > 4000 ? 'w-100' : id)));
        break;
      case 9: // a unit outside the caller's subtree, one no one knows, one defined earlier in the body
        line(JSON.stringify(pass(id, {}, { unit: UNITS.donghe })));
        line(JSON.stringify(pass(`${id}-x`, {}, { unit: '150199000000' })));
        line(JSON.stringify(pass(`${id}-n`, {}, { unit: NEW_UNIT })));
        break;
      default:
        line(JSON.stringify(pass(id, { speedKmh: i % 120, note: 'x'.repeat(i % 60) })));
    }
  }
  return Buffer.concat(parts);
}

/** what the body left behind; `source` says whether the row names the token that sent it */
async function stored(p: TestPlatform, token: { id: string }) {
  const source = `token:${token.id}`;
  const events = await p.database.db.execute(
    sql`select id, type, occurred_at::text as at, unit_code, actor, source = ${source} as source, body::text as body from events where id like 'w-%' or id = 'u-new' order by id`,
  );
  const dead = await p.database.db.execute(sql`select batch_index, event_id, event_type, error, raw, source = ${source} as source from dead_letters order by batch_index`);
  return { events: events.rows, dead: dead.rows };
}

describe('ingest on worker threads', () => {
  it('stores, answers and rejects exactly as the main thread does', async () => {
    const nd = body();
    expect(nd.length).toBeGreaterThan(2 * 1024 * 1024 + 1);
    const [tokenW, tokenI] = await Promise.all(
      [workers, inline].map(async (p) => (await p.post('/api/v1/tokens', { name: 'hohhot-ingest', unit: UNITS.hohhot, scopes: ['ingest'] })).json as { id: string; token: string }),
    );
    const before = preparePool().stats.onWorkers;
    const a = await workers.post('/api/v1/events', nd, { contentType: 'application/x-ndjson', token: tokenW.token });
    const b = await inline.post('/api/v1/events', nd, { contentType: 'application/x-ndjson', token: tokenI.token });
    expect(a.status).toBe(200);
    // three blocks went to the workers (the other platform has none)
    expect(preparePool().stats.onWorkers - before).toBe(3);
    expect(a.json).toEqual(b.json);
    // counted by hand: each of the 18 rounds of 502 lines has 5 rejected lines and one repeat, and the
    // last 10 rounds repeat an id of the first block; of the 4 lines before them, 3 are accepted
    expect(a.json.rejected.length).toBe(18 * 5 + 1);
    expect(a.json.rejected[0]).toMatchObject({ index: 1, id: 'w-early' });
    expect(a.json.duplicates).toBe(18 + 10);
    expect(a.json.accepted).toBe(3 + 18 * 496 - 10);
    const [sa, sb] = await Promise.all([stored(workers, tokenW), stored(inline, tokenI)]);
    expect(sa.events.length).toBe(a.json.accepted);
    expect(sa.dead.length).toBe(a.json.rejected.length);
    expect(sa.events.every((e) => e.source === true) && sa.dead.every((d) => d.source === true)).toBe(true);
    expect(sa).toEqual(sb);
    const one = (id: string) => sa.events.find((e) => e.id === id) as { body: string };
    expect(JSON.parse(one('w-1').body).data.plate).toBe('蒙A1234X');
    expect(JSON.parse(one('w-2').body).data.checkpointId).toBe('KK-"1"');
    // the same body again: every event a duplicate, nothing stored twice; only the event refused for its
    // unit, known now, goes in
    const again = await workers.post('/api/v1/events', nd, { contentType: 'application/x-ndjson', token: tokenW.token });
    expect(again.json.accepted).toBe(1);
    expect(again.json.duplicates).toBe(a.json.accepted + a.json.duplicates);
    expect((await stored(workers, tokenW)).events.map((e) => e.id as string).sort()).toEqual([...sa.events.map((e) => e.id as string), 'w-early'].sort());
  });
});

describe('prepareLines', () => {
  it('still finds a NUL or a lone surrogate written as an escape', () => {
    const lines = [JSON.stringify(pass('z-1', { note: 'a\u0000b' })), JSON.stringify(pass('z-2', { note: '\ud800' })), JSON.stringify(pass('z-3'))];
    expect(lines[0]).toContain('\\u0000');
    const r = prepareLines({ block: Buffer.from(lines.join('\n')), nowMs: Date.parse('2026-11-10T12:00:00+08:00'), seqs: null, receivedAt: 'x', source: 'y' });
    expect(new LinesView(r).id(0)).toBe('z-3');
    expect(new LinesView(r).count).toBe(1);
    expect(r.dead.map((d) => d.error)).toEqual([expect.stringMatching(/^data\.note: .*NUL/), expect.stringMatching(/^data\.note: .*surrogate/)]);
  });

  it('writes the COPY rows the repository would, each row where its offsets say', () => {
    const lines = [
      JSON.stringify(pass('c-1')),
      JSON.stringify(pass('c-2', { plate: '蒙a1234x' })),
      `{"id":"c-3","type":"checkpoint.pass","occurredAt":"2026-11-10T08:00:00+08:00","unit":"${UNITS.xincheng}","actor":"警员\\\\甲","data":{"checkpointId":"K\\\\1","plate":"蒙A12345","plateColor":"blue","lane":1,"speedKmh":62}}`,
      'not json',
      JSON.stringify(pass('c-4')),
    ];
    const block = Buffer.from(lines.join('\n'));
    const r = prepareLines({ block, nowMs: Date.parse('2026-11-10T12:00:00+08:00'), seqs: [11], receivedAt: '2026-11-10T04:00:00.000Z', source: 'token:t' });
    expect(r.lines).toBe(5);
    const v = new LinesView(r);
    const ids = Array.from({ length: v.count }, (_, k) => v.id(k));
    expect(ids).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(Array.from({ length: v.count }, (_, k) => [v.type(k), v.unit(k), v.occurredAt(k)])).toEqual(ids.map(() => ['checkpoint.pass', UNITS.xincheng, '2026-11-10T08:00:00+08:00']));
    expect([...r.seq]).toEqual([11, 12, 13, 15]);
    expect(r.dead.map((d) => d.pos)).toEqual([3]);
    const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    const rows = ids.map((id, k) => {
      const json = r.json[k] ?? linesOf(block, 0)[r.pos[k]].text!;
      return `${r.seq[k]}\t${id}\tcheckpoint.pass\t2026-11-10T08:00:00+08:00\t${UNITS.xincheng}\t${v.actor(k) === null ? '\\N' : esc(v.actor(k)!)}\t2026-11-10T04:00:00.000Z\ttoken:t\t${esc(json)}\n`;
    });
    const events = Buffer.from(r.copy!.events);
    expect(events.toString()).toBe(rows.join(''));
    rows.forEach((row, k) => expect(events.toString('utf8', r.copy!.eventOffsets[k], r.copy!.eventOffsets[k + 1])).toBe(row));
    expect(JSON.parse(r.json[1]!).data.plate).toBe('蒙A1234X');
    expect(Buffer.from(r.copy!.ids).toString()).toBe(ids.map((id, k) => `${id}\t2026-11-10T08:00:00+08:00\t${r.seq[k]}\n`).join(''));
  });
});
