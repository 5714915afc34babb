import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv from 'ajv';
import { eventJsonSchemas, eventTypes, type EventType } from '../../../contract/events.ts';
import { maxDepth, parseOccurredAt, validateEvent, type ValidationResult } from './validate.ts';

const now = Date.parse('2026-11-02T00:00:00+08:00');
const at = '2026-11-01T23:15:00+08:00';
const unit = '150102000000';
const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

type Fixture = { actor?: string; location?: { lat: number; lng: number }; data: Record<string, unknown> };

/** One valid event of every type; `satisfies` makes a missing type a compile error. */
const fixtures = {
  'ref.unit': { data: { code: '150102000000', name: '新城区交警大队', level: 'county', parentCode: '150100000000', platePrefixes: ['蒙A'] } },
  'ref.person': {
    data: { personNo: 'P150102017', name: '王强', kind: 'police', unitCode: unit, roles: ['custodian', 'reviewer'], confidentialitySigned: true },
  },
  'ref.lab': { data: { labId: 'LAB-01', name: '某司法鉴定中心', status: 'filed', internal: false } },
  'ref.device': { data: { deviceId: 'BT-0042', kind: 'breathalyzer', siteId: 'S-01', calibratedUntil: '2027-03-31' } },
  'ref.evidence_room': { data: { roomId: 'ROOM-1', unitCode: unit, openHours: '08:00-18:00', custodians: ['P150102017'] } },
  'ref.checkpoint': { data: { checkpointId: 'KK-001', name: '呼和浩特东卡口', lat: 40.8424, lng: 111.749 } },
  'ref.watchlist': { data: { plate: '蒙A12345', reason: 'hit_and_run', active: true } },
  'ref.violation_code': { data: { code: '1625', description: '驾驶机动车违反道路交通信号灯通行', points: 6, fine: 200 } },
  'ref.sensitive_subject': { data: { subject: '11010519491231002X', active: true } },
  'alcohol.case_opened': {
    actor: 'P150102017',
    location: { lat: 40.8424, lng: 111.749 },
    data: { caseNo: 'JQ150102202611010042', driverIdNo: '150102198002291233', driverName: '李四', plate: '蒙AD12345', tags: ['suspected_official'] },
  },
  'alcohol.breath_test': {
    actor: 'P150102017',
    location: { lat: 40.8424, lng: 111.749 },
    data: { caseNo: 'JQ150102202611010042', deviceId: 'BT-0042', valueMg100ml: 96, refused: false, source: 'device' },
  },
  'alcohol.scene_evidence': { actor: 'P150102017', data: { caseNo: 'JQ150102202611010042', fileSha256: sha, kind: 'photo' } },
  'alcohol.blood_drawn': {
    actor: 'P150102017',
    data: { caseNo: 'JQ150102202611010042', sampleNo: 'XY-0042', sealNo: 'FQ-0042', institution: '内蒙古医科大学附属医院', photoSha256: sha },
  },
  'alcohol.sample_stored': { actor: 'P150102099', data: { sampleNo: 'XY-0042', roomId: 'ROOM-1' } },
  'alcohol.sample_retrieved': { actor: 'P150102099', data: { sampleNo: 'XY-0042', roomId: 'ROOM-1', purpose: 'send_to_lab' } },
  'alcohol.room_access': { actor: 'P150102099', data: { roomId: 'ROOM-1', action: 'enter' } },
  'alcohol.sample_sent': { actor: 'P150102017', data: { sampleNo: 'XY-0042', labId: 'LAB-01', handoverPhotoSha256: sha } },
  'alcohol.lab_report': {
    data: { caseNo: 'JQ150102202611010042', sampleNo: 'XY-0042', labId: 'LAB-01', valueMg100ml: 62, reportPhotoSha256: sha },
  },
  'alcohol.case_closed': { actor: 'P150102017', data: { caseNo: 'JQ150102202611010042', finding: 'drink' } },
  'device.status': { data: { deviceId: 'CAM-ROOM-1', status: 'offline' } },
  'vehicle.business': {
    actor: 'P150102033',
    data: {
      bizNo: 'B2026110100001',
      bizType: 'transfer',
      plate: '蒙A12345D',
      vin: 'LSVAU2180N2183294',
      ownerIdNo: '440308200001010012',
      agentIdNo: '11010519491231002X',
      windowId: 'W-03',
    },
  },
  'driver.business': {
    actor: 'P150102033',
    data: { bizNo: 'D2026110100001', bizType: 'renewal', idNo: '650101190012314561', windowId: 'W-03' },
  },
  'violation.recorded': {
    data: { violationNo: 'WF150102000001', plate: '蒙A1234学', ownerIdNo: '440308200001010012', code: '1625', points: 6, fine: 200 },
  },
  'violation.processed': {
    actor: 'P150102033',
    data: {
      violationNo: 'WF150102000001',
      plate: '蒙A1234学',
      licenseIdNo: '11010519491231002X',
      pointsApplied: 6,
      agentIdNo: '150102198002291233',
      windowId: 'W-03',
      channel: 'window',
    },
  },
  'exam.result': {
    actor: 'P150102050',
    data: { examNo: 'KS-0001', siteId: 'KC-01', subject: 2, candidateIdNo: '440308200001010012', school: '青城驾校', passed: true, deductions: 10 },
  },
  'inspection.result': {
    actor: 'P150102060',
    data: {
      inspectionNo: 'JY-0001',
      stationId: 'JC-01',
      plate: '蒙B12345',
      vehicleClass: 'truck_heavy',
      registeredRegion: '蒙B',
      firstPassed: true,
      reviewApproved: true,
    },
  },
  'av.recorded': {
    data: { recordId: 'AV-0001', kind: 'exam', siteId: 'KC-01', durationSec: 1260, subjectRef: 'KS-0001', storageRef: 'nas://av/2026/11/01/AV-0001.mp4' },
  },
  'av.deleted': { data: { recordId: 'AV-0001' } },
  'system.query': {
    actor: 'P150102070',
    data: { queryKind: 'vehicle', subject: '蒙A12345', linkedBizNo: 'B2026110100001', terminalIp: '10.15.1.23', resultCount: 1 },
  },
  'system.grant': { actor: 'P150102001', data: { userNo: 'P150102070', role: 'sysadmin', granted: true } },
  'checkpoint.pass': { location: { lat: 40.8424, lng: 111.749 }, data: { checkpointId: 'KK-001', plate: '蒙A12345', plateColor: 'blue', lane: 2, speedKmh: 63.5 } },
  'conduct.deduction': { actor: 'P150101001', data: { personNo: 'P150102017', itemCode: 'C-03-02', points: 2, note: '未按规定签收预警' } },
} satisfies Record<EventType, Fixture>;

