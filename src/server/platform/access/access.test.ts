import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, UNITS, ADMIN_TOKEN, type TestPlatform } from '../../../../test/platform.ts';
import { inTransaction } from '../db/client.ts';

let p: TestPlatform;

async function addUser(username: string, unitCode: string | null, roles: string[], password = 'correct horse 1') {
  await inTransaction(p.database, (tx) => p.access.upsertUser(tx, { username, displayName: username, unitCode, roles, password }, { actor: 'test', at: new Date() }));
}

async function login(username: string, password = 'correct horse 1', ip = '10.0.0.1') {
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password }, headers: { 'x-forwarded-for': ip }, remoteAddress: ip });
  return res;
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = String(res.headers['set-cookie']);
  return set.split(';')[0];
}

async function token(unit: string, scopes: string[], name = `t-${unit}-${scopes.join('')}`): Promise<{ id: string; token: string }> {
  const r = await p.post('/api/v1/tokens', { name, unit, scopes });
  expect(r.status).toBe(200);
  return r.json;
}

beforeAll(async () => {
  p = await testPlatform();
  await addUser('xc_handler', UNITS.xincheng, ['handler']);
  await addUser('dh_admin', UNITS.donghe, ['admin']);
  await addUser('hh_admin', UNITS.hohhot, ['admin', 'supervisor']);
});
afterAll(async () => p?.close());

describe('people', () => {
  it('log in with a password and get an httpOnly SameSite session cookie', async () => {
    const res = await login('xc_handler');
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(res.json().user).toMatchObject({ username: 'xc_handler', unit: { code: UNITS.xincheng, level: 'county' }, roles: ['handler'] });
    const me = await p.get('/api/v1/session', { cookie: cookieOf(res) });
    expect(me.json.user.unit.name).toBe('新城区交警大队');
  });

  it('are refused with a wrong password or unknown name alike, and the attempt is audited', async () => {
    const a = await login('xc_handler', 'wrong', '10.0.0.2');
    const b = await login('nobody', 'wrong', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('are rate-limited after ten attempts a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login('xc_handler', 'wrong', '10.0.0.9')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
    // another person behind the same address is not locked out
    expect((await login('dh_admin', 'correct horse 1', '10.0.0.9')).statusCode).toBe(200);
  });

  it('log out, after which the cookie is worthless', async () => {
    const c = cookieOf(await login('xc_handler', 'correct horse 1', '10.0.0.3'));
    const out = await p.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: c } });
    expect(out.statusCode).toBe(204);
    expect((await p.get('/api/v1/session', { cookie: c })).status).toBe(401);
  });

  it('get scopes from their roles: a handler cannot administer', async () => {
    const c = cookieOf(await login('xc_handler', 'correct horse 1', '10.0.0.4'));
    expect((await p.get('/api/v1/tokens', { cookie: c })).status).toBe(403);
    expect((await p.get('/api/v1/units', { cookie: c })).json.items.map((u: { code: string }) => u.code)).toEqual([UNITS.xincheng]);
  });
});

