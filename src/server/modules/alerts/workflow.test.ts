// The closed loop through HTTP: every action × state × caller → allowed (and where it leads) or the right
// refusal, with `allowedActions` agreeing with what the endpoint enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { ACTIONS, type Action } from './alert-state.ts';
import type { FindingInput } from './index.ts';

let p: TestPlatform;
let seq = 0;

async function addUser(username: string, unitCode: string, roles: string[], personNo: string | null = null) {
  await inTransaction(p.database, (tx) => p.access.upsertUser(tx, { username, displayName: username, unitCode, roles, password: 'pw-123456', personNo }, { actor: 'test', at: p.clock.now() }));
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: 'pw-123456' }, remoteAddress: `10.1.0.${++seq}` });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0];
}

export function finding(over: Partial<FindingInput> = {}): FindingInput {
  return {
    rule: `TEST_RULE_${++seq}`,
    subjectKind: 'case',
    subjectId: `JQ-${++seq}`,
    level: 'orange',
    unitCode: UNITS.xincheng,
    title: '拒绝呼气式检测',
    figures: {},
    eventIds: [],
    paramVersion: 1,
    ...over,
  };
}

const systemCaller = (unitCode: string, roles: string[]): Caller => ({
  kind: 'user',
  id: 'test',
  name: `test-${unitCode}`,
  unitCode,
  unitPath: p.units.get(unitCode)!.path,
  scopes: new Set(['read', 'act']),
  roles,
  personNo: null,
  ip: '127.0.0.1',
});

type State = 'new' | 'verifying' | 'rectifying' | 'rectified' | 'reviewing' | 'closed';
const STATES: State[] = ['new', 'verifying', 'rectifying', 'rectified', 'reviewing', 'closed'];

/** a fresh alert at 新城区 brought to a state by the real steps */
async function alertIn(state: State, over: Partial<FindingInput> = {}): Promise<string> {
  const { opened } = await inTransaction(p.database, (tx) => p.alerts.recordFindings(tx, [finding(over)], p.clock.now()));
  const id = opened[0].id;
  const unit = over.unitCode ?? UNITS.xincheng;
  const handler = systemCaller(unit, ['handler']);
  const reviewer = systemCaller(p.units.get(unit)!.parentCode!, ['supervisor']);
  const path: [Caller, Record<string, unknown>][] = [];
  if (state !== 'new') path.push([handler, { action: 'sign' }]);
  if (['rectifying', 'rectified', 'reviewing', 'closed'].includes(state)) path.push([handler, { action: 'verify', finding: 'substantiated', account: '经核查属实' }]);
  if (['rectified', 'reviewing', 'closed'].includes(state)) path.push([handler, { action: 'rectify', measures: '已整改', accountability: 'none' }]);
  if (['reviewing', 'closed'].includes(state)) path.push([handler, { action: 'submit' }]);
  if (state === 'closed') path.push([reviewer, { action: 'approve' }]);
  for (const [c, input] of path) await p.alerts.act(c, id, input as never);
  return id;
}

const creds: Record<string, { cookie?: string; token?: string }> = {};
let mergeTarget: string;

function payload(action: Action): Record<string, unknown> {
  switch (action) {
    case 'verify':
      return { action, finding: 'substantiated', account: '经核查属实' };
    case 'rectify':
      return { action, measures: '已整改', accountability: 'criticism' };
    case 'approve':
      return { action, note: '同意办结' };
    case 'reject':
      return { action, reason: '整改不到位' };
    case 'reassign':
      return { action, unit: UNITS.huimin, note: '改由回民区办理' };
    case 'supervise':
      return { action, dueAt: new Date(p.clock.now().getTime() + 48 * 3600_000).toISOString(), note: '限期办结' };
    case 'relevel':
      return { action, level: 'yellow', reason: '情节较轻' };
    case 'merge':
      return { action, into: mergeTarget, reason: '重复预警' };
    case 'comment':
      return { action, text: '请抓紧办理' };
    default:
      return { action };
  }
}

/** where an allowed action leads from each state */
const LEADS: Partial<Record<Action, string>> = { sign: 'verifying', verify: 'rectifying', submit: 'reviewing', approve: 'closed', reject: 'rectifying', reassign: 'new', merge: 'closed' };
const statusOf = (s: State) => (s === 'rectified' ? 'rectifying' : s);

