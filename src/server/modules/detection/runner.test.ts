// The clocked engine through the real platform: time-dependent rules fire when the minute tick finds a
// deadline passed, scheduled rules judge calendar windows as of any time (replay), running twice changes
// nothing, keyed rules judge a subject whatever order its events arrive in, and a back-test writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';
import { makeVin } from '../demo/demo-identity.ts';
import { Rng } from '../demo/demo-rng.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p?.close());

const at = (local: string) => `${local}+08:00`;
const iso = (ms: number) => new Date(ms).toISOString();
/** an alcohol-case event at 回民区 */
const ev = (caseNo: string, id: string, type: string, ms: number, data: Record<string, unknown>) => ({ id: `${caseNo}-${id}`, type, occurredAt: iso(ms), unit: UNITS.huimin, actor: 'P150103001', location: { lat: 40.8, lng: 111.6 }, data: { caseNo, ...data } });
/** a case opened at `ms`, its breath test a minute later */
const opened = (caseNo: string, ms: number) => [
  ev(caseNo, 'open', 'alcohol.case_opened', ms, { driverIdNo: '11010519491231002X', driverName: '王五', plate: '蒙A22222', tags: [] }),
  ev(caseNo, 'breath', 'alcohol.breath_test', ms + 60_000, { deviceId: 'BR-7', valueMg100ml: 85, refused: false, source: 'device' }),
];
const ref = (id: string, type: string, data: Record<string, unknown>, unit: string = UNITS.province) => ({ id, type, occurredAt: '2026-11-01T08:00:00+08:00', unit, data });

async function alertsOf(rule: string): Promise<Array<{ id: string; level: string; subject: { kind: string; id: string }; evidence: { figures: Record<string, unknown>; eventIds: string[] }; unit: string }>> {
  const r = await p.get(`/api/v1/alerts?rule=${rule}&limit=1000`);
  expect(r.status).toBe(200);
  return r.json.items;
}

async function post(events: unknown[]) {
  const r = await p.post('/api/v1/events', events);
  expect(r.json.rejected, JSON.stringify(r.json)).toEqual([]);
}

describe('time-dependent rules on the minute tick', () => {
  it('DEV_OFFLINE fires once the 15 minutes pass without the device coming back, not for one back in time', async () => {
    await post([
      ref('dev-cam-1', 'ref.device', { deviceId: 'CAM-1', kind: 'camera', siteId: 'SITE-1', calibratedUntil: '2027-01-01' }, UNITS.xincheng),
      ref('dev-cam-2', 'ref.device', { deviceId: 'CAM-2', kind: 'camera', siteId: 'SITE-2', calibratedUntil: '2027-01-01' }, UNITS.xincheng),
    ]);
    const now = p.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    await post([
      { id: 'cam1-off', type: 'device.status', occurredAt: iso(now - 5 * 60_000), unit: UNITS.xincheng, data: { deviceId: 'CAM-1', status: 'offline' } },
      { id: 'cam2-off', type: 'device.status', occurredAt: iso(now - 5 * 60_000), unit: UNITS.xincheng, data: { deviceId: 'CAM-2', status: 'offline' } },
      { id: 'cam2-on', type: 'device.status', occurredAt: iso(now - 1 * 60_000), unit: UNITS.xincheng, data: { deviceId: 'CAM-2', status: 'online' } },
    ]);
    // 5 minutes in: nothing yet
    await p.scheduler.runNow('detection.time');
    expect(await alertsOf('DEV_OFFLINE')).toEqual([]);
    // 10 minutes later CAM-1 has been dark for 15 minutes; CAM-2 came back after 4
    p.clock.advance(10 * 60_000);
    await p.scheduler.runNow('detection.time');
    const found = await alertsOf('DEV_OFFLINE');
    expect(found.map((a) => `${a.subject.id}:${a.level}`)).toEqual(['CAM-1:yellow']);
    expect(found[0].evidence.eventIds).toEqual(['cam1-off']);
    expect(found[0].unit).toBe(UNITS.xincheng);
    // the next tick finds the same outage: the open alert is not duplicated
    p.clock.advance(60_000);
    await p.scheduler.runNow('detection.time');
    expect(await alertsOf('DEV_OFFLINE')).toHaveLength(1);
  });
});