describe('machines', () => {
  it('use bearer tokens stored hashed, bound to a unit and scopes, and revocable', async () => {
    const t = await token(UNITS.hohhot, ['read']);
    expect(t.token).toMatch(/^bh_/);
    const stored = await p.database.pool.query('select token_hash from api_tokens where id = $1', [t.id]);
    expect(stored.rows[0].token_hash).not.toContain(t.token);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const units = await p.get('/api/v1/units', { token: t.token });
    expect(units.json.items.map((u: { code: string }) => u.code)).toEqual([UNITS.hohhot, UNITS.xincheng, UNITS.huimin]);
    expect((await p.post('/api/v1/events', [], { token: t.token })).status).toBe(403);
    const del = await p.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${t.id}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(del.statusCode).toBe(204);
    expect((await p.get('/api/v1/units', { token: t.token })).status).toBe(401);
  });

  it('cannot be given scopes the creator lacks, nor units above it', async () => {
    const admin = await token(UNITS.hohhot, ['admin', 'read']);
    const more = await p.post('/api/v1/tokens', { name: 'x', unit: UNITS.xincheng, scopes: ['ingest'] }, { token: admin.token });
    expect(more.status).toBe(403);
    const above = await p.post('/api/v1/tokens', { name: 'x', unit: UNITS.province, scopes: ['read'] }, { token: admin.token });
    expect(above.status).toBe(403);
    const bad = await p.post('/api/v1/tokens', { name: 'x', unit: UNITS.xincheng, scopes: ['root'] }, { token: admin.token });
    expect(bad.status).toBe(400);
  });

  it('may report events only for their own subtree', async () => {
    const t = await token(UNITS.baotou, ['ingest']);
    const ev = (id: string, unit: string) => ({ id, type: 'device.status', occurredAt: '2026-11-10T08:00:00+08:00', unit, data: { deviceId: 'CAM-1', status: 'online' } });
    const r = await p.post('/api/v1/events', [ev('own-1', UNITS.donghe), ev('foreign-1', UNITS.xincheng)], { token: t.token });
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected).toEqual([{ index: 1, id: 'foreign-1', error: expect.stringMatching(/^unit: /) }]);
  });

  it('are refused without a valid bearer or cookie', async () => {
    expect((await p.get('/api/v1/units', { token: 'nope' })).status).toBe(401);
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});

describe('a foreign unit', () => {
  it('gets 403/404 or nothing of another unit on every endpoint', async () => {
    // xincheng's own things
    const own = await token(UNITS.xincheng, ['ingest', 'read']);
    await p.post('/api/v1/events', [{ id: 'xc-bad', type: 'nope', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: {} }], { token: own.token });
    // foreign: an administrator of 东河 (another city's county), as a person and as a machine
    const [alert] = (
      await inTransaction(p.database, (tx) =>
        p.alerts.recordFindings(
          tx,
          [{ rule: 'ALC_REFUSED_BREATH', subjectKind: 'case', subjectId: 'JQ-XC-1', level: 'blue', unitCode: UNITS.xincheng, title: '拒绝呼气式检测', figures: {}, eventIds: [], paramVersion: 1 }],
          new Date(),
        ),
      )
    ).opened;
    // a red alert of xincheng's (a notice for its unit) citing a file of xincheng's
    const xcAct = await token(UNITS.xincheng, ['read', 'act']);
    const xcFile = (await p.post('/api/v1/files', Buffer.from('%PDF-1.4 proof of xincheng'), { token: xcAct.token, contentType: 'application/pdf' })).json.sha256 as string;
    const [red] = (
      await inTransaction(p.database, (tx) =>
        p.alerts.recordFindings(
          tx,
          [{ rule: 'CKPT_WATCHLIST_HIT', subjectKind: 'plate', subjectId: '蒙A00001', level: 'red', unitCode: UNITS.xincheng, title: '布控车辆通过卡口', figures: {}, eventIds: [], paramVersion: 1 }],
          new Date(),
        ),
      )
    ).opened;
    await p.post(`/api/v1/alerts/${red.id}/actions`, { action: 'comment', text: '附现场照片', attachments: [xcFile] }, { token: xcAct.token });
    const foreignToken = (await token(UNITS.donghe, ['ingest', 'read', 'act', 'admin'])).token;
    const xcHandlerId = (await p.database.pool.query(`select id from users where username = 'xc_handler'`)).rows[0].id as string;
    const foreignCookie = cookieOf(await login('dh_admin', 'correct horse 1', '10.0.0.7'));
    // an alcohol case, an evidence room and a re-test draw of xincheng's
    await p.post('/api/v1/events', [
      { id: 'xc-lab', type: 'ref.lab', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.province, data: { labId: 'LAB-XC', name: '内部鉴定', status: 'filed', internal: true } },
      { id: 'xc-room', type: 'ref.evidence_room', occurredAt: '2026-11-01T08:00:00+08:00', unit: UNITS.xincheng, data: { roomId: 'WZS-XC', unitCode: UNITS.xincheng, openHours: '08:00-18:00', custodians: [] } },
      { id: 'xc-case', type: 'alcohol.case_opened', occurredAt: '2026-11-09T23:00:00+08:00', unit: UNITS.xincheng, data: { caseNo: 'JQ-XC-1', driverIdNo: '11010519491231002X', driverName: '王五', plate: '蒙A12345', tags: [] } },
    ]);
    const xcDraw = await p.post('/api/v1/alcohol/retest-draws', { from: '2026-11-01T00:00:00+08:00', to: '2026-11-10T00:00:00+08:00', count: 1, labId: 'LAB-XC', unit: UNITS.xincheng, seed: 7 });
    expect(xcDraw.status).toBe(200);
    const paths = (await p.get('/api/v1/openapi.json')).json.paths as Record<string, Record<string, unknown>>;
    const walked = new Set<string>();
    for (const cred of [{ token: foreignToken }, { cookie: foreignCookie }]) {
      const h = cred.token ? { authorization: `Bearer ${cred.token}` } : { cookie: cred.cookie! };
      const call = async (method: string, url: string, payload?: unknown) => {
        walked.add(`${method} ${url.split('?')[0].replace(own.id, '{id}').replace(alert.id, '{id}').replace(xcHandlerId, '{id}').replace('BIZ_OFF_HOURS/versions', '{code}/versions').replace('BIZ_OFF_HOURS/backtest', '{code}/backtest')}`);
        const res = await p.app.inject({ method: method as 'GET', url, headers: h, ...(payload !== undefined ? { payload: payload as object } : {}) });
        return { status: res.statusCode, json: res.body ? (String(res.headers['content-type']).includes('json') ? res.json() : res.body) : null };
      };
      // events for another unit are refused, and nothing of them is stored
      const ev = await call('POST', '/api/v1/events', { id: `xc-foreign-${cred.token ? 't' : 'c'}`, type: 'device.status', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: 'CAM-9', status: 'online' } });
      expect(ev.json.accepted).toBe(0);
      expect(ev.json.rejected[0].error).toMatch(/^unit: /);
      expect((await call('GET', '/api/v1/units')).json.items.map((u: { code: string }) => u.code)).toEqual([UNITS.donghe]);
      expect((await call('GET', '/api/v1/tokens')).json.items.some((t: { unit: string }) => t.unit === UNITS.xincheng)).toBe(false);
      expect((await call('POST', '/api/v1/tokens', { name: 'steal', unit: UNITS.xincheng, scopes: ['read'] })).status).toBe(403);
      expect((await call('DELETE', `/api/v1/tokens/${own.id}`)).status).toBe(404);
      expect((await call('GET', '/api/v1/dead-letters')).json.items.some((d: { sourceUnit: string }) => d.sourceUnit === UNITS.xincheng)).toBe(false);
      const entries = await call('GET', '/api/v1/audit/entries?limit=500');
      expect(entries.status).toBe(200);
      expect(entries.json.items.some((e: { unitCode: string | null }) => e.unitCode === UNITS.xincheng || e.unitCode === null)).toBe(false);
      // proofs and the root are hashes only; the session is the caller's own
      expect((await call('GET', '/api/v1/audit/root')).status).toBe(200);
      expect((await call('GET', '/api/v1/audit/proof/inclusion?index=0')).status).toBe(200);
      expect((await call('GET', '/api/v1/audit/proof/consistency?from=1&to=2')).status).toBe(200);
      expect((await call('GET', '/api/v1/session')).json.user.unit.code).toBe(UNITS.donghe);
      await call('GET', '/api/v1/health');
      expect((await call('GET', '/api/v1/metrics')).status).toBe(403);
      expect((await call('GET', '/api/v1/alerts')).json.items.some((a: { unit: string }) => a.unit === UNITS.xincheng)).toBe(false);
      expect((await call('GET', `/api/v1/alerts?unit=${UNITS.xincheng}`)).json.total).toBe(0);
      expect((await call('GET', `/api/v1/alerts/${alert.id}`)).status).toBe(404);
      // the closed loop: no step on another unit's alert, none of its files, notices or digest
      expect((await call('POST', `/api/v1/alerts/${alert.id}/actions`, { action: 'comment', text: '越权备注' })).status).toBe(404);
      expect((await call('GET', `/api/v1/files/${xcFile}`)).status).toBe(404);
      walked.add('GET /api/v1/files/{sha256}');
      expect((await call('POST', '/api/v1/files', { own: 'upload' })).status).toBe(200);
      expect((await call('GET', '/api/v1/notifications')).json.items.some((n: { unit: string }) => n.unit !== UNITS.donghe)).toBe(false);
      const stream = await call('GET', '/api/v1/notifications/stream?maxSeconds=0&lastEventId=0');
      expect(stream.status).toBe(200);
      expect(String(stream.json)).not.toContain(UNITS.xincheng);
      const digest = await call('GET', '/api/v1/digest?date=2026-11-10');
      expect(digest.json.opened.total).toBe(0);
      expect((await call('GET', `/api/v1/digest?date=2026-11-10&unit=${UNITS.xincheng}`)).json.opened.total).toBe(0);
      // deadlines are province-wide configuration: readable, changed only by the root unit
      expect((await call('GET', '/api/v1/deadlines')).status).toBe(200);
      expect((await call('GET', '/api/v1/deadlines/versions')).status).toBe(200);
      expect((await call('PUT', '/api/v1/deadlines', { config: (await call('GET', '/api/v1/deadlines')).json.config, reason: '越权修改' })).status).toBe(403);
      // the rule catalogue is province-wide configuration: readable, but only the root unit changes it
      expect((await call('GET', '/api/v1/rules')).status).toBe(200);
      expect((await call('GET', '/api/v1/rules/BIZ_OFF_HOURS/versions')).status).toBe(200);
      expect((await call('PUT', '/api/v1/rules', { code: 'BIZ_OFF_HOURS', params: {}, reason: '越权修改' })).status).toBe(403);
      // replays and back-tests read the whole province: root unit only
      expect((await call('POST', '/api/v1/detection/run', {})).status).toBe(403);
      expect((await call('POST', '/api/v1/rules/BIZ_OFF_HOURS/backtest', { params: {}, from: '2026-11-01T00:00:00+08:00', to: '2026-11-02T00:00:00+08:00' })).status).toBe(403);
      // people: none of xincheng's are listed, created, or changed
      expect((await call('GET', '/api/v1/users')).json.items.some((u: { unit: string | null }) => u.unit !== UNITS.donghe)).toBe(false);
      expect((await call('GET', `/api/v1/users?unit=${UNITS.xincheng}`)).status).toBe(404);
      expect((await call('POST', '/api/v1/users', { username: `steal_${cred.token ? 't' : 'c'}`, displayName: 'x', unit: UNITS.xincheng, roles: ['handler'], password: 'long enough 1' })).status).toBe(403);
      expect((await call('PATCH', `/api/v1/users/${xcHandlerId}`, { active: false })).status).toBe(404);
      // dashboard figures: a foreign unit is unknown, and the caller's own figures hold none of xincheng's alerts
      expect((await call('GET', `/api/v1/reports/alert-counts?unit=${UNITS.xincheng}`)).status).toBe(404);
      expect((await call('GET', '/api/v1/reports/alert-counts')).json.total).toBe(0);
      expect((await call('GET', `/api/v1/reports/alert-trend?unit=${UNITS.xincheng}`)).status).toBe(404);
      expect((await call('GET', `/api/v1/reports/unit-ranking?unit=${UNITS.hohhot}`)).status).toBe(404);
      expect((await call('GET', '/api/v1/reports/unit-ranking')).json.overall.total).toBe(0);
      // alcohol cases, rooms and draws of another unit do not exist for the caller; labs are the province's registry
      expect((await call('GET', '/api/v1/alcohol/cases')).json.total).toBe(0);
      expect((await call('GET', `/api/v1/alcohol/cases?unit=${UNITS.xincheng}`)).json.total).toBe(0);
      expect((await call('GET', '/api/v1/alcohol/cases/JQ-XC-1')).status).toBe(404);
      expect((await call('GET', '/api/v1/alcohol/cases/JQ-XC-1/proof?step=0')).status).toBe(404);
      expect((await call('GET', '/api/v1/alcohol/labs')).json.items.every((l: { stats: { cases: number } }) => l.stats.cases === 0)).toBe(true);
      expect((await call('GET', '/api/v1/alcohol/labs/LAB-XC')).json.recentCases).toEqual([]);
      expect((await call('GET', '/api/v1/alcohol/rooms')).json.items).toEqual([]);
      expect((await call('GET', '/api/v1/alcohol/rooms/WZS-XC')).status).toBe(404);
      expect((await call('GET', '/api/v1/alcohol/samples/overdue')).json.items).toEqual([]);
      expect((await call('POST', '/api/v1/alcohol/chains/verify', {})).status).toBe(403);
      expect((await call('GET', `/api/v1/alcohol/high-risk?unit=${UNITS.xincheng}`)).status).toBe(404);
      expect((await call('GET', '/api/v1/alcohol/high-risk')).json.current.cases).toBe(0);
      expect((await call('GET', '/api/v1/alcohol/retest-draws')).json.items).toEqual([]);
      expect((await call('GET', `/api/v1/alcohol/retest-draws/${xcDraw.json.id}`)).status).toBe(404);
      expect((await call('POST', '/api/v1/alcohol/retest-draws', { from: '2026-11-01T00:00:00+08:00', to: '2026-11-10T00:00:00+08:00', count: 1, labId: 'LAB-XC', unit: UNITS.xincheng })).status).toBe(403);
    }
    await p.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: foreignCookie } });
    walked.add('DELETE /api/v1/session');
    walked.add('POST /api/v1/session');
    walked.add('GET /api/v1/openapi.json');
    for (const path of ['cases/{caseNo}', 'cases/{caseNo}/proof', 'labs/{labId}', 'rooms/{roomId}', 'retest-draws/{id}']) walked.add(`GET /api/v1/alcohol/${path}`);
    // every endpoint in the API document was walked
    const all = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${path.replace(/^\/api\/v1/, '')}`));
    for (const e of all) expect(walked, `endpoint not walked: ${e}`).toContain(e.replace(/\{id\}/, '{id}'));
  });
});