const HANDLE = ['sign', 'verify', 'rectify', 'submit'] as const;
const UPPER = ['reassign', 'supervise', 'relevel', 'merge'] as const;
const all = (...xs: readonly Action[]) => [...xs];

/**
 * The table: for each caller and state, the actions allowed; of the rest, those refused for the state
 * (409) — everything else is refused for who the caller is (403). The 东河 caller sees nothing: 404.
 */
const TABLE: Record<string, Record<State, { allow: Action[]; conflict: Action[] }>> = {
  // handler of the responsible unit, person and token with `act`
  xcHandler: {
    new: { allow: ['sign', 'comment'], conflict: ['verify', 'rectify', 'submit'] },
    verifying: { allow: ['verify', 'comment'], conflict: ['sign', 'rectify', 'submit'] },
    rectifying: { allow: ['rectify', 'comment'], conflict: ['sign', 'verify', 'submit'] },
    rectified: { allow: ['rectify', 'submit', 'comment'], conflict: ['sign', 'verify'] },
    reviewing: { allow: ['comment'], conflict: all(...HANDLE) },
    closed: { allow: ['comment'], conflict: all(...HANDLE) },
  },
  // a supervisor of the responsible unit itself: not a handler, not above it
  xcSupervisor: Object.fromEntries(STATES.map((s) => [s, { allow: ['comment'], conflict: [] }])) as never,
  // the unit one level up: reviews, and as an upper unit reassigns, supervises, relevels, merges
  hhSupervisor: {
    new: { allow: [...UPPER, 'comment'], conflict: ['approve', 'reject'] },
    verifying: { allow: [...UPPER, 'comment'], conflict: ['approve', 'reject'] },
    rectifying: { allow: [...UPPER, 'comment'], conflict: ['approve', 'reject'] },
    rectified: { allow: [...UPPER, 'comment'], conflict: ['approve', 'reject'] },
    reviewing: { allow: ['approve', 'reject', 'supervise', 'relevel', 'merge', 'comment'], conflict: ['reassign'] },
    closed: { allow: ['comment'], conflict: ['approve', 'reject', ...UPPER] },
  },
  // a reviewer (not supervisor) of the unit above: reviews only
  hhReviewer: {
    new: { allow: ['comment'], conflict: ['approve', 'reject'] },
    verifying: { allow: ['comment'], conflict: ['approve', 'reject'] },
    rectifying: { allow: ['comment'], conflict: ['approve', 'reject'] },
    rectified: { allow: ['comment'], conflict: ['approve', 'reject'] },
    reviewing: { allow: ['approve', 'reject', 'comment'], conflict: [] },
    closed: { allow: ['comment'], conflict: ['approve', 'reject'] },
  },
  // two levels up: an upper unit, but not the reviewer of an orange alert
  provSupervisor: {
    new: { allow: [...UPPER, 'comment'], conflict: [] },
    verifying: { allow: [...UPPER, 'comment'], conflict: [] },
    rectifying: { allow: [...UPPER, 'comment'], conflict: [] },
    rectified: { allow: [...UPPER, 'comment'], conflict: [] },
    reviewing: { allow: ['supervise', 'relevel', 'merge', 'comment'], conflict: ['reassign'] },
    closed: { allow: ['comment'], conflict: [...UPPER] },
  },
  // read scope only, and a handler named as the alert's subject: never
  xcReader: Object.fromEntries(STATES.map((s) => [s, { allow: [], conflict: [] }])) as never,
  subject: Object.fromEntries(STATES.map((s) => [s, { allow: [], conflict: [] }])) as never,
};
TABLE.xcToken = TABLE.xcHandler;
const SUBJECT_NO = 'P150102999';