describe('the custody chain on the minute tick', () => {
  it('ALC_CHAIN_GAP opens when the 2 hours for the blood draw pass, not for a case drawn in time', async () => {
    const now = p.clock.now().getTime();
    const late = 'JQ150103202611100001';
    const ontime = 'JQ150103202611100002';
    await post([...opened(late, now - 30 * 60_000), ...opened(ontime, now - 30 * 60_000)]);
    // the breath tests were 29 minutes ago; 1 h 58 min after them one case has its blood drawn
    p.clock.advance(89 * 60_000);
    await post([ev(ontime, 'draw', 'alcohol.blood_drawn', now + 89 * 60_000, { sampleNo: `${ontime}-S`, sealNo: 'F2', institution: '市医院', photoSha256: 'd'.repeat(64) })]);
    await p.scheduler.runNow('detection.time');
    const gaps = async () => (await alertsOf('ALC_CHAIN_GAP')).filter((a) => [late, ontime].includes(a.subject.id)).map((a) => a.subject.id);
    expect(await gaps()).toEqual([]);
    // past 2 h after the breath test: the undrawn case is due, the drawn one is not
    p.clock.advance(3 * 60_000);
    const r = (await p.scheduler.runNow('detection.time')) as { opened: number };
    expect(await gaps()).toEqual([late]);
    expect(r.opened).toBeGreaterThanOrEqual(1);
    // its wake-up is used up: the next tick has nothing more for it
    expect(((await p.scheduler.runNow('detection.time')) as { opened: number; updated: number }).opened).toBe(0);
  });
});

describe('the custody chain in a replay', () => {
  it('finds the case without its draw, not the one drawn in time', async () => {
    const now = p.clock.now().getTime();
    const late = 'JQ150103202611100011';
    const ontime = 'JQ150103202611100012';
    const t0 = now - 5 * 3_600_000;
    await post([
      ...opened(late, t0),
      ...opened(ontime, t0),
      ev(ontime, 'draw', 'alcohol.blood_drawn', t0 + 60 * 60_000, { sampleNo: `${ontime}-S`, sealNo: 'F3', institution: '市医院', photoSha256: 'e'.repeat(64) }),
    ]);
    const gaps = async () => (await alertsOf('ALC_CHAIN_GAP')).filter((a) => [late, ontime].includes(a.subject.id)).map((a) => a.subject.id);
    // on arrival each case was judged as of its own newest event, when nothing was due yet
    expect(await gaps()).toEqual([]);
    const r = await p.post('/api/v1/detection/run', { asOf: iso(now), rules: ['ALC_CHAIN_GAP'] });
    expect(r.status).toBe(200);
    expect(await gaps()).toEqual([late]);
  });
});

