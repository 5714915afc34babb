// Deadlines, overdue and escalation with a held clock: a step is judged against the time it was done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../platform/db/client.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { ADMIN_TOKEN, testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { DEFAULT_DEADLINES, hoursFor, validateDeadlines } from './deadlines.ts';
import type { FindingInput } from './index.ts';

let p: TestPlatform;
let seq = 0;
const H = 3600_000;

const finding = (over: Partial<FindingInput> = {}): FindingInput => ({
  rule: 'ALC_REFUSED_BREATH',
  subjectKind: 'case',
  subjectId: `JQ-D-${++seq}`,
  level: 'orange',
  unitCode: UNITS.xincheng,
  title: '拒绝呼气式检测',
  figures: {},
  eventIds: [],
  paramVersion: 1,
  ...over,
});
const open = async (over: Partial<FindingInput> = {}) =>
  (await inTransaction(p.database, (tx) => p.alerts.recordFindings(tx, [finding(over)], p.clock.now()))).opened[0];

const caller = (unitCode: string, roles: string[]): Caller => ({
  kind: 'user',
  id: `u-${unitCode}`,
  name: `${roles[0]}-${unitCode}`,
  unitCode,
  unitPath: p.units.get(unitCode)!.path,
  scopes: new Set(['read', 'act']),
  roles,
  personNo: null,
  ip: '127.0.0.1',
});
const handler = () => caller(UNITS.xincheng, ['handler']);
const city = () => caller(UNITS.hohhot, ['supervisor']);
async function put(url: string, body: unknown, o: { token?: string } = {}) {
  const res = await p.app.inject({ method: 'PUT', url, payload: body as object, headers: { authorization: `Bearer ${o.token ?? ADMIN_TOKEN}` } });
  return { status: res.statusCode, json: res.json() };
}
const get = async (id: string) => (await p.get(`/api/v1/alerts/${id}`)).json;

beforeAll(async () => {
  p = await testPlatform();
  // people who receive notices at 新城区 and 呼和浩特; 回民区 has nobody
  await inTransaction(p.database, async (tx) => {
    for (const [username, unitCode, roles] of [
      ['xc_h', UNITS.xincheng, ['handler']],
      ['hh_s', UNITS.hohhot, ['supervisor']],
      ['nm_s', UNITS.province, ['supervisor']],
    ] as const) {
      await p.access.upsertUser(tx, { username, displayName: username, unitCode, roles: [...roles], password: 'pw-123456' }, { actor: 'test', at: p.clock.now() });
    }
  });
});
afterAll(async () => p?.close());