beforeAll(async () => {
  p = await testPlatform();
  creds.xcHandler = { cookie: await addUser('xc_handler', UNITS.xincheng, ['handler'], 'P150102001') };
  creds.xcSupervisor = { cookie: await addUser('xc_supervisor', UNITS.xincheng, ['supervisor']) };
  creds.hhSupervisor = { cookie: await addUser('hh_supervisor', UNITS.hohhot, ['supervisor']) };
  creds.hhReviewer = { cookie: await addUser('hh_reviewer', UNITS.hohhot, ['reviewer']) };
  creds.provSupervisor = { cookie: await addUser('prov_supervisor', UNITS.province, ['supervisor']) };
  creds.subject = { cookie: await addUser('xc_subject', UNITS.xincheng, ['handler', 'supervisor'], SUBJECT_NO) };
  creds.dhSupervisor = { cookie: await addUser('dh_supervisor', UNITS.donghe, ['supervisor', 'handler']) };
  creds.xcReader = { token: (await p.post('/api/v1/tokens', { name: 'xc-read', unit: UNITS.xincheng, scopes: ['read'] })).json.token };
  creds.xcToken = { token: (await p.post('/api/v1/tokens', { name: 'xc-act', unit: UNITS.xincheng, scopes: ['read', 'act'] })).json.token };
  mergeTarget = await alertIn('new');
}, 60_000);
afterAll(async () => p?.close());

const act = (id: string, body: Record<string, unknown>, who: string) => p.post(`/api/v1/alerts/${id}/actions`, body, creds[who]);

describe('every action × state × caller', () => {
  for (const who of Object.keys(TABLE)) {
    it(`${who}`, async () => {
      for (const state of STATES) {
        const row = TABLE[who][state];
        const subjectId = who === 'subject' ? SUBJECT_NO : undefined;
        const id = await alertIn(state, subjectId ? { subjectId } : {});
        const seen = await p.get(`/api/v1/alerts/${id}`, creds[who]);
        expect(seen.status).toBe(200);
        expect(seen.json.allowedActions, `${who} ${state}`).toEqual(ACTIONS.filter((a) => row.allow.includes(a)));
        for (const action of ACTIONS) {
          if (row.allow.includes(action)) {
            // an allowed step is taken on a fresh alert in the same state
            const fresh = await alertIn(state, subjectId ? { subjectId } : {});
            const res = await act(fresh, payload(action), who);
            expect(res.status, `${who} ${state} ${action}: ${JSON.stringify(res.json)}`).toBe(200);
            expect(res.json.status).toBe(LEADS[action] ?? statusOf(state));
            expect(Array.isArray(res.json.allowedActions)).toBe(true);
            continue;
          }
          const res = await act(id, payload(action), who);
          const want = row.conflict.includes(action) ? 409 : 403;
          expect(res.status, `${who} ${state} ${action}`).toBe(want);
          expect(res.json.error.message).toMatch(/[\u4e00-\u9fa5]/);
        }
        // refusals changed nothing
        const after = await p.get(`/api/v1/alerts/${id}`);
        expect(after.json.status).toBe(statusOf(state));
        expect(after.json.history.filter((h: { kind: string }) => h.kind !== 'finding' && !['sign', 'verify', 'rectify', 'submit', 'approve'].includes(h.kind))).toEqual([]);
      }
    }, 120_000);
  }

  it('a unit outside the alert\'s subtree sees nothing and can do nothing: 404', async () => {
    const id = await alertIn('new');
    for (const action of ACTIONS) expect((await act(id, payload(action), 'dhSupervisor')).status).toBe(404);
    expect((await p.get(`/api/v1/alerts/${id}`, creds.dhSupervisor)).status).toBe(404);
  });

  it('lists carry allowedActions for the caller, the same as the detail', async () => {
    const id = await alertIn('reviewing');
    const list = await p.get(`/api/v1/alerts?limit=1000`, creds.hhSupervisor);
    const item = list.json.items.find((a: { id: string }) => a.id === id);
    expect(item.allowedActions).toEqual(['approve', 'reject', 'supervise', 'relevel', 'merge', 'comment']);
    const mine = (await p.get(`/api/v1/alerts?limit=1000`, creds.xcHandler)).json.items.find((a: { id: string }) => a.id === id);
    expect(mine.allowedActions).toEqual(['comment']);
  });
});