describe('scheduled rules, replayed as of a past time', () => {
  const rng = new Rng(7, 'runner-test');
  let serial = 0;
  const correction = (clerk: string, i: number, day: number) => ({
    id: `corr-${clerk}-${i}`,
    type: 'vehicle.business',
    occurredAt: at(`2026-11-0${day}T10:${String(i % 60).padStart(2, '0')}:00`),
    unit: UNITS.xincheng,
    actor: clerk,
    data: { bizNo: `B-${clerk}-${i}`, bizType: 'archive_correction', plate: '蒙A12345', vin: makeVin(rng, ++serial), ownerIdNo: '11010519491231002X', windowId: 'W1' },
  });
  const clerk = (no: string, name: string) => ref(`person-${no}`, 'ref.person', { personNo: no, name, kind: 'police', unitCode: UNITS.xincheng, roles: ['window_clerk'], confidentialitySigned: true }, UNITS.xincheng);

  beforeAll(async () => {
    await post([clerk('P1', '甲'), clerk('P2', '乙'), clerk('P3', '丙')]);
    // week of Monday 2026-11-02: P1 12 corrections (above the others and ≥ 10), P2 9 (below the floor), P3 none
    await post([...Array.from({ length: 12 }, (_, i) => correction('P1', i, 3 + (i % 4))), ...Array.from({ length: 9 }, (_, i) => correction('P2', i, 4))]);
  });

  it('judges the week that ended, for the clerk above the bar only, and a second run changes nothing', async () => {
    const asOf = at('2026-11-10T00:10:00');
    const first = await p.post('/api/v1/detection/run', { asOf, rules: ['BIZ_CORRECTION_SPIKE'] });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ opened: 1, updated: 0, rules: ['BIZ_CORRECTION_SPIKE'], windows: ['weekly 2026-11-02'] });
    const found = await alertsOf('BIZ_CORRECTION_SPIKE');
    expect(found.map((a) => a.subject.id)).toEqual(['P1']);
    expect(found[0].evidence.figures).toMatchObject({ corrections: 12, peers: 2, minCorrections: 10 });
    expect(found[0].evidence.eventIds).toHaveLength(12);
    const again = await p.post('/api/v1/detection/run', { asOf, rules: ['BIZ_CORRECTION_SPIKE'] });
    expect(again.json).toMatchObject({ opened: 0, updated: 0 });
  });

  it('a week not yet over is not judged', async () => {
    const r = await p.post('/api/v1/detection/run', { asOf: at('2026-11-08T23:00:00'), rules: ['BIZ_CORRECTION_SPIKE'] });
    expect(r.json.windows).toEqual(['weekly 2026-10-26']);
    expect(r.json.opened).toBe(0);
  });

  it('back-tests proposed parameters against the alerts opened, writing nothing', async () => {
    const before = (await p.get('/api/v1/alerts?limit=1')).json.total;
    const lower = await p.post('/api/v1/rules/BIZ_CORRECTION_SPIKE/backtest', { params: { minCorrections: 8 }, from: at('2026-11-02T00:00:00'), to: at('2026-11-10T00:00:00') });
    expect(lower.status).toBe(200);
    // with a floor of 8, P2's 9 corrections is not above P1's and P3's p99 (12 and 0): only P1 again
    expect(lower.json.wouldOpen, JSON.stringify(lower.json)).toEqual([]);
    const higher = await p.post('/api/v1/rules/BIZ_CORRECTION_SPIKE/backtest', { params: { minCorrections: 13 }, from: at('2026-11-02T00:00:00'), to: at('2026-11-10T00:00:00') });
    expect(higher.json.found).toBe(0);
    expect(higher.json.wouldNotOpen.map((a: { subject: { id: string } }) => a.subject.id)).toEqual(['P1']);
    const percentile = await p.post('/api/v1/rules/BIZ_CORRECTION_SPIKE/backtest', { params: { minCorrections: 5, percentile: 0 }, from: at('2026-11-02T00:00:00'), to: at('2026-11-10T00:00:00') });
    // at the 0th percentile of the others (the fewest), P2's 9 is above P3's 0 and P1's… minimum 0
    expect(percentile.json.wouldOpen.map((a: { subject: { id: string } }) => a.subject.id)).toEqual(['P2']);
    expect((await p.get('/api/v1/alerts?limit=1')).json.total).toBe(before);
  });

  it('refuses bad input, naming the field', async () => {
    const unknown = await p.post('/api/v1/detection/run', { rules: ['NO_SUCH_RULE'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('rules');
    const param = await p.post('/api/v1/rules/BIZ_CORRECTION_SPIKE/backtest', { params: { nope: 1 }, from: at('2026-11-02T00:00:00'), to: at('2026-11-10T00:00:00') });
    expect(param.status).toBe(400);
    expect(param.json.error.message).toContain('params.nope');
    const backwards = await p.post('/api/v1/rules/BIZ_CORRECTION_SPIKE/backtest', { params: {}, from: at('2026-11-10T00:00:00'), to: at('2026-11-02T00:00:00') });
    expect(backwards.status).toBe(400);
  });
});

describe('keyed rules on arrival', () => {
  it('AV_EARLY_DELETE judges a deletion whichever of the record and the deletion arrives first', async () => {
    const recorded = (id: string) => ({ id: `${id}-rec`, type: 'av.recorded', occurredAt: at('2026-10-01T09:00:00'), unit: UNITS.huimin, data: { recordId: id, kind: 'exam', siteId: 'S1', durationSec: 600, subjectRef: 'E1', storageRef: 'nas://1' } });
    const deleted = (id: string) => ({ id: `${id}-del`, type: 'av.deleted', occurredAt: at('2026-11-05T09:00:00'), unit: UNITS.huimin, data: { recordId: id } });
    await post([deleted('AV-1')]);
    expect(await alertsOf('AV_EARLY_DELETE')).toEqual([]);
    await post([recorded('AV-1')]);
    await post([recorded('AV-2'), deleted('AV-2')]);
    const found = await alertsOf('AV_EARLY_DELETE');
    expect(found.map((a) => `${a.subject.id}:${a.level}`).sort()).toEqual(['AV-1:red', 'AV-2:red']);
    expect(found.find((a) => a.subject.id === 'AV-1')!.evidence.eventIds.sort()).toEqual(['AV-1-del', 'AV-1-rec']);
  });

  it('SEC_PRIVILEGE_GRANT and BIZ_AUXILIARY_ACTING judge single events against the reference data', async () => {
    await post([
      ref('person-A9', 'ref.person', { personNo: 'A9', name: '辅警丁', kind: 'auxiliary', unitCode: UNITS.donghe, roles: [], confidentialitySigned: false }, UNITS.donghe),
      ref('person-P9', 'ref.person', { personNo: 'P9', name: '民警戊', kind: 'police', unitCode: UNITS.donghe, roles: [], confidentialitySigned: true }, UNITS.donghe),
    ]);
    const vin = makeVin(new Rng(9, 'aux'), 1);
    const biz = (id: string, actor: string) => ({ id, type: 'vehicle.business', occurredAt: at('2026-11-05T10:00:00'), unit: UNITS.donghe, actor, data: { bizNo: id, bizType: 'deregister', plate: '蒙B12345', vin, ownerIdNo: '11010519491231002X', windowId: 'W2' } });
    await post([biz('drv-aux', 'A9'), biz('drv-pol', 'P9')]);
    expect((await alertsOf('BIZ_AUXILIARY_ACTING')).map((a) => a.subject.id)).toEqual(['A9']);
    const grant = (id: string, userNo: string) => ({ id, type: 'system.grant', occurredAt: at('2026-11-05T11:00:00'), unit: UNITS.donghe, actor: 'P9', data: { userNo, role: 'sysadmin', granted: true } });
    await post([grant('g-aux', 'A9'), grant('g-pol', 'P9')]);
    expect((await alertsOf('SEC_PRIVILEGE_GRANT')).map((a) => a.subject.id)).toContain('A9');
  });

  it('CKPT_CLONED_PLATE: one plate at two far checkpoints too close in time, in either order; another colour is another plate', async () => {
    await post([
      ref('cp-hh', 'ref.checkpoint', { checkpointId: 'CP-HH', name: '呼和浩特东卡口', lat: 40.84, lng: 111.75 }, UNITS.hohhot),
      ref('cp-bt', 'ref.checkpoint', { checkpointId: 'CP-BT', name: '包头西卡口', lat: 40.65, lng: 109.84 }, UNITS.baotou),
    ]);
    const pass = (id: string, cp: string, local: string, plateColor: string, unit: string) => ({
      id, type: 'checkpoint.pass', occurredAt: at(local), unit, data: { checkpointId: cp, plate: '蒙A8K2Q5', plateColor, lane: 1, speedKmh: 80 },
    });
    // 160 km apart, 20 minutes: the later pass arrives first
    await post([pass('pass-2', 'CP-BT', '2026-11-09T10:20:00', 'blue', UNITS.baotou)]);
    await post([pass('pass-1', 'CP-HH', '2026-11-09T10:00:00', 'blue', UNITS.hohhot), pass('pass-3', 'CP-BT', '2026-11-09T10:05:00', 'yellow', UNITS.baotou)]);
    const found = await alertsOf('CKPT_CLONED_PLATE');
    expect(found.map((a) => a.subject.id)).toEqual(['蒙A8K2Q5']);
    expect(found[0].evidence.eventIds).toEqual(expect.arrayContaining(['pass-1', 'pass-2']));
    expect(found[0].evidence.eventIds).not.toContain('pass-3');
  });

  it('judges again when the reference data explaining earlier events arrives after them', async () => {
    const vin = makeVin(new Rng(11, 'late-ref'), 1);
    await post([
      { id: 'late-biz', type: 'vehicle.business', occurredAt: at('2026-11-06T10:00:00'), unit: UNITS.donghe, actor: 'A77', data: { bizNo: 'late-biz', bizType: 'deregister', plate: '蒙B54321', vin, ownerIdNo: '11010519491231002X', windowId: 'W3' } },
    ]);
    expect((await alertsOf('BIZ_AUXILIARY_ACTING')).map((a) => a.subject.id)).not.toContain('A77');
    await post([ref('person-A77', 'ref.person', { personNo: 'A77', name: '辅警己', kind: 'auxiliary', unitCode: UNITS.donghe, roles: [], confidentialitySigned: true }, UNITS.donghe)]);
    expect((await alertsOf('BIZ_AUXILIARY_ACTING')).map((a) => a.subject.id)).toContain('A77');

    // a sample sent to a filed lab; then the registry blacklists the lab
    await post([ref('lab-late-1', 'ref.lab', { labId: 'LAB-LATE', name: '丙鉴定所', status: 'filed', internal: false })]);
    const c = 'JQ150202202611060001';
    const ev = (id: string, type: string, local: string, data: Record<string, unknown>) => ({ id: `${c}-${id}`, type, occurredAt: at(local), unit: UNITS.donghe, actor: 'P9', location: { lat: 40.6, lng: 110 }, data });
    await post([
      ev('open', 'alcohol.case_opened', '2026-11-06T01:00:00', { caseNo: c, driverIdNo: '11010519491231002X', driverName: '李四', plate: '蒙B11111', tags: [] }),
      ev('breath', 'alcohol.breath_test', '2026-11-06T01:05:00', { caseNo: c, deviceId: 'BR-9', valueMg100ml: 90, refused: false, source: 'device' }),
      ev('draw', 'alcohol.blood_drawn', '2026-11-06T01:40:00', { caseNo: c, sampleNo: `${c}-S`, sealNo: 'F9', institution: '市医院', photoSha256: 'a'.repeat(64) }),
      ev('sent', 'alcohol.sample_sent', '2026-11-06T09:00:00', { sampleNo: `${c}-S`, labId: 'LAB-LATE', handoverPhotoSha256: 'b'.repeat(64) }),
    ]);
    expect((await alertsOf('ALC_LAB_STATUS')).map((a) => a.subject.id)).not.toContain(c);
    await post([{ ...ref('lab-late-2', 'ref.lab', { labId: 'LAB-LATE', name: '丙鉴定所', status: 'blacklisted', internal: false }), occurredAt: at('2026-11-07T08:00:00') }]);
    expect((await alertsOf('ALC_LAB_STATUS')).map((a) => a.subject.id)).toContain(c);
  });
});