describe('deadline configuration', () => {
  it('defaults follow workflow.md; a rule may differ; bad hours are refused', () => {
    expect(['red', 'orange', 'yellow', 'blue'].map((l) => hoursFor(DEFAULT_DEADLINES, 'X', 'sign', l))).toEqual([1, 4, 24, 72]);
    expect(['red', 'orange', 'yellow', 'blue'].map((l) => hoursFor(DEFAULT_DEADLINES, 'X', 'verify', l))).toEqual([24, 72, 168, 360]);
    const cfg = validateDeadlines({ default: DEFAULT_DEADLINES.default, rules: { CKPT_WATCHLIST_HIT: { sign: { red: 0.5 } } } });
    expect(hoursFor(cfg, 'CKPT_WATCHLIST_HIT', 'sign', 'red')).toBe(0.5);
    expect(hoursFor(cfg, 'CKPT_WATCHLIST_HIT', 'sign', 'orange')).toBe(4);
    expect(() => validateDeadlines({ default: { ...DEFAULT_DEADLINES.default, sign: { red: -1, orange: 4, yellow: 24, blue: 72 } } })).toThrow(/config.default.sign.red/);
    expect(() => validateDeadlines({ default: { sign: DEFAULT_DEADLINES.default.sign } })).toThrow(/config.default.verify/);
  });

  it('is read by anyone, changed only by the root unit\'s administrator as a new audited version that new alerts follow', async () => {
    const cur = await p.get('/api/v1/deadlines');
    expect(cur.json).toMatchObject({ version: 1, config: { default: { sign: { red: 1 } } } });
    const dhAdmin = (await p.post('/api/v1/tokens', { name: 'dh-admin', unit: UNITS.donghe, scopes: ['read', 'admin'] })).json.token;
    const config = { default: DEFAULT_DEADLINES.default, rules: { CKPT_WATCHLIST_HIT: { sign: { red: 0.5 } } } };
    expect((await put('/api/v1/deadlines', { config, reason: '越权' }, { token: dhAdmin })).status).toBe(403);
    expect((await put('/api/v1/deadlines', { config: { default: {} }, reason: '缺项' })).status).toBe(400);
    const v2 = await put('/api/v1/deadlines', { config, reason: '布控车辆须半小时内签收' });
    expect(v2.status).toBe(200);
    expect(v2.json).toMatchObject({ version: 2, changedBy: 'token:admin-token', reason: '布控车辆须半小时内签收' });
    expect((await p.get('/api/v1/deadlines/versions')).json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const audit = (await p.get('/api/v1/audit/entries?limit=5')).json.items;
    expect(audit.some((e: { action: string; detail: { version?: number } }) => e.action === 'alerts.deadlines' && e.detail.version === 2)).toBe(true);
    const hit = await open({ rule: 'CKPT_WATCHLIST_HIT', subjectKind: 'plate', subjectId: '蒙A00009', level: 'red' });
    expect(new Date(hit.dueAt!).getTime() - new Date(hit.createdAt).getTime()).toBe(0.5 * H);
    const other = await open({ level: 'red' });
    expect(new Date(other.dueAt!).getTime() - new Date(other.createdAt).getTime()).toBe(1 * H);
  });
});

describe('alerts opened before deadlines existed', () => {
  it('get the sign deadline of their level from when they were opened, once', async () => {
    const a = await open({ level: 'red' });
    await inTransaction(p.database, (tx) => tx.execute(sql`update alerts set due_at = null, stage_started_at = null where id = ${a.id}`));
    expect((await get(a.id)).dueAt).toBeNull();
    await p.alerts.load();
    expect((await get(a.id)).dueAt).toBe(new Date(new Date(a.createdAt).getTime() + H).toISOString());
    await p.alerts.load();
    expect((await get(a.id)).dueAt).toBe(new Date(new Date(a.createdAt).getTime() + H).toISOString());
  });
});

describe('deadlines and escalation', () => {
  it('a step done on time stays on time, judged against when it was done', async () => {
    const t0 = p.clock.now().getTime();
    const a = await open({ level: 'red' });
    p.clock.advance(0.5 * H);
    const signed = await p.alerts.act(handler(), a.id, { action: 'sign' });
    expect(signed.dueAt).toBe(new Date(t0 + 0.5 * H + 24 * H).toISOString());
    p.clock.advance(2 * H); // past the 1 h sign deadline
    await p.alerts.sweep(p.clock.now());
    const d = await get(a.id);
    expect(d).toMatchObject({ overdue: false, missedDeadlines: 0, escalatedTo: null });
    expect(d.history.some((h: { kind: string }) => h.kind === 'overdue')).toBe(false);
    expect(d.history.find((h: { kind: string }) => h.kind === 'sign').detail).toMatchObject({ onTime: true, dueAt: new Date(t0 + H).toISOString() });
  });

  it('an alert closed on time stays on time; one closed late stays late', async () => {
    const a = await open({ level: 'yellow' });
    for (const step of [{ action: 'sign' }, { action: 'verify', finding: 'substantiated', account: '属实' }, { action: 'rectify', measures: '已整改', accountability: 'none' }, { action: 'submit' }] as const) {
      await p.alerts.act(handler(), a.id, step as never);
    }
    const closed = await p.alerts.act(city(), a.id, { action: 'approve' });
    expect(closed).toMatchObject({ status: 'closed', overdue: false });
    const late = await open({ level: 'yellow' });
    for (const step of [{ action: 'sign' }, { action: 'verify', finding: 'substantiated', account: '属实' }, { action: 'rectify', measures: '已整改', accountability: 'none' }, { action: 'submit' }] as const) {
      await p.alerts.act(handler(), late.id, step as never);
    }
    p.clock.advance(100 * H); // the 72 h review deadline passes
    const closedLate = await p.alerts.act(city(), late.id, { action: 'approve' });
    expect(closedLate.overdue).toBe(true);
    expect((await get(late.id)).history.at(-1)).toMatchObject({ kind: 'approve', detail: { onTime: false } });
    p.clock.advance(365 * 24 * H);
    await p.alerts.sweep(p.clock.now());
    expect((await get(a.id)).overdue).toBe(false);
    expect((await get(late.id)).overdue).toBe(true);
    const overdue = (await p.get('/api/v1/alerts?overdue=true&limit=1000')).json.items.map((x: { id: string }) => x.id);
    expect(overdue).toContain(late.id);
    expect(overdue).not.toContain(a.id);
  });

  it('a miss puts it on the board above; a supervision order sets its own deadline; a second miss goes one level further', async () => {
    const a = await open({ level: 'orange' });
    expect(new Date(a.dueAt!).toISOString()).toBe(new Date(p.clock.now().getTime() + 4 * H).toISOString());
    p.clock.advance(4 * H + 60_000);
    const first = await p.alerts.sweep(p.clock.now());
    expect(first).toMatchObject({ missed: 1, escalated: 1 });
    expect(await p.alerts.sweep(p.clock.now())).toEqual({ missed: 0, escalated: 0, ordersMissed: 0 }); // idempotent
    let d = await get(a.id);
    expect(d).toMatchObject({ overdue: true, missedDeadlines: 1, escalatedTo: UNITS.hohhot });
    const board = (await p.get(`/api/v1/alerts?escalatedTo=${UNITS.hohhot}&overdue=true`)).json.items.map((x: { id: string }) => x.id);
    expect(board).toContain(a.id);
    const notices = (await p.get('/api/v1/notifications?limit=20')).json.items.filter((n: { alertId: string }) => n.alertId === a.id);
    expect(notices.map((n: { kind: string; unit: string }) => [n.kind, n.unit]).sort()).toEqual([
      ['alert.new', UNITS.xincheng],
      ['escalated', UNITS.hohhot],
      ['overdue', UNITS.xincheng],
    ]);

    // the city orders it done within a day
    const due = new Date(p.clock.now().getTime() + 24 * H).toISOString();
    const s = await p.alerts.act(city(), a.id, { action: 'supervise', dueAt: due, note: '限一日内办结' });
    expect(s).toMatchObject({ supervised: true, dueAt: due, overdue: false });
    // signing under the order keeps the order's deadline
    p.clock.advance(H);
    expect((await p.alerts.act(handler(), a.id, { action: 'sign' })).dueAt).toBe(due);
    p.clock.advance(24 * H);
    const second = await p.alerts.sweep(p.clock.now());
    expect(second).toMatchObject({ missed: 1, escalated: 1, ordersMissed: 1 });
    d = await get(a.id);
    expect(d).toMatchObject({ overdue: true, missedDeadlines: 2, escalatedTo: UNITS.province, supervised: false });
    expect(d.supervisionOrders.map((o: { status: string; unit: string }) => [o.status, o.unit])).toEqual([['missed', UNITS.hohhot]]);
    expect(d.history.filter((h: { kind: string }) => h.kind === 'overdue')).toHaveLength(2);
    expect((await p.get(`/api/v1/alerts?escalatedTo=${UNITS.province}`)).json.items.map((x: { id: string }) => x.id)).toContain(a.id);
  });

  it('an order fulfilled in time is recorded as on time', async () => {
    const a = await open({ level: 'blue' });
    const due = new Date(p.clock.now().getTime() + 10 * H).toISOString();
    await p.alerts.act(city(), a.id, { action: 'supervise', dueAt: due, note: '从速核查' });
    await p.alerts.act(handler(), a.id, { action: 'sign' });
    p.clock.advance(2 * H);
    const proof = await p.files.put(handler(), Buffer.from('%PDF-1.4 核查记录'), 'application/pdf');
    const v = await p.alerts.act(handler(), a.id, { action: 'verify', finding: 'unsubstantiated', account: '经核查不属实', attachments: [proof.sha256] });
    expect(v).toMatchObject({ status: 'reviewing', supervised: false, overdue: false });
    const d = await get(a.id);
    expect(d.supervisionOrders[0]).toMatchObject({ status: 'fulfilled' });
    expect(d.history.at(-1).detail.order).toMatchObject({ status: 'fulfilled', onTime: true });
  });

  it('the scheduler runs the sweep as a minute job', async () => {
    expect(p.scheduler.list().find((j) => j.name === 'alerts.sweep')?.pattern).toBe('0 * * * * *');
    await open({ level: 'red' });
    p.clock.advance(2 * H);
    expect(await p.scheduler.runNow('alerts.sweep')).toMatchObject({ missed: 1 });
  });
});

describe('notifications', () => {
  it('new red/orange alerts are noticed to their unit; where nobody could receive one, the unit above is told', async () => {
    const xc = await open({ level: 'red' });
    const hm = await open({ level: 'orange', unitCode: UNITS.huimin });
    const blue = await open({ level: 'blue' });
    const items = (await p.get('/api/v1/notifications?limit=50')).json.items as { kind: string; unit: string; alertId: string; title: string }[];
    expect(items.filter((n) => n.alertId === xc.id).map((n) => [n.kind, n.unit])).toEqual([['alert.new', UNITS.xincheng]]);
    expect(items.filter((n) => n.alertId === hm.id).map((n) => [n.kind, n.unit]).sort()).toEqual([
      ['alert.new', UNITS.huimin],
      ['unreachable', UNITS.hohhot],
    ]);
    expect(items.find((n) => n.kind === 'unreachable' && n.alertId === hm.id)!.title).toMatch(/回民区交警大队无人可接收/);
    expect(items.some((n) => n.alertId === blue.id)).toBe(false);
  });

  it('are pushed to streams of the addressee\'s subtree only, and resume after the last event id', async () => {
    const got: { city: string[]; foreign: string[] } = { city: [], foreign: [] };
    const offCity = await p.alerts.hub.subscribe(p.units.get(UNITS.hohhot)!.path, null, (n) => got.city.push(`${n.kind}:${n.unit}`));
    const offForeign = await p.alerts.hub.subscribe(p.units.get(UNITS.baotou)!.path, null, (n) => got.foreign.push(n.kind));
    const a = await open({ level: 'orange' });
    await p.alerts.act(city(), a.id, { action: 'supervise', dueAt: new Date(p.clock.now().getTime() + H).toISOString(), note: '督办' });
    await p.alerts.hub.poll();
    expect(got.city).toEqual([`alert.new:${UNITS.xincheng}`, `supervision:${UNITS.xincheng}`]);
    expect(got.foreign).toEqual([]);
    offCity();
    offForeign();
    // over HTTP: the backlog after an id, as an EventSource reconnecting with Last-Event-ID
    const all = (await p.get('/api/v1/notifications?limit=3')).json.items;
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/notifications/stream?maxSeconds=0', headers: { authorization: `Bearer ${(await p.post('/api/v1/tokens', { name: 'hh-read', unit: UNITS.hohhot, scopes: ['read'] })).json.token}`, 'last-event-id': String(all[2].id - 1) } });
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    const ids = [...res.body.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([all[2].id, all[1].id, all[0].id]);
    expect(JSON.parse(/^data: (.*)$/m.exec(res.body)![1])).toMatchObject({ id: all[2].id });
  });

  it('the daily digest sums up one Asia/Shanghai day for the caller\'s units', async () => {
    const day = new Date(p.clock.now().getTime() + 8 * H).toISOString().slice(0, 10);
    const dg = await p.get(`/api/v1/digest?date=${day}`);
    expect(dg.status).toBe(200);
    expect(dg.json.from).toBe(new Date(`${day}T00:00:00+08:00`).toISOString());
    expect(dg.json.opened.total).toBeGreaterThan(0);
    const dh = (await p.post('/api/v1/tokens', { name: 'dh-read', unit: UNITS.donghe, scopes: ['read'] })).json.token;
    const foreign = await p.get(`/api/v1/digest?date=${day}`, { token: dh });
    expect(foreign.json).toMatchObject({ opened: { total: 0 }, closed: { total: 0 }, overdue: { total: 0 } });
    expect(foreign.json.notifications.items).toEqual([]);
    expect((await p.get('/api/v1/digest?date=2026-02-30')).status).toBe(400);
    expect((await p.get('/api/v1/digest?date=2026-11-1')).status).toBe(400);
  });
});