describe('who reviews', () => {
  it('a red alert of a county closes at the city; a red alert of a city needs the province', async () => {
    const county = await alertIn('reviewing', { level: 'red' });
    expect((await p.get(`/api/v1/alerts/${county}`, creds.hhSupervisor)).json.allowedActions).toContain('approve');
    const city = await alertIn('reviewing', { level: 'red', unitCode: UNITS.hohhot });
    await addUser('hh_handler', UNITS.hohhot, ['handler']);
    expect((await act(city, { action: 'approve' }, 'hhSupervisor')).status).toBe(403);
    const ok = await act(city, { action: 'approve', note: '同意' }, 'provSupervisor');
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('closed');
  });

  it('below a county, a red alert still needs the city, not the county above it', async () => {
    const squad = '150102000100';
    const r = await p.post('/api/v1/events', [
      { id: 'unit-station', type: 'ref.unit', occurredAt: '2026-11-01T08:00:00+08:00', unit: squad, data: { code: squad, name: '新城区一中队', level: 'squad', parentCode: UNITS.xincheng } },
    ]);
    expect(r.json.accepted).toBe(1);
    const red = await alertIn('reviewing', { level: 'red', unitCode: squad });
    const orange = await alertIn('reviewing', { unitCode: squad });
    expect((await p.get(`/api/v1/alerts/${red}`, creds.xcSupervisor)).json.allowedActions).not.toContain('approve');
    expect((await p.get(`/api/v1/alerts/${orange}`, creds.xcSupervisor)).json.allowedActions).toContain('approve');
    expect((await act(red, { action: 'approve' }, 'xcSupervisor')).status).toBe(403);
    expect((await act(red, { action: 'approve' }, 'hhSupervisor')).status).toBe(200);
  });
});

