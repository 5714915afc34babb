import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { residentIdCheckChar } from '../ingest/identity.ts';
import { verifyConsistency } from '../../platform/audit/merkle.ts';
import { chainRoot, stepLeafHash } from './custody-chain.ts';

let p: TestPlatform;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const idNo = (() => {
  const first17 = '15010219900101123';
  return first17 + residentIdCheckChar(first17);
})();

const ROOM = 'WZS-150102';
const CAM = 'SXT-WZS-150102';
const CUSTODIAN = 'P150102001';

function caseEvents(caseNo: string, prefix: string, o: { unit?: string; breath?: number; blood?: number; day?: string; tags?: string[]; lab?: string } = {}) {
  const unit = o.unit ?? UNITS.xincheng;
  const day = o.day ?? '2026-11-01';
  const next = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00+08:00`) + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const sampleNo = `XY${caseNo.slice(2)}`;
  const lab = o.lab ?? 'LAB-1';
  const loc = { lat: 40.8424, lng: 111.749 };
  const e = (suffix: string, type: string, at: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: `${prefix}-${suffix}`,
    type,
    occurredAt: at,
    unit,
    actor: 'P150102017',
    location: loc,
    data,
    ...extra,
  });
  return [
    e('open', 'alcohol.case_opened', `${day}T23:10:00+08:00`, { caseNo, driverIdNo: idNo, driverName: '张三', plate: '蒙A12345', tags: o.tags ?? ['suspected_official'] }),
    e('breath', 'alcohol.breath_test', `${day}T23:16:00+08:00`, { caseNo, deviceId: 'BA-1', valueMg100ml: o.breath ?? 196, refused: false, source: 'device' }),
    e('scene', 'alcohol.scene_evidence', `${day}T23:18:00+08:00`, { caseNo, fileSha256: sha(`${prefix}scene`), kind: 'photo' }),
    e('draw', 'alcohol.blood_drawn', `${next(day, 1)}T00:40:00+08:00`, { caseNo, sampleNo, sealNo: 'FT12345678', institution: '新城区医院', photoSha256: sha(`${prefix}draw`) }),
    e('stored', 'alcohol.sample_stored', `${next(day, 1)}T09:30:00+08:00`, { sampleNo, roomId: ROOM }, { actor: CUSTODIAN }),
    e('retrieved', 'alcohol.sample_retrieved', `${next(day, 1)}T10:00:00+08:00`, { sampleNo, roomId: ROOM, purpose: 'send_to_lab' }, { actor: CUSTODIAN }),
    e('sent', 'alcohol.sample_sent', `${next(day, 1)}T11:00:00+08:00`, { sampleNo, labId: lab, handoverPhotoSha256: sha(`${prefix}handover`) }),
    e('report', 'alcohol.lab_report', `${next(day, 2)}T14:00:00+08:00`, { caseNo, sampleNo, labId: lab, valueMg100ml: o.blood ?? 62, reportPhotoSha256: sha(`${prefix}report`) }, { actor: undefined }),
    e('closed', 'alcohol.case_closed', `${next(day, 3)}T10:00:00+08:00`, { caseNo, finding: (o.blood ?? 62) >= 80 ? 'drunk' : (o.blood ?? 62) >= 20 ? 'drink' : 'none' }),
  ];
}

const reference = [
  { id: 'lab-1-a', type: 'ref.lab', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.province, actor: 'P150000001', data: { labId: 'LAB-1', name: '某司法鉴定所', status: 'filed', internal: false } },
  { id: 'lab-1-b', type: 'ref.lab', occurredAt: '2026-11-08T08:00:00+08:00', unit: UNITS.province, actor: 'P150000001', data: { labId: 'LAB-1', name: '某司法鉴定所', status: 'suspended', internal: false, reason: '鉴定不规范' } },
  { id: 'lab-1-c', type: 'ref.lab', occurredAt: '2026-11-09T08:00:00+08:00', unit: UNITS.province, actor: 'P150000001', data: { labId: 'LAB-1', name: '某司法鉴定所', status: 'suspended', internal: false } },
  { id: 'lab-in', type: 'ref.lab', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.province, data: { labId: 'LAB-IN', name: '公安厅物证鉴定中心交管分中心', status: 'filed', internal: true } },
  { id: 'room-1', type: 'ref.evidence_room', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.xincheng, data: { roomId: ROOM, unitCode: UNITS.xincheng, openHours: '08:00-18:00', custodians: [CUSTODIAN] } },
  { id: 'room-2', type: 'ref.evidence_room', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.donghe, data: { roomId: 'WZS-150202', unitCode: UNITS.donghe, openHours: '08:00-18:00', custodians: [] } },
  { id: 'cam-1', type: 'ref.device', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: CAM, kind: 'camera', siteId: ROOM } },
  { id: 'cam-1-off', type: 'device.status', occurredAt: '2026-11-09T20:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: CAM, status: 'offline' } },
  { id: 'cam-1-on-old', type: 'device.status', occurredAt: '2026-11-09T19:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: CAM, status: 'online' } },
  { id: 'custodian', type: 'ref.person', occurredAt: '2026-10-01T08:00:00+08:00', unit: UNITS.xincheng, data: { personNo: CUSTODIAN, name: '李保管', kind: 'police', unitCode: UNITS.xincheng, roles: ['custodian'], confidentialitySigned: true } },
  { id: 'acc-1', type: 'alcohol.room_access', occurredAt: '2026-11-02T09:28:00+08:00', unit: UNITS.xincheng, actor: CUSTODIAN, data: { roomId: ROOM, action: 'enter' } },
  { id: 'acc-2', type: 'alcohol.room_access', occurredAt: '2026-11-02T09:35:00+08:00', unit: UNITS.xincheng, actor: CUSTODIAN, data: { roomId: ROOM, action: 'exit' } },
  { id: 'acc-3', type: 'alcohol.room_access', occurredAt: '2026-11-02T23:42:00+08:00', unit: UNITS.xincheng, actor: 'A150102009', data: { roomId: ROOM, action: 'enter' } },
];

const CASE_A = 'JQ150102202611010042';
const CASE_B = 'JQ150102202611010043';

async function post(events: unknown[]) {
  const r = await p.post('/api/v1/events', events);
  expect(r.status).toBe(200);
  expect(r.json.rejected).toEqual([]);
  return r.json;
}

async function token(unit: string, scopes: string[]) {
  const r = await p.post('/api/v1/tokens', { name: `t-${unit}-${scopes.join('')}`, unit, scopes });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

/** an RFC 6962 / RFC 9162 §2.1.3.2 verifier written out independently of the platform's merkle.ts */
function rfc6962Verify(leafIndex: number, treeSize: number, leafHash: Buffer, proof: Buffer[], root: Buffer): boolean {
  const node = (l: Buffer, r: Buffer) => createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest();
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = node(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

beforeAll(async () => {
  p = await testPlatform();
  await post(reference);
  // case A in the order things happened
  await post(caseEvents(CASE_A, 'a'));
  // case B: the same story arriving backwards and in pieces — the report and the sample's storage before
  // the draw, the opening last
  const b = caseEvents(CASE_B, 'b');
  await post([b[7], b[4]]);
  await post([b[8], b[6], b[5]]);
  await post([b[3], b[2], b[1]]);
  await post([b[0]]);
});
afterAll(async () => p?.close());

describe('an alcohol case', () => {
  it('is assembled from its events whatever order they arrive in', async () => {
    const a = await p.get(`/api/v1/alcohol/cases/${CASE_A}`);
    const b = await p.get(`/api/v1/alcohol/cases/${CASE_B}`);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const types = [
      'alcohol.case_opened', 'alcohol.breath_test', 'alcohol.scene_evidence', 'alcohol.blood_drawn', 'alcohol.sample_stored',
      'alcohol.sample_retrieved', 'alcohol.sample_sent', 'alcohol.lab_report', 'alcohol.case_closed',
    ];
    for (const c of [a.json, b.json]) {
      expect(c.steps.map((s: { type: string }) => s.type)).toEqual(types);
      expect(c).toMatchObject({
        unit: UNITS.xincheng,
        unitName: '新城区交警大队',
        status: 'closed',
        finding: 'drink',
        driver: { name: '张三', idNo, plate: '蒙A12345' },
        tags: ['suspected_official'],
        breath: { value: 196, refused: false, source: 'device', deviceId: 'BA-1' },
        blood: { value: 62, labId: 'LAB-1', labName: '某司法鉴定所' },
      });
      // rules.md: 1.4 h from breath to draw, lowest possible 196 − 25·1.4 = 161, tolerance 15 % of 196
      expect(c.comparison).toMatchObject({ breath: 196, blood: 62, hours: 1.4, lowestPossible: 161, tolerance: 29.4, lowLimit: 131.6, verdict: 'too_low', crossesDrunkLine: true, ratio: 0.316 });
      expect(c.samples).toEqual([expect.objectContaining({ label: 'A', status: 'reported', labId: 'LAB-1', sealNo: 'FT12345678', overdue: false })]);
      expect(c.steps[2].files).toEqual([{ field: 'fileSha256', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), kind: 'photo' }]);
      expect(c.steps[4]).toMatchObject({ actor: CUSTODIAN, actorName: '李保管', sampleNo: `XY${c.caseNo.slice(2)}` });
      expect(c.chain).toMatchObject({ size: 9, verified: true, problems: [] });
      // detection's alerts on the case are part of it (the key-person tag raises the gap alert, red stays red)
      expect(c.alerts.map((x: { rule: string }) => x.rule)).toEqual(expect.arrayContaining(['ALC_BREATH_BLOOD_GAP', 'ALC_KEY_PERSON']));
    }
    // the chain is in the order received: B's report came first
    expect(b.json.steps.find((s: { type: string }) => s.type === 'alcohol.lab_report').leafIndex).toBe(0);
    expect(a.json.steps.map((s: { leafIndex: number }) => s.leafIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(a.json.chain.root).not.toBe(b.json.chain.root);
  });

  it('each step has an inclusion proof that a standard RFC 6962 verifier accepts', async () => {
    const c = (await p.get(`/api/v1/alcohol/cases/${CASE_B}`)).json;
    for (let i = 0; i < c.chain.size; i++) {
      const r = await p.get(`/api/v1/alcohol/cases/${CASE_B}/proof?step=${i}`);
      expect(r.status).toBe(200);
      const pr = r.json;
      expect(pr).toMatchObject({ caseNo: CASE_B, leafIndex: i, treeSize: 9, root: c.chain.root });
      // the leaf hash is SHA-256(0x00 ‖ the step's canonical JSON), recomputable by anyone
      const leaf = createHash('sha256').update(Buffer.from([0])).update(pr.leafData).digest();
      expect(leaf.toString('base64')).toBe(pr.leafHash);
      const step = c.steps.find((s: { leafIndex: number }) => s.leafIndex === i);
      expect(JSON.parse(pr.leafData)).toMatchObject({ caseNo: CASE_B, leafIndex: i, eventId: step.eventId, type: step.type, data: step.data });
      const proof = pr.proof.map((x: string) => Buffer.from(x, 'base64'));
      expect(rfc6962Verify(i, pr.treeSize, leaf, proof, Buffer.from(pr.root, 'base64'))).toBe(true);
      // and not for another position or a changed leaf
      expect(rfc6962Verify((i + 1) % 9, pr.treeSize, leaf, proof, Buffer.from(pr.root, 'base64'))).toBe(false);
    }
    expect((await p.get(`/api/v1/alcohol/cases/${CASE_B}/proof?step=9`)).status).toBe(400);
  });

  it('is listed and filtered within the caller’s units, and is not found outside them', async () => {
    const all = await p.get('/api/v1/alcohol/cases');
    expect(all.json.total).toBe(2);
    expect(all.json.items[0]).toMatchObject({ caseNo: CASE_B, status: 'closed', finding: 'drink', breath: 196, blood: 62, alertLevel: 'red', steps: 9 });
    const paged = await p.get('/api/v1/alcohol/cases?limit=1');
    expect(paged.json.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([CASE_B]);
    const next = await p.get(`/api/v1/alcohol/cases?limit=1&cursor=${paged.json.nextCursor}`);
    expect(next.json.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([CASE_A]);
    expect((await p.get('/api/v1/alcohol/cases?level=red')).json.total).toBe(2);
    expect((await p.get('/api/v1/alcohol/cases?level=none')).json.total).toBe(0);
    expect((await p.get('/api/v1/alcohol/cases?finding=drunk')).json.total).toBe(0);
    expect((await p.get('/api/v1/alcohol/cases?tag=suspected_official&finding=drink')).json.total).toBe(2);
    expect((await p.get(`/api/v1/alcohol/cases?q=${CASE_A}`)).json.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([CASE_A]);
    expect((await p.get(`/api/v1/alcohol/cases?unit=${UNITS.huimin}`)).json.total).toBe(0);
    expect((await p.get('/api/v1/alcohol/cases?from=2026-11-02T00:00:00%2B08:00')).json.total).toBe(0);

    const neighbour = await token(UNITS.huimin, ['read']);
    expect((await p.get('/api/v1/alcohol/cases', { token: neighbour })).json.total).toBe(0);
    expect((await p.get(`/api/v1/alcohol/cases/${CASE_A}`, { token: neighbour })).status).toBe(404);
    expect((await p.get(`/api/v1/alcohol/cases/${CASE_A}/proof?step=0`, { token: neighbour })).status).toBe(404);
    const city = await token(UNITS.hohhot, ['read']);
    expect((await p.get(`/api/v1/alcohol/cases/${CASE_A}`, { token: city })).status).toBe(200);
  });
});

describe('the custody chain', () => {
  it('refuses an UPDATE of a stored step', async () => {
    await expect(p.database.pool.query(`update alcohol_case_steps set data = data where case_no = $1`, [CASE_A])).rejects.toThrow(/append-only/);
  });

  it('turns unverified and opens a red ALC_CHAIN_TAMPERED alert when a step is altered behind the platform’s back', async () => {
    const { pool } = p.database;
    await pool.query('alter table alcohol_case_steps disable trigger alcohol_case_steps_no_update');
    await pool.query(`update alcohol_case_steps set data = jsonb_set(data, '{valueMg100ml}', '85') where case_no = $1 and type = 'alcohol.lab_report'`, [CASE_A]);
    await pool.query('alter table alcohol_case_steps enable trigger alcohol_case_steps_no_update');
    const sweepFirst = await p.post('/api/v1/alcohol/chains/verify', {});
    expect(sweepFirst.json).toEqual({ checked: 2, tampered: [CASE_A] });
    expect((await p.post('/api/v1/alcohol/chains/verify', {}, { token: await token(UNITS.xincheng, ['read', 'act']) })).status).toBe(403);
    const c = (await p.get(`/api/v1/alcohol/cases/${CASE_A}`)).json;
    expect(c.chain.verified).toBe(false);
    expect(c.chain.problems.map((x: { leafIndex?: number }) => x.leafIndex)).toContain(7);
    const tampered = c.alerts.filter((a: { rule: string }) => a.rule === 'ALC_CHAIN_TAMPERED');
    expect(tampered).toHaveLength(1);
    expect(tampered[0]).toMatchObject({ level: 'red', unit: UNITS.xincheng, subject: { kind: 'case', id: CASE_A }, evidence: { eventIds: ['a-report'] } });
    // the read and a second sweep add nothing: one alert, one finding in its history
    await p.alcohol.verifyChains(p.clock.now());
    const listed = await p.get(`/api/v1/alerts?subjectKind=case&subjectId=${CASE_A}&rule=ALC_CHAIN_TAMPERED`);
    expect(listed.json.total).toBe(1);
    const detail = await p.get(`/api/v1/alerts/${tampered[0].id}`);
    expect(detail.json.history.filter((h: { kind: string }) => h.kind === 'finding')).toHaveLength(1);
    // the other case is untouched
    expect((await p.get(`/api/v1/alcohol/cases/${CASE_B}`)).json.chain.verified).toBe(true);
  });

  it('catches a whole case rewritten (steps and root together) through the root in the audit log and its consistency proof', async () => {
    const { pool } = p.database;
    // a root of the audit log published before the rewrite (e.g. in last night's bulletin)
    const published = (await p.get('/api/v1/audit/root')).json as { size: number; root: string };
    const rows = (await pool.query(`select * from alcohol_case_steps where case_no = $1 order by leaf_index`, [CASE_B])).rows;
    await pool.query('alter table alcohol_case_steps disable trigger alcohol_case_steps_no_update');
    const hashes: Buffer[] = [];
    for (const r of rows) {
      const data = r.type === 'alcohol.lab_report' ? { ...r.data, valueMg100ml: 185 } : r.data;
      const h = stepLeafHash({ caseNo: r.case_no, leafIndex: r.leaf_index, eventId: r.event_id, type: r.type, occurredAt: r.occurred_at, unit: r.unit_code, actor: r.actor, location: r.location, data });
      hashes.push(h);
      await pool.query('update alcohol_case_steps set data = $1, leaf_hash = $2 where case_no = $3 and leaf_index = $4', [data, h, CASE_B, r.leaf_index]);
    }
    await pool.query('alter table alcohol_case_steps enable trigger alcohol_case_steps_no_update');
    const forgedRoot = chainRoot(hashes);
    await pool.query('update alcohol_case_chains set root = $1 where case_no = $2', [forgedRoot, CASE_B]);
    // every step matches its leaf and the leaves their root, but not the root the audit log recorded
    let c = (await p.get(`/api/v1/alcohol/cases/${CASE_B}`)).json;
    expect(c.chain.verified).toBe(false);
    expect(c.chain.problems.map((x: { problem: string }) => x.problem).join()).toMatch(/audit log/);
    expect(c.alerts.some((a: { rule: string }) => a.rule === 'ALC_CHAIN_TAMPERED')).toBe(true);

    // the forger rewrites the audit entry too, with its leaf hash and the stored subtrees above it
    const { rows: [head] } = await pool.query('select audit_seq from alcohol_case_chains where case_no = $1', [CASE_B]);
    const { rows: [entry] } = await pool.query('select * from audit_log where seq = $1', [head.audit_seq]);
    const detail = { ...entry.detail, cases: entry.detail.cases.map((x: { caseNo: string }) => (x.caseNo === CASE_B ? { ...x, root: forgedRoot.toString('base64') } : x)) };
    const { recomputeLeafHash } = await import('../../platform/audit/audit.service.ts');
    const { TreeBuilder } = await import('../../platform/audit/merkle.ts');
    const leafHash = recomputeLeafHash({ seq: Number(entry.seq), at: new Date(entry.at).toISOString(), actor: entry.actor, unitCode: entry.unit_code, ip: entry.ip, action: entry.action, detail });
    await pool.query('alter table audit_log disable trigger audit_log_no_update');
    await pool.query('alter table audit_nodes disable trigger audit_nodes_no_update');
    await pool.query('update audit_log set detail = $1, leaf_hash = $2 where seq = $3', [detail, leafHash, entry.seq]);
    const leaves = (await pool.query('select leaf_hash from audit_log order by seq')).rows.map((r) => r.leaf_hash as Buffer);
    const builder = new TreeBuilder();
    await pool.query('delete from audit_nodes');
    for (const l of leaves) for (const n of builder.push(l)) await pool.query('insert into audit_nodes (level, idx, hash) values ($1, $2, $3)', [n.level, n.index, n.hash]);
    await pool.query('alter table audit_log enable trigger audit_log_no_update');
    await pool.query('alter table audit_nodes enable trigger audit_nodes_no_update');

    // now the case verifies against the forged log …
    c = (await p.get(`/api/v1/alcohol/cases/${CASE_B}`)).json;
    expect(c.chain.verified).toBe(true);
    // … but the log is no longer an extension of the root published before: its consistency proof fails
    const now = (await p.get('/api/v1/audit/root')).json as { size: number; root: string };
    const cons = await p.get(`/api/v1/audit/proof/consistency?from=${published.size}&to=${now.size}`);
    expect(cons.status).toBe(200);
    const ok = verifyConsistency(published.size, now.size, Buffer.from(published.root, 'base64'), Buffer.from(now.root, 'base64'), cons.json.proof.map((x: string) => Buffer.from(x, 'base64')));
    expect(ok).toBe(false);
    // while an honest extension of the published root would have passed
    expect(cons.json.root1).not.toBe(published.root);
  });
});

describe('labs, rooms, the high-risk rate and re-test draws', () => {
  it('lists labs with every status change (reason, who, when) and statistics over the caller’s cases', async () => {
    const list = await p.get('/api/v1/alcohol/labs');
    expect(list.status).toBe(200);
    const lab = list.json.items.find((l: { labId: string }) => l.labId === 'LAB-1');
    expect(lab).toMatchObject({ name: '某司法鉴定所', status: 'suspended', internal: false, statusSince: new Date('2026-11-08T08:00:00+08:00').toISOString() });
    expect(lab.stats).toMatchObject({ cases: 2, reported: 2, withRatio: 2, meanTurnaroundHours: 27 });
    const one = await p.get('/api/v1/alcohol/labs/LAB-1');
    expect(one.json.statusHistory).toEqual([
      expect.objectContaining({ status: 'filed', previous: null, reason: null, actor: 'P150000001', eventId: 'lab-1-a' }),
      expect.objectContaining({ status: 'suspended', previous: 'filed', reason: '鉴定不规范', actor: 'P150000001', eventId: 'lab-1-b', at: new Date('2026-11-08T08:00:00+08:00').toISOString() }),
    ]);
    expect(one.json.recentCases).toHaveLength(2);
    expect(one.json.monthly).toEqual([expect.objectContaining({ month: '2026-11', cases: 2 })]);
    expect((await p.get('/api/v1/alcohol/labs/NOPE')).status).toBe(404);
    // a foreign county sees the lab, but none of these cases in its figures
    const foreign = await token(UNITS.donghe, ['read']);
    const theirs = (await p.get('/api/v1/alcohol/labs/LAB-1', { token: foreign })).json;
    expect(theirs.stats.cases).toBe(0);
    expect(theirs.recentCases).toEqual([]);
  });

  it('shows evidence rooms with their register, samples held, overdue samples and camera status', async () => {
    // a third case whose sample sits in the room, two days after the draw
    const c = caseEvents('JQ150102202611070001', 'c', { day: '2026-11-07' }).slice(0, 5);
    await post(c);
    const rooms = await p.get('/api/v1/alcohol/rooms');
    expect(rooms.json.items.map((r: { roomId: string }) => r.roomId)).toEqual([ROOM, 'WZS-150202']);
    expect(rooms.json.items[0]).toMatchObject({
      unit: UNITS.xincheng,
      inventory: 1,
      overdue: 1,
      custodians: [{ personNo: CUSTODIAN, name: '李保管' }],
      // the later report wins, whatever the arrival order
      cameras: [{ deviceId: CAM, status: 'offline', since: new Date('2026-11-09T20:00:00+08:00').toISOString() }],
    });
    const room = await p.get(`/api/v1/alcohol/rooms/${ROOM}`);
    expect(room.json.samples).toEqual([expect.objectContaining({ caseNo: 'JQ150102202611070001', label: 'A', status: 'stored', overdue: true })]);
    expect(room.json.overdueSamples).toHaveLength(1);
    const overdue = await p.get('/api/v1/alcohol/samples/overdue');
    expect(overdue.json.items).toEqual([expect.objectContaining({ caseNo: 'JQ150102202611070001', status: 'stored', roomId: ROOM, hoursSinceDraw: 59.3 })]);
    expect((await p.get(`/api/v1/alcohol/samples/overdue?unit=${UNITS.huimin}`)).json.items).toEqual([]);
    const night = room.json.register.find((e: { eventId: string }) => e.eventId === 'acc-3');
    expect(night).toMatchObject({ kind: 'enter', personNo: 'A150102009', custodian: false, withinOpenHours: false });
    const day = room.json.register.find((e: { eventId: string }) => e.eventId === 'acc-1');
    expect(day).toMatchObject({ kind: 'enter', custodian: true, withinOpenHours: true, personName: '李保管' });
    expect(room.json.register.filter((e: { kind: string }) => e.kind === 'sample_stored')).toHaveLength(3);
    const foreign = await token(UNITS.donghe, ['read']);
    expect((await p.get(`/api/v1/alcohol/rooms/${ROOM}`, { token: foreign })).status).toBe(404);
    expect((await p.get('/api/v1/alcohol/rooms', { token: foreign })).json.items.map((r: { roomId: string }) => r.roomId)).toEqual(['WZS-150202']);
  });

  it('computes the high-risk rate by unit and period, with the change against the previous period', async () => {
    // October: two cases, both high-risk (gap); November so far: three cases, two of them high-risk
    await post(caseEvents('JQ150102202610050001', 'o1', { day: '2026-10-05', tags: [] }));
    await post(caseEvents('JQ150103202610060001', 'o2', { day: '2026-10-06', tags: [], unit: UNITS.huimin }));
    const r = await p.get(`/api/v1/alcohol/high-risk?period=month&unit=${UNITS.hohhot}`);
    expect(r.status).toBe(200);
    expect(r.json.period.from).toBe(new Date('2026-11-01T00:00:00+08:00').toISOString());
    expect(r.json.previousPeriod.from).toBe(new Date('2026-10-01T00:00:00+08:00').toISOString());
    expect(r.json.current).toMatchObject({ cases: 3, highRisk: 2, red: 2, rate: 0.6667 });
    expect(r.json.previous).toMatchObject({ cases: 2, highRisk: 2, rate: 1 });
    expect(r.json.change).toEqual({ highRiskPct: 0, ratePoints: -33.3, ratePct: -33.3 });
    const xc = r.json.byUnit.find((u: { unit: string }) => u.unit === UNITS.xincheng);
    expect(xc.current).toMatchObject({ cases: 3, highRisk: 2 });
    expect(r.json.byUnit.find((u: { unit: string }) => u.unit === UNITS.huimin).previous).toMatchObject({ cases: 1, highRisk: 1 });
    expect(r.json.highRiskCases.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual([CASE_A, CASE_B]);
    expect(r.json.previousHighRiskCases.map((c: { caseNo: string }) => c.caseNo)).toEqual(['JQ150102202610050001', 'JQ150103202610060001']);
    const county = await token(UNITS.huimin, ['read']);
    expect((await p.get(`/api/v1/alcohol/high-risk?unit=${UNITS.xincheng}`, { token: county })).status).toBe(404);
    expect((await p.get('/api/v1/alcohol/high-risk?period=month', { token: county })).json.previous).toMatchObject({ cases: 1, highRisk: 1 });
  });

  it('draws high-risk cases for re-testing with a recorded seed that repeats the draw', async () => {
    const body = { from: '2026-10-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00', count: 2, labId: 'LAB-IN', seed: 20220630 };
    const d = await p.post('/api/v1/alcohol/retest-draws', body);
    expect(d.status).toBe(200);
    expect(d.json.population).toEqual([CASE_A, CASE_B, 'JQ150102202610050001', 'JQ150103202610060001'].sort());
    expect(d.json.selected).toHaveLength(2);
    expect(d.json).toMatchObject({ seed: 20220630, labId: 'LAB-IN', reproduced: true, levels: ['orange', 'red'] });
    const again = await p.post('/api/v1/alcohol/retest-draws', body);
    expect(again.json.selected).toEqual(d.json.selected);
    const other = await p.post('/api/v1/alcohol/retest-draws', { ...body, seed: 1 });
    expect(other.json.population).toEqual(d.json.population);
    const audit = await p.database.pool.query(`select detail from audit_log where action = 'alcohol.retest_draw' order by seq`);
    expect(audit.rows[0].detail).toMatchObject({ id: d.json.id, seed: 20220630, selected: d.json.selected, populationSha256: d.json.populationSha256 });
    // the internal lab's re-test appears on the draw once reported
    const target = d.json.selected[0];
    await post([{ id: 'retest-1', type: 'alcohol.lab_report', occurredAt: '2026-11-10T11:00:00+08:00', unit: target.slice(2, 8) === '150103' ? UNITS.huimin : UNITS.xincheng, data: { caseNo: target, sampleNo: `XY${target.slice(2)}`, labId: 'LAB-IN', valueMg100ml: 190, reportPhotoSha256: sha('retest') } }]);
    const got = await p.get(`/api/v1/alcohol/retest-draws/${d.json.id}`);
    expect(got.json.cases.find((c: { caseNo: string }) => c.caseNo === target).retest).toMatchObject({ value: 190 });
    expect((await p.get('/api/v1/alcohol/retest-draws')).json.items).toHaveLength(3);
    // only the root unit draws; a draw is not visible below it
    const city = await token(UNITS.hohhot, ['read', 'act']);
    expect((await p.post('/api/v1/alcohol/retest-draws', body, { token: city })).status).toBe(403);
    expect((await p.get(`/api/v1/alcohol/retest-draws/${d.json.id}`, { token: city })).status).toBe(404);
    expect((await p.post('/api/v1/alcohol/retest-draws', { ...body, labId: 'LAB-1' })).status).toBe(400);
    expect(ADMIN_TOKEN).toBeTruthy();
  });
});

describe('concurrent chunks', () => {
  it('links sample events to their case when the draw and the sample events arrive at the same time in different requests', async () => {
    const stories = Array.from({ length: 12 }, (_, i) => caseEvents(`JQ150102202611050${String(i).padStart(3, '0')}`, `race${i}`, { day: '2026-11-05', tags: [] }));
    // per case: the sample's storage, retrieval and hand-over in one request, the draw (and the rest) in another;
    // readers verify the chains all the while and must never see a step without its head
    const tamperedBefore = (await p.get('/api/v1/alerts?rule=ALC_CHAIN_TAMPERED')).json.total;
    const readers = Promise.all(
      stories.slice(0, 4).map(async (s) => {
        for (let i = 0; i < 6; i++) await p.get(`/api/v1/alcohol/cases/${s[0].data.caseNo}`);
      }),
    );
    await Promise.all([...stories.flatMap((s) => [post([s[4], s[5], s[6]]), post([...s.slice(0, 4), ...s.slice(7)])]), readers]);
    expect((await p.get('/api/v1/alerts?rule=ALC_CHAIN_TAMPERED')).json.total).toBe(tamperedBefore);
    for (const s of stories) {
      const c = (await p.get(`/api/v1/alcohol/cases/${s[0].data.caseNo}`)).json;
      expect(c.chain).toMatchObject({ size: 9, verified: true });
      expect(c.samples[0].status).toBe('reported');
    }
    const { rows } = await p.database.pool.query(`select count(*)::int as n from alcohol_pending_sample_events where sample_no like 'XY15010220261105%'`);
    expect(rows[0].n).toBe(0);
  });
});
