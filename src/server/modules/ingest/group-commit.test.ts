// Group commit: small posts that arrive together share one transaction, and each still gets its own
// answer, its own dead letters and its own audit leaf, only after that transaction has committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine } from '../../../../test/db.ts';
import { checkpointPass, testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
let county: { id: string; token: string };
beforeAll(async () => {
  p = await testPlatform();
  county = (await p.post('/api/v1/tokens', { name: 'xc-ingest', unit: UNITS.xincheng, scopes: ['ingest'] })).json;
  // the first of them commits on its own: posts that arrive while it commits join the next group
  p.ingest.groupWindowMs = 200;
});
afterAll(async () => p?.close());

const pass = checkpointPass;

describe(`group commit of single-event posts on ${engine}`, () => {
  it('commits concurrent small posts together and answers each with its own result', async () => {
    expect((await p.post('/api/v1/events', pass('gc-old'))).json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const before = p.ingest.groupStats;
    const auditBefore = Number((await p.database.db.execute<{ n: string }>(sql`select count(*)::text as n from audit_log`)).rows[0].n);
    const admin = {};
    const xc = { token: county.token };
    const posts: [unknown, object][] = [
      [pass('gc-1'), admin],
      [pass('gc-2'), xc],
      [pass('gc-old'), admin],
      [pass('gc-same'), admin],
      [pass('gc-same'), xc],
      [pass('gc-badplate', {}, { plate: '蒙AI2345' }), xc],
      [[pass('gc-3'), { id: 'gc-nothing' }, pass('gc-3')], admin],
      [pass('gc-foreign', { unit: UNITS.donghe }), xc],
      [pass('gc-4'), xc],
      [pass('gc-5'), admin],
    ];
    const answers = await Promise.all(posts.map(([body, o]) => p.post('/api/v1/events', body, o)));
    expect(answers.map((a) => a.status)).toEqual(posts.map(() => 200));
    const [a1, a2, aOld, aSame1, aSame2, aBad, aArr, aForeign, a4, a5] = answers.map((a) => a.json);
    for (const a of [a1, a2, a4, a5]) expect(a).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(aOld).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // one id posted twice at once: exactly one of the two posts gets it
    expect([aSame1.accepted, aSame2.accepted].sort()).toEqual([0, 1]);
    expect(aSame1.duplicates + aSame2.duplicates).toBe(1);
    expect(aBad.accepted).toBe(0);
    expect(aBad.rejected).toEqual([{ index: 0, id: 'gc-badplate', error: expect.stringMatching(/^data\.plate: /) }]);
    expect(aArr.accepted).toBe(1);
    expect(aArr.duplicates).toBe(1);
    expect(aArr.rejected.map((r: { index: number }) => r.index)).toEqual([1]);
    expect(aForeign).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'gc-foreign', error: expect.stringMatching(/^unit: .*管辖范围/) }] });

    // they were grouped: far fewer commits than requests
    const after = p.ingest.groupStats;
    expect(after.requests - before.requests).toBe(posts.length);
    expect(after.commits - before.commits).toBeLessThanOrEqual(2);
    expect((await p.get('/api/v1/metrics')).json.ingestGroups).toEqual(after);

    // each event is stored once, with the sender of the post that got it
    const rows = await p.database.db.execute<{ id: string; source: string }>(sql`select id, source from events where id like 'gc-%' order by id`);
    const bySource = Object.fromEntries(rows.rows.map((r) => [r.id, r.source]));
    expect(Object.keys(bySource).sort()).toEqual(['gc-1', 'gc-2', 'gc-3', 'gc-4', 'gc-5', 'gc-old', 'gc-same']);
    expect(bySource['gc-2']).toBe(`token:${county.id}`);
    expect(bySource['gc-1']).toBe(bySource['gc-5']);
    expect(bySource['gc-same']).toBe(aSame1.accepted ? bySource['gc-1'] : bySource['gc-2']);

    // each rejection is a dead letter of its own request's sender
    const dead = await p.database.db.execute<{ event_id: string; source: string; batch_index: number }>(
      sql`select event_id, source, batch_index from dead_letters where event_id in ('gc-badplate', 'gc-foreign') or raw like '%gc-nothing%' order by id`,
    );
    expect(dead.rows.map((d) => [d.event_id ?? 'gc-nothing', d.source === `token:${county.id}` ? 'xc' : 'admin', d.batch_index]).sort()).toEqual([
      ['gc-badplate', 'xc', 0],
      ['gc-foreign', 'xc', 0],
      ['gc-nothing', 'admin', 1],
    ]);

    // one audit leaf per request, each with its own counts
    const leaves = await p.database.db.execute<{ actor: string; detail: { accepted: number; duplicates: number; rejected: number } }>(
      sql`select actor, detail from audit_log where action = 'events.ingest' order by seq desc limit ${posts.length}`,
    );
    expect(leaves.rows.length).toBe(posts.length);
    expect(Number((await p.database.db.execute<{ n: string }>(sql`select count(*)::text as n from audit_log`)).rows[0].n) - auditBefore).toBe(posts.length);
    const tally = (rs: { actor: string; detail: { accepted: number; duplicates: number; rejected: number } }[]) =>
      rs.map((r) => `${r.actor === `token:${county.id}` ? 'xc' : 'admin'} ${r.detail.accepted}/${r.detail.duplicates}/${r.detail.rejected}`).sort();
    const expected = posts.map(([, o], i) => `${o === xc ? 'xc' : 'admin'} ${answers[i].json.accepted}/${answers[i].json.duplicates}/${answers[i].json.rejected.length}`).sort();
    expect(tally(leaves.rows)).toEqual(expected);
  });

  it('answers the others when one request of a group fails, and that one with an error', async () => {
    p.ingest.onCommitting(async (_tx, events) => {
      if (events.some((e) => e.id === 'gc-boom')) throw new Error('boom');
    });
    const answers = await Promise.all([pass('gc-6'), pass('gc-boom'), pass('gc-7')].map((b) => p.post('/api/v1/events', b)));
    expect(answers.map((a) => a.status)).toEqual([200, 500, 200]);
    expect(answers[0].json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(answers[2].json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const stored = await p.database.db.execute<{ id: string }>(sql`select id from event_ids where id in ('gc-6', 'gc-7', 'gc-boom') order by id`);
    expect(stored.rows.map((r) => r.id)).toEqual(['gc-6', 'gc-7']);
  });

  it('runs a commit again when the database aborted it as a deadlock, keeping nothing of the first try', async () => {
    let aborts = 1;
    p.ingest.onCommitting(async (tx, events) => {
      if (!events.some((e) => e.id === 'gc-deadlock-1')) return;
      await tx.execute(sql`insert into dead_letters (received_at, source, batch_index, error, raw) values (now(), 'test', 0, 'first try', 'gc-deadlock')`);
      if (aborts-- > 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    const nd = ['gc-deadlock-1', 'gc-deadlock-2'].map((id) => JSON.stringify(pass(id))).join('\n');
    const r = await p.post('/api/v1/events', nd, { contentType: 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const n = async (q: ReturnType<typeof sql>) => Number((await p.database.db.execute<{ n: string }>(q)).rows[0].n);
    expect(await n(sql`select count(*)::text as n from events where id like 'gc-deadlock-%'`)).toBe(2);
    // the first try's writes were rolled back: only the second try's remain
    expect(await n(sql`select count(*)::text as n from dead_letters where raw = 'gc-deadlock'`)).toBe(1);
    expect(await n(sql`select count(*)::text as n from audit_log where detail->'seqs' is not null and detail->>'accepted' = '2'`)).toBeGreaterThanOrEqual(1);
  });
});