describe('steps', () => {
  it('reject sends it back to the step that was wrong', async () => {
    const a = await alertIn('reviewing');
    const back = await act(a, { action: 'reject', reason: '整改措施不具体' }, 'hhSupervisor');
    expect(back.json.status).toBe('rectifying');
    expect(back.json.allowedActions).toEqual(['reassign', 'supervise', 'relevel', 'merge', 'comment']);
    const b = await alertIn('reviewing');
    const toVerify = await act(b, { action: 'reject', reason: '核查结论有误', to: 'verifying' }, 'hhSupervisor');
    expect(toVerify.json).toMatchObject({ status: 'verifying', finding: null });
    expect((await act(b, { action: 'reject', reason: 'x' }, 'hhSupervisor')).status).toBe(409);
    const c = await alertIn('reviewing');
    expect((await act(c, { action: 'reject' }, 'hhSupervisor')).status).toBe(400);
    expect((await act(c, { action: 'reject', reason: '无可整改', to: 'rectifying' }, 'xcHandler')).status).toBe(403);
  });

  it('records each step with actor, unit, time and text, append-only, with an audit leaf', async () => {
    const id = await alertIn('new');
    const before = (await p.get('/api/v1/audit/entries?limit=1')).json.items[0].seq;
    await act(id, { action: 'sign', note: '已签收' }, 'xcHandler');
    await act(id, { action: 'comment', text: '补充说明' }, 'hhSupervisor');
    const d = await p.get(`/api/v1/alerts/${id}`);
    const steps = d.json.history.filter((h: { kind: string }) => h.kind !== 'finding');
    expect(steps.map((h: { kind: string; actor: string; unit: string; text: string }) => [h.kind, h.actor, h.unit, h.text])).toEqual([
      ['sign', 'user:xc_handler', UNITS.xincheng, '已签收'],
      ['comment', 'user:hh_supervisor', UNITS.hohhot, '补充说明'],
    ]);
    const entries = (await p.get('/api/v1/audit/entries?limit=2')).json.items;
    expect(entries.map((e: { seq: number; action: string }) => [e.seq, e.action])).toEqual([
      [before + 2, 'alerts.comment'],
      [before + 1, 'alerts.sign'],
    ]);
    // the history table refuses changes
    await expect(inTransaction(p.database, (tx) => tx.execute(sql`update alert_history set text = 'x' where alert_id = ${id}`))).rejects.toThrow();
  });

  it('reassign moves it to a unit below the caller and restarts at sign; not above or beside', async () => {
    const id = await alertIn('verifying');
    expect((await act(id, { action: 'reassign', unit: UNITS.donghe }, 'hhSupervisor')).status).toBe(403);
    expect((await act(id, { action: 'reassign', unit: UNITS.hohhot }, 'hhSupervisor')).status).toBe(403);
    expect((await act(id, { action: 'reassign', unit: UNITS.xincheng }, 'hhSupervisor')).status).toBe(400);
    const moved = await act(id, { action: 'reassign', unit: UNITS.huimin }, 'hhSupervisor');
    expect(moved.json).toMatchObject({ unit: UNITS.huimin, status: 'new' });
    expect((await p.get(`/api/v1/alerts/${id}`, creds.xcHandler)).status).toBe(404);
  });

  it('relevel needs a reason and keeps the person\'s level against later findings; merge closes the duplicate into the kept alert', async () => {
    const subjectId = `JQ-relevel-${++seq}`;
    const id = await alertIn('new', { rule: 'ALC_REFUSED_BREATH', subjectId, eventIds: ['e-1'] });
    expect((await act(id, { action: 'relevel', level: 'red' }, 'hhSupervisor')).status).toBe(400);
    const r = await act(id, { action: 'relevel', level: 'red', reason: '涉及公职人员' }, 'hhSupervisor');
    expect(r.json.level).toBe('red');
    await inTransaction(p.database, (tx) => p.alerts.recordFindings(tx, [finding({ rule: 'ALC_REFUSED_BREATH', subjectId, level: 'blue', eventIds: ['e-2'] })], p.clock.now()));
    expect((await p.get(`/api/v1/alerts/${id}`)).json.level).toBe('red');
    const keep = await alertIn('new', { eventIds: ['e-3'] });
    const m = await act(id, { action: 'merge', into: keep, reason: '同一线索' }, 'hhSupervisor');
    expect(m.json).toMatchObject({ status: 'closed', mergedInto: keep });
    const kept = await p.get(`/api/v1/alerts/${keep}`);
    expect(kept.json.evidence.eventIds).toEqual(['e-1', 'e-2', 'e-3']);
    expect(kept.json.history.at(-1)).toMatchObject({ kind: 'merged' });
    expect((await act(keep, { action: 'merge', into: keep, reason: 'x' }, 'hhSupervisor')).status).toBe(400);
    expect((await act(keep, { action: 'merge', into: id, reason: 'x' }, 'hhSupervisor')).status).toBe(409);
  });

  it('a conduct deduction decided in rectification is written for the person, linked to the alert', async () => {
    const id = await alertIn('rectifying');
    expect((await act(id, { action: 'rectify', measures: '已整改', accountability: 'conduct_deduction' }, 'xcHandler')).status).toBe(400);
    const r = await act(id, { action: 'rectify', measures: '已批评教育并扣分', accountability: 'conduct_deduction', personNo: 'P150102033', points: 2 }, 'xcHandler');
    expect(r.status).toBe(200);
    const { deductionsOfAlert } = await import('../conduct/index.ts');
    const rows = await deductionsOfAlert(asTx(p.database.db), id);
    expect(rows.map((d) => [d.personNo, d.points, d.unitCode, d.decidedBy])).toEqual([['P150102033', 2, UNITS.xincheng, 'user:xc_handler']]);
    const h = (await p.get(`/api/v1/alerts/${id}`)).json.history.at(-1);
    expect(h.detail).toMatchObject({ accountability: 'conduct_deduction', personNo: 'P150102033', points: 2, deductionId: rows[0].id });
  });
});

describe('conflict of interest', () => {
  it('a person named as the subject can never act, whatever the roles', async () => {
    const cookie = await addUser('hh_named', UNITS.hohhot, ['supervisor', 'reviewer', 'handler'], 'P150100777');
    const id = await alertIn('reviewing', { subjectKind: 'staff', subjectId: 'P150100777' });
    const seen = await p.get(`/api/v1/alerts/${id}`, { cookie });
    expect(seen.status).toBe(200);
    expect(seen.json.allowedActions).toEqual([]);
    for (const action of ACTIONS) {
      const res = await p.post(`/api/v1/alerts/${id}/actions`, payload(action), { cookie });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/回避/);
    }
    // a colleague without the conflict may
    expect((await act(id, { action: 'approve' }, 'hhSupervisor')).status).toBe(200);
  });
});