function event(type: EventType, over: Record<string, unknown> = {}, data: Record<string, unknown> = {}): Record<string, unknown> {
  const f: Fixture = fixtures[type];
  return {
    id: `${type}-1`,
    type,
    occurredAt: at,
    unit,
    ...(f.actor === undefined ? {} : { actor: f.actor }),
    ...(f.location === undefined ? {} : { location: f.location }),
    data: { ...f.data, ...data },
    ...over,
  };
}

function rejected(r: ValidationResult): { error: string; field: string | null; id: string | null; type: string | null } {
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.event)}`);
  return r;
}

function accepted(r: ValidationResult) {
  if (!r.ok) throw new Error(`expected acceptance, got ${r.error}`);
  return r.event;
}

describe('every event type', () => {
  it('has a fixture', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...eventTypes].sort());
  });

  it.each(eventTypes)('accepts a valid %s', (type) => {
    const e = accepted(validateEvent(event(type), now));
    expect(e.type).toBe(type);
    expect(e.id).toBe(`${type}-1`);
    expect(e.occurredAtMs).toBe(Date.parse(at));
    expect(e.data).toEqual(fixtures[type].data);
  });

  it.each(eventTypes)('%s: the OpenAPI JSON Schema accepts the same event', (type) => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const validate = ajv.compile(eventJsonSchemas()[type]);
    const ev = event(type);
    if (!('actor' in ev)) delete ev.actor;
    expect(validate(ev), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ev, type: type === 'av.deleted' ? 'av.recorded' : 'av.deleted' })).toBe(false);
  });

  it.each(eventTypes)('%s: names a missing required data field', (type) => {
    const data = fixtures[type].data as Record<string, unknown>;
    const first = Object.keys(data)[0];
    const r = rejected(validateEvent(event(type, { data: { ...data, [first]: undefined } }), now));
    expect(r.field).toBe(`data.${first}`);
    expect(r.error).toBe(`data.${first}: 缺少必填字段 (required field missing)`);
    expect(r.id).toBe(`${type}-1`);
    expect(r.type).toBe(type);
  });
});

describe('the envelope', () => {
  const base = () => event('checkpoint.pass');

  it('keeps unknown fields, in data and in the envelope', () => {
    const e = accepted(validateEvent({ ...base(), source: 'kk-feed', data: { ...base().data as object, vendor: { model: 'X1' } } }, now));
    expect(e.data.vendor).toEqual({ model: 'X1' });
    expect(e.raw.source).toBe('kk-feed');
  });

  it('reads a null actor or location as absent', () => {
    const e = accepted(validateEvent({ ...base(), actor: null, location: null }, now));
    expect(e.actor).toBeNull();
    expect(e.location).toBeNull();
  });

  it('returns location as {lat, lng}', () => {
    expect(accepted(validateEvent(base(), now)).location).toEqual({ lat: 40.8424, lng: 111.749 });
  });

  it.each([
    ['a missing id', { id: undefined }, 'id', /required field missing/],
    ['an id of 65 characters', { id: 'a'.repeat(65) }, 'id', /1–64 characters/],
    ['an id with a space', { id: 'a b' }, 'id', /1–64 characters/],
    ['an id with a slash', { id: 'a/b' }, 'id', /1–64 characters/],
    ['an empty id', { id: '' }, 'id', /1–64 characters/],
    ['a numeric id', { id: 42 }, 'id', /must be a string/],
    ['an unknown type', { type: 'foo' }, 'type', /^type: 未知事件类型 \(unknown event type "foo"\)$/],
    ['a missing type', { type: undefined }, 'type', /required field missing/],
    ['a short unit code', { unit: '15010200000' }, 'unit', /12 digits/],
    ['a unit code with a letter', { unit: '15010200000A' }, 'unit', /12 digits/],
    ['a numeric unit code', { unit: 150102000000 }, 'unit', /must be a string/],
    ['an empty actor', { actor: '' }, 'actor', /must not be empty/],
    ['a latitude above 90', { location: { lat: 90.1, lng: 111 } }, 'location.lat', /≤ 90/],
    ['a latitude below -90', { location: { lat: -90.1, lng: 111 } }, 'location.lat', /≥ -90/],
    ['a longitude beyond 180', { location: { lat: 40, lng: 180.5 } }, 'location.lng', /≤ 180/],
    ['a longitude below -180', { location: { lat: 40, lng: -181 } }, 'location.lng', /≥ -180/],
    ['a location without lng', { location: { lat: 40 } }, 'location.lng', /required field missing/],
    ['a location as a string', { location: '40,111' }, 'location', /must be an object/],
    ['data as an array', { data: [] }, 'data', /must be an object/],
    ['no data', { data: undefined }, 'data', /required field missing/],
  ] as const)('rejects %s', (_name, over, field, reason) => {
    const r = rejected(validateEvent({ ...base(), ...over }, now));
    expect(r.field).toBe(field);
    expect(r.error.startsWith(`${field}: `)).toBe(true);
    expect(r.error).toMatch(reason);
  });

  it('gives back id and type only when they are harmless to store', () => {
    expect(rejected(validateEvent({ ...base(), unit: 'x' }, now))).toMatchObject({ id: 'checkpoint.pass-1', type: 'checkpoint.pass' });
    expect(rejected(validateEvent({ ...base(), type: 'foo' }, now)).type).toBe('foo');
    expect(rejected(validateEvent({ ...base(), type: 'fo o' }, now)).type).toBeNull();
    expect(rejected(validateEvent({ ...base(), id: 'x'.repeat(65) }, now)).id).toBeNull();
    expect(rejected(validateEvent({ ...base(), id: 'a\u0000' }, now)).id).toBeNull();
  });

  it('requires the actor where the type has one', () => {
    const r = rejected(validateEvent(event('alcohol.breath_test', { actor: undefined }), now));
    expect(r.field).toBe('actor');
    expect(r.error).toBe('actor: 缺少行为人：检测民警 (required for alcohol.breath_test: the officer)');
    expect(rejected(validateEvent(event('system.query', { actor: null }), now)).field).toBe('actor');
    expect(accepted(validateEvent(event('alcohol.lab_report'), now)).actor).toBeNull();
    expect(accepted(validateEvent(event('alcohol.lab_report', { actor: 'LAB-01-X' }), now)).actor).toBe('LAB-01-X');
  });

  it('needs the clerk and the window only for violations processed at a window', () => {
    const online = { channel: 'online', windowId: undefined };
    expect(accepted(validateEvent(event('violation.processed', { actor: undefined }, online), now)).actor).toBeNull();
    const noWindow = rejected(validateEvent(event('violation.processed', {}, { windowId: undefined }), now));
    expect(noWindow.error).toBe('data.windowId: 窗口办理时必填 (required when channel is window)');
    const noClerk = rejected(validateEvent(event('violation.processed', { actor: undefined }), now));
    expect(noClerk.error).toMatch(/^actor: .*when channel is window/);
  });
});

describe('occurredAt', () => {
  const withTime = (occurredAt: unknown) => validateEvent(event('checkpoint.pass', { occurredAt }), now);

  it.each([
    ['2026-11-01T23:15:00+08:00', Date.parse('2026-11-01T15:15:00Z')],
    ['2026-11-01T15:15:00Z', Date.parse('2026-11-01T15:15:00Z')],
    ['2026-11-01T15:15Z', Date.parse('2026-11-01T15:15:00Z')],
    ['2026-11-01T10:15:00.5-05:00', Date.parse('2026-11-01T15:15:00.500Z')],
    ['2026-11-01T15:15:00.123456789Z', Date.parse('2026-11-01T15:15:00.123Z')],
    ['2024-02-29T00:00:00+14:00', Date.parse('2024-02-28T10:00:00Z')],
    ['1900-01-01T00:00:00Z', Date.UTC(1900, 0, 1)],
  ])('reads %s', (s, ms) => {
    expect(parseOccurredAt(s)).toBe(ms);
    expect(accepted(withTime(s)).occurredAt).toBe(s);
  });

  it('accepts up to 10 minutes ahead of the server clock, not a millisecond more', () => {
    expect(accepted(withTime(new Date(now + 600_000).toISOString())).occurredAtMs).toBe(now + 600_000);
    const r = rejected(withTime(new Date(now + 600_001).toISOString()));
    expect(r.error).toBe('occurredAt: 晚于服务器时间超过10分钟 (more than 10 minutes in the future)');
    expect(r.field).toBe('occurredAt');
  });

  it.each([
    ['30 February', '2026-02-30T10:00:00+08:00', /not a calendar date/],
    ['29 February of a common year', '2026-02-29T10:00:00+08:00', /not a calendar date/],
    ['month 13', '2026-13-01T10:00:00+08:00', /not a calendar date/],
    ['no offset', '2026-11-01T23:15:00', /with an offset/],
    ['a date only', '2026-11-01', /with an offset/],
    ['a space for T', '2026-11-01 23:15:00+08:00', /with an offset/],
    ['an offset without colon', '2026-11-01T23:15:00+0800', /with an offset/],
    ['a lower-case z', '2026-11-01T15:15:00z', /with an offset/],
    ['hour 24', '2026-11-01T24:00:00+08:00', /not a time of day/],
    ['a leap second', '2026-12-31T23:59:60Z', /not a time of day/],
    ['an offset of 15 hours', '2026-11-01T23:15:00+15:00', /offset out of range/],
    ['ten fraction digits', '2026-11-01T15:15:00.1234567890Z', /with an offset/],
    ['an empty fraction', '2026-11-01T15:15:00.Z', /with an offset/],
    ['a year before 1900', '1899-12-31T23:59:59Z', /before 1900/],
    ['a Unix timestamp string', '1793545200', /with an offset/],
    ['trailing text', '2026-11-01T15:15:00Zjunk', /with an offset/],
    ['a truncated time', '2026-11-01T15:15:0Z', /with an offset/],
  ])('rejects %s', (_name, s, reason) => {
    const r = rejected(withTime(s));
    expect(r.field).toBe('occurredAt');
    expect(r.error).toMatch(reason);
  });

  it('rejects a number', () => {
    expect(rejected(withTime(1793545200000)).error).toBe('occurredAt: 应为字符串 (must be a string)');
  });
});

describe('identities in data', () => {
  const cases: [string, EventType, Record<string, unknown>, string, RegExp][] = [
    ['a wrong check character', 'alcohol.case_opened', { driverIdNo: '110105194912310021' }, 'data.driverIdNo', /^data\.driverIdNo: 校验位错误 \(check character should be X\)$/],
    ['30 February in an idNo', 'driver.business', { idNo: '150102199002301236' }, 'data.idNo', /not a calendar date/],
    ['a future birth date', 'exam.result', { candidateIdNo: '150102202611030011' }, 'data.candidateIdNo', /in the future/],
    ['an unknown area code', 'vehicle.business', { ownerIdNo: '990102198002291232' }, 'data.ownerIdNo', /area code 99/],
    ['a bad agent idNo', 'vehicle.business', { agentIdNo: '11010519491231002' }, 'data.agentIdNo', /18 characters/],
    ['a bad licence idNo', 'violation.processed', { licenseIdNo: '110105194912310021' }, 'data.licenseIdNo', /should be X/],
    ['a bad owner idNo on a violation', 'violation.recorded', { ownerIdNo: '440308200001010013' }, 'data.ownerIdNo', /should be 2/],
    ['an idNo as a number', 'driver.business', { idNo: 110105194912310 }, 'data.idNo', /must be a string/],
    ['a plate with O', 'alcohol.case_opened', { plate: '蒙A1O345' }, 'data.plate', /I and O/],
    ['a plate with I', 'checkpoint.pass', { plate: '蒙AI2345' }, 'data.plate', /I and O/],
    ['an unknown province', 'ref.watchlist', { plate: '台A12345' }, 'data.plate', /province/],
    ['a short plate', 'vehicle.business', { plate: '蒙A1234' }, 'data.plate', /got 6/],
    ['a plate on a violation', 'violation.recorded', { plate: '蒙I1234学' }, 'data.plate', /issuing letter/],
    ['a plate on a processing', 'violation.processed', { plate: '' }, 'data.plate', /plate/],
    ['a plate at an inspection', 'inspection.result', { plate: '蒙A123456' }, 'data.plate', /new-energy/],
    ['a plate prefix with O', 'inspection.result', { registeredRegion: '蒙O' }, 'data.registeredRegion', /plate prefix/],
    ['a city prefix', 'ref.unit', { platePrefixes: ['蒙A', 'AB'] }, 'data.platePrefixes[1]', /plate prefix/],
    ['a VIN with Q', 'vehicle.business', { vin: 'LSVAU2180N218329Q' }, 'data.vin', /I, O or Q/],
    ['a VIN with I', 'vehicle.business', { vin: 'LSVAU2I80N2183294' }, 'data.vin', /I, O or Q/],
    ['a short VIN', 'vehicle.business', { vin: 'LSVAU2180N218329' }, 'data.vin', /got 16/],
    ['an idNo-like query subject', 'system.query', { subject: '110105194912310021' }, 'data.subject', /should be X/],
    ['a plate-like query subject', 'system.query', { subject: '蒙A1O345' }, 'data.subject', /I and O/],
    ['a sensitive subject idNo', 'ref.sensitive_subject', { subject: '150102202611030011' }, 'data.subject', /in the future/],
    ['a breath value above 1000', 'alcohol.breath_test', { valueMg100ml: 1000.5 }, 'data.valueMg100ml', /between 0 and 1000/],
    ['a negative breath value', 'alcohol.breath_test', { valueMg100ml: -1 }, 'data.valueMg100ml', /between 0 and 1000/],
    ['a breath value as a string', 'alcohol.breath_test', { valueMg100ml: '96' }, 'data.valueMg100ml', /must be a number/],
    ['a lab value above 1000', 'alcohol.lab_report', { valueMg100ml: 1001 }, 'data.valueMg100ml', /between 0 and 1000/],
    ['a negative lab value', 'alcohol.lab_report', { valueMg100ml: -0.5 }, 'data.valueMg100ml', /between 0 and 1000/],
    ['a missing breath value', 'alcohol.breath_test', { valueMg100ml: undefined }, 'data.valueMg100ml', /^data\.valueMg100ml: 未拒绝检测时必填 \(required unless refused is true\)$/],
    ['a unit code in data', 'ref.person', { unitCode: '1501' }, 'data.unitCode', /12 digits/],
    ['a parent code', 'ref.unit', { parentCode: '15010000000' }, 'data.parentCode', /12 digits/],
    ['a breathalyzer without calibration date', 'ref.device', { calibratedUntil: undefined }, 'data.calibratedUntil', /required for a breathalyzer/],
    ['a calibration date that is not a date', 'ref.device', { calibratedUntil: '2027-02-29' }, 'data.calibratedUntil', /not a calendar date/],
    ['a SHA-256 too short', 'alcohol.scene_evidence', { fileSha256: 'abc' }, 'data.fileSha256', /64 hex/],
    ['an IP that is not one', 'system.query', { terminalIp: '10.15.1.256' }, 'data.terminalIp', /IPv4 or IPv6/],
    ['a plate colour outside the list', 'checkpoint.pass', { plateColor: 'red' }, 'data.plateColor', /must be one of blue, yellow, green, white, black; got "red"/],
    ['a negative speed', 'checkpoint.pass', { speedKmh: -1 }, 'data.speedKmh', /≥ 0/],
    ['an exam subject 5', 'exam.result', { subject: 5 }, 'data.subject', /≤ 4/],
    ['fractional points', 'ref.violation_code', { points: 1.5 }, 'data.points', /integer/],
    ['zero conduct points', 'conduct.deduction', { points: 0 }, 'data.points', /> 0/],
    ['an identifier with a space', 'alcohol.sample_stored', { sampleNo: 'XY 0042' }, 'data.sampleNo', /without spaces/],
    ['a role that is not a string', 'ref.person', { roles: ['custodian', 7] }, 'data.roles[1]', /must be a string/],
    ['opening hours in words', 'ref.evidence_room', { openHours: '8am-6pm' }, 'data.openHours', /HH:MM-HH:MM/],
    ['an unknown unit level', 'ref.unit', { level: 'region' }, 'data.level', /must be one of province, city, county, squad/],
    ['refused as a string', 'alcohol.breath_test', { refused: 'false' }, 'data.refused', /true or false/],
  ];
  it.each(cases)('rejects %s', (_name, type, data, field, reason) => {
    const r = rejected(validateEvent(event(type, {}, data), now));
    expect(r.field).toBe(field);
    expect(r.error.startsWith(`${field}: `)).toBe(true);
    expect(r.error).toMatch(reason);
    expect(r.type).toBe(type);
  });

  it('accepts a refusal without a breath value, and one with a value', () => {
    expect(accepted(validateEvent(event('alcohol.breath_test', {}, { refused: true, valueMg100ml: undefined }), now)).data.refused).toBe(true);
    expect(accepted(validateEvent(event('alcohol.breath_test', {}, { refused: true, valueMg100ml: 0 }), now)).data.valueMg100ml).toBe(0);
  });

  it('accepts a camera without a calibration date', () => {
    accepted(validateEvent(event('ref.device', {}, { kind: 'camera', calibratedUntil: undefined }), now));
    accepted(validateEvent(event('ref.device', {}, { kind: 'camera', calibratedUntil: null }), now));
  });

  it('accepts boundary alcohol values 0 and 1000', () => {
    accepted(validateEvent(event('alcohol.breath_test', {}, { valueMg100ml: 0 }), now));
    accepted(validateEvent(event('alcohol.lab_report', {}, { valueMg100ml: 1000 }), now));
  });

  it('passes subjects that look like neither an idNo nor a plate', () => {
    accepted(validateEvent(event('system.query', {}, { queryKind: 'violation', subject: 'WF150102000001' }), now));
  });

  it('normalises plates, VINs, the X of idNos and hashes, without touching the input', () => {
    const input = event(
      'vehicle.business',
      {},
      { plate: '蒙ad12345', vin: 'lsvau2180n2183294', ownerIdNo: '11010519491231002x', agentIdNo: undefined },
    );
    const snapshot = JSON.stringify(input);
    const e = accepted(validateEvent(input, now));
    expect(e.data).toMatchObject({ plate: '蒙AD12345', vin: 'LSVAU2180N2183294', ownerIdNo: '11010519491231002X' });
    expect((e.raw.data as Record<string, unknown>).plate).toBe('蒙AD12345');
    expect(e.raw.id).toBe(input.id);
    expect(JSON.stringify(input)).toBe(snapshot);

    const prefixes = accepted(validateEvent(event('ref.unit', {}, { platePrefixes: ['蒙a', '蒙K'] }), now));
    expect(prefixes.data.platePrefixes).toEqual(['蒙A', '蒙K']);
    const subject = accepted(validateEvent(event('system.query', {}, { subject: '蒙a12345' }), now));
    expect(subject.data.subject).toBe('蒙A12345');
    const hash = accepted(validateEvent(event('alcohol.scene_evidence', {}, { fileSha256: sha.toUpperCase() }), now));
    expect(hash.data.fileSha256).toBe(sha);
  });

  it('hands back the input object itself when nothing needed normalising', () => {
    const input = event('checkpoint.pass');
    const e = accepted(validateEvent(input, now));
    expect(e.raw).toBe(input);
    expect(e.data).toBe(input.data);
  });
});

describe('what the database must never see', () => {
  const withData = (extra: Record<string, unknown>) => validateEvent(event('checkpoint.pass', {}, extra), now);

  function nest(levels: number): unknown {
    let v: unknown = {};
    for (let i = 1; i < levels; i++) v = { a: v };
    return v;
  }

  it(`accepts nesting of exactly ${maxDepth} levels and rejects ${maxDepth + 1}`, () => {
    // event (1) > data (2) > deep (3) > …
    accepted(withData({ deep: nest(maxDepth - 2) }));
    const r = rejected(withData({ deep: nest(maxDepth - 1) }));
    expect(r.error).toMatch(/nested deeper than 16 levels/);
    expect(r.field).toBe(`data.deep${'.a'.repeat(maxDepth - 2)}`);
    expect(rejected(withData({ list: [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]] })).field).toBe(`data.list${'[0]'.repeat(14)}`);
  });

  it('survives nesting far too deep to recurse through', () => {
    let v: unknown = {};
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(rejected(withData({ deep: v })).error).toMatch(/nested deeper/);
  });

  it('rejects NUL characters in values and keys', () => {
    expect(rejected(withData({ note: 'a\u0000b' })).error).toBe('data.note: 含有NUL字符 (contains a NUL character, \\u0000)');
    expect(rejected(validateEvent(event('checkpoint.pass', { actor: 'P\u0000' }), now)).field).toBe('actor');
    const key = rejected(withData({ 'a\u0000': 1 }));
    expect(key.error).toMatch(/NUL/);
    expect(key.error).not.toContain('\u0000');
    expect(key.field).not.toContain('\u0000');
  });

  it('rejects lone surrogates but keeps real pairs', () => {
    expect(rejected(withData({ note: 'x\uD83D' })).error).toMatch(/lone UTF-16 surrogate/);
    expect(rejected(withData({ note: '\uDE00x' })).error).toMatch(/lone UTF-16 surrogate/);
    expect(rejected(withData({ tags: ['ok', '\uDE00\uD83D'] })).field).toBe('data.tags[1]');
    expect(rejected(withData({ ['k\uD800']: 1 })).error).toMatch(/surrogate/);
    accepted(withData({ note: '酒驾 🚗 ok' }));
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere', (key) => {
    const top = rejected(validateEvent(JSON.parse(`{"id":"x","${key}":{}}`), now));
    expect(top.error).toBe(`${key}: 禁止使用的键名 (forbidden key "${key}")`);
    const deep = rejected(validateEvent(JSON.parse(`{"id":"x","data":{"a":[{"${key}":1}]}}`), now));
    expect(deep.field).toBe(`data.a[0].${key}`);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['a string', '{"id":"x"}'],
    ['an array', [event('checkpoint.pass')]],
    ['true', true],
    ['undefined', undefined],
    ['a Date', new Date()],
    ['a Map', new Map()],
  ])('rejects %s as not a JSON object', (_name, value) => {
    expect(validateEvent(value, now)).toEqual({
      ok: false,
      error: 'event: 不是JSON对象 (not a JSON object)',
      field: null,
      id: null,
      type: null,
    });
  });

  it('rejects values JSON cannot carry', () => {
    expect(rejected(withData({ x: Number.NaN })).error).toMatch(/finite/);
    expect(rejected(withData({ x: 1n })).error).toMatch(/not a JSON value/);
    expect(rejected(withData({ x: () => 1 })).error).toMatch(/not a JSON value/);
    expect(rejected(withData({ x: [undefined] })).field).toBe('data.x[0]');
    expect(rejected(withData({ x: new Date() })).error).toMatch(/not a JSON object/);
  });

  it('does not throw on a hostile object', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    expect(rejected(validateEvent(hostile, now)).error).toBe('event: 无法校验 (could not be validated)');
    const getter = { ...event('checkpoint.pass') };
    Object.defineProperty(getter, 'data', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(rejected(validateEvent(getter, now)).error).toMatch(/could not be validated/);
  });

  it('quotes odd keys in paths', () => {
    expect(rejected(withData({ 'a b': 'x\u0000' })).field).toBe('data["a b"]');
  });
});

describe('never throws, always well formed (property)', () => {
  // A rejection is stored as a dead letter: every text in it must be storable in PostgreSQL.
  const storable = (s: string) => !s.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

  function wellFormed(r: ValidationResult): boolean {
    if (r.ok) {
      const e = r.event;
      return (
        typeof e.id === 'string' &&
        (eventTypes as readonly string[]).includes(e.type) &&
        Number.isFinite(e.occurredAtMs) &&
        e.occurredAtMs <= now + 600_000 &&
        /^[0-9]{12}$/.test(e.unit) &&
        (e.actor === null || typeof e.actor === 'string') &&
        typeof e.data === 'object' &&
        e.raw.data === e.data
      );
    }
    return (
      typeof r.error === 'string' &&
      r.error.length > 0 &&
      storable(r.error) &&
      (r.field === null ? r.error.startsWith('event: ') : r.error.startsWith(`${r.field}: `) && storable(r.field)) &&
      (r.id === null || /^[A-Za-z0-9._:-]{1,64}$/.test(r.id)) &&
      (r.type === null || /^[A-Za-z0-9._:-]{1,64}$/.test(r.type))
    );
  }

  it('for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 20 }), (v) => wellFormed(validateEvent(v, now))),
      { numRuns: 2000 },
    );
  });

  it('for anything, objects included', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, maxDepth: 20 }), (v) =>
        wellFormed(validateEvent(v, now)),
      ),
      { numRuns: 2000 },
    );
  });

  it('for valid events with one field replaced by anything', () => {
    const keys = ['id', 'type', 'occurredAt', 'unit', 'actor', 'location', 'data', '__proto__', 'constructor', 'extra'];
    fc.assert(
      fc.property(
        fc.constantFrom(...eventTypes),
        fc.constantFrom(...keys),
        fc.boolean(),
        fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.anything()),
        (type, key, inData, value) => {
          const ev = event(type);
          const target = inData ? (ev.data as Record<string, unknown>) : ev;
          const dataKeys = Object.keys(target);
          const k = inData ? dataKeys[key.length % dataKeys.length] : key;
          Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true });
          return wellFormed(validateEvent(ev, now));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
