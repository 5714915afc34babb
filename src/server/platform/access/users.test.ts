import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { inTransaction } from '../db/client.ts';

let p: TestPlatform;

async function addUser(username: string, unitCode: string | null, roles: string[]) {
  await inTransaction(p.database, (tx) => p.access.upsertUser(tx, { username, displayName: username, unitCode, roles, password: 'correct horse 1' }, { actor: 'test', at: new Date() }));
}

async function login(username: string, password = 'correct horse 1'): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0];
}

async function patch(url: string, body: unknown, cookie: string) {
  const res = await p.app.inject({ method: 'PATCH', url, payload: body as object, headers: { cookie } });
  return { status: res.statusCode, json: res.json() };
}

beforeAll(async () => {
  p = await testPlatform();
  await addUser('hh_admin', UNITS.hohhot, ['admin']);
  await addUser('xc_handler', UNITS.xincheng, ['handler']);
  await addUser('dh_handler', UNITS.donghe, ['handler']);
});
afterAll(async () => p?.close());

describe('people', () => {
  it('are listed within the caller\'s units only', async () => {
    const c = await login('hh_admin');
    const r = await p.get('/api/v1/users', { cookie: c });
    expect(r.json.items.map((u: { username: string }) => u.username)).toEqual(['hh_admin', 'xc_handler']);
    expect(r.json.items[0]).not.toHaveProperty('passwordHash');
    expect((await p.get(`/api/v1/users?unit=${UNITS.donghe}`, { cookie: c })).status).toBe(404);
  });

  it('are created by an administrator in their subtree, who can then log in', async () => {
    const c = await login('hh_admin');
    const made = await p.post('/api/v1/users', { username: 'hm_sup', displayName: '回民督察', unit: UNITS.huimin, roles: ['supervisor'], password: 'long enough 1' }, { cookie: c });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ username: 'hm_sup', unit: UNITS.huimin, roles: ['supervisor'], active: true });
    expect((await login('hm_sup', 'long enough 1')).length).toBeGreaterThan(10);
    const again = await p.post('/api/v1/users', { username: 'hm_sup', displayName: 'x', unit: UNITS.huimin, roles: ['handler'], password: 'long enough 1' }, { cookie: c });
    expect(again.status).toBe(409);
    const foreign = await p.post('/api/v1/users', { username: 'dh_x', displayName: 'x', unit: UNITS.donghe, roles: ['handler'], password: 'long enough 1' }, { cookie: c });
    expect(foreign.status).toBe(403);
    const audit = await p.database.pool.query(`select count(*)::int as n from audit_log where action = 'user.create'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('are disabled, which ends their sessions, and re-enabled; never by a handler or an outsider', async () => {
    const admin = await login('hh_admin');
    const handler = await login('xc_handler');
    const list = (await p.get('/api/v1/users', { cookie: admin })).json.items as { id: string; username: string }[];
    const xc = list.find((u) => u.username === 'xc_handler')!;
    expect((await patch(`/api/v1/users/${xc.id}`, { active: false }, handler)).status).toBe(403);
    const off = await patch(`/api/v1/users/${xc.id}`, { active: false }, admin);
    expect(off.json.active).toBe(false);
    expect((await p.get('/api/v1/session', { cookie: handler })).status).toBe(401);
    expect((await patch(`/api/v1/users/${xc.id}`, { active: true }, admin)).json.active).toBe(true);
    const self = list.find((u) => u.username === 'hh_admin')!;
    expect((await patch(`/api/v1/users/${self.id}`, { active: false }, admin)).status).toBe(409);
  });
});
