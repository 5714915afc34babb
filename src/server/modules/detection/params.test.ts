import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

describe('rule parameters', () => {
  it('start as version 1 with the defaults of rules.md for every rule', async () => {
    const r = await p.get('/api/v1/rules');
    expect(r.status).toBe(200);
    const gap = r.json.items.find((x: { code: string }) => x.code === 'ALC_BREATH_BLOOD_GAP');
    expect(gap.name).toBe('呼气与血检差值异常');
    expect(gap.current.version).toBe(1);
    expect(Object.values(gap.defaults)).toContain(25);
    for (const rule of r.json.items) {
      expect(rule.current.params).toEqual(rule.defaults);
      for (const k of Object.keys(rule.defaults)) expect(rule.paramLabels[k], `${rule.code}.${k}`).toBeTruthy();
    }
  });

  it('change as a new version by the root unit\'s administrator, with who, when and why, audited', async () => {
    const before = await p.get('/api/v1/rules');
    const rule = before.json.items.find((x: { code: string }) => x.code === 'BIZ_AGENT_MANY_PERSONS');
    const key = Object.keys(rule.defaults).find((k) => typeof rule.defaults[k] === 'number')!;
    const res = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/rules',
      headers: { authorization: 'Bearer test-admin-token-0123456789abcdefghijklmnop' },
      payload: { code: 'BIZ_AGENT_MANY_PERSONS', params: { [key]: rule.defaults[key] + 1 }, reason: '试行更严格的阈值' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, reason: '试行更严格的阈值', changedBy: 'token:admin-token' });
    const versions = await p.get('/api/v1/rules/BIZ_AGENT_MANY_PERSONS/versions');
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.json.items[1].params[key]).toBe(rule.defaults[key]);
    expect(p.ruleParams.params('BIZ_AGENT_MANY_PERSONS')).toMatchObject({ version: 2, params: { [key]: rule.defaults[key] + 1 } });
    const audit = await p.database.pool.query("select detail from audit_log where action = 'rules.params'");
    expect(audit.rows[0].detail).toMatchObject({ rule: 'BIZ_AGENT_MANY_PERSONS', version: 2 });
  });

  it('refuse other units, unknown names and wrong types, naming the field', async () => {
    const cityAdmin = (await p.post('/api/v1/tokens', { name: 'city', unit: UNITS.hohhot, scopes: ['admin', 'read'] })).json.token;
    const put = (payload: unknown, token = 'test-admin-token-0123456789abcdefghijklmnop') =>
      p.app.inject({ method: 'PUT', url: '/api/v1/rules', headers: { authorization: `Bearer ${token}` }, payload: payload as object });
    expect((await put({ code: 'BIZ_OFF_HOURS', params: {}, reason: '市级试图修改' }, cityAdmin)).statusCode).toBe(403);
    const unknown = await put({ code: 'BIZ_OFF_HOURS', params: { nope: 1 }, reason: '测试' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/^params\.nope: /);
    const rules = (await p.get('/api/v1/rules')).json.items as { code: string; defaults: Record<string, unknown> }[];
    const numeric = rules.find((r) => Object.values(r.defaults).some((v) => typeof v === 'number'))!;
    const k = Object.keys(numeric.defaults).find((x) => typeof numeric.defaults[x] === 'number')!;
    const wrong = await put({ code: numeric.code, params: { [k]: 'many' }, reason: '测试' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(new RegExp(`^params\\.${k}: `));
    expect((await put({ code: 'NO_SUCH_RULE', params: {}, reason: '测试' })).statusCode).toBe(404);
  });
});
