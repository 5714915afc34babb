// rules.md: "The same events in any arrival order must give the same alerts." The engine may hand a rule
// its events (or aggregated rows) in any order; every non-alcohol rule must answer the same for every
// permutation. Each case below is a firing input with ties and near-misses mixed in.
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { Finding, Rule } from '../rule.ts';
import { bizAgentManyPersons } from './biz-agent-many-persons.ts';
import { bizCorrectionSpike } from './biz-correction-spike.ts';
import { bizOneLicenseManyVehicles } from './biz-one-license-many-vehicles.ts';
import { bizOneVehicleManyCerts } from './biz-one-vehicle-many-certs.ts';
import { bizOutOfOrder } from './biz-out-of-order.ts';
import { ckptClonedPlate } from './ckpt-cloned-plate.ts';
import { conductLevel } from './conduct-level.ts';
import { devOffline } from './dev-offline.ts';
import { examAssignmentSkew } from './exam-assignment-skew.ts';
import { examPassRateOutlier } from './exam-pass-rate-outlier.ts';
import { inspNonlocalShare } from './insp-nonlocal-share.ts';
import { inspPassRateOutlier } from './insp-pass-rate-outlier.ts';
import type { CheckpointRef, ExamCell, InspectionCell, QueryUserDay } from './inputs.ts';
import { secQueryNoBusiness } from './sec-query-no-business.ts';
import { secQueryOffHours } from './sec-query-off-hours.ts';
import { secQueryVolume } from './sec-query-volume.ts';
import { at, ev, person, t } from './testing.ts';

const now = at('2026-11-20 12:00');

/** every permutation fast-check draws of `items`, rebuilt into an input, gives `expected` */
function sameInAnyOrder<T, I>(rule: Rule<I, any>, items: T[], build: (items: T[]) => I): Finding[] {
  const expected = rule.evaluate(build(items), rule.defaults, now);
  expect(expected.length).toBeGreaterThan(0);
  fc.assert(
    fc.property(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), (shuffled) => {
      expect(rule.evaluate(build(shuffled), rule.defaults, now)).toEqual(expected);
    }),
    { numRuns: 60 },
  );
  return expected;
}

describe('non-alcohol rules give the same findings in any order', () => {
  it('DEV_OFFLINE', () => {
    const s = (time: string, status: string) => ev('device.status', time, { deviceId: 'D', status });
    const evs = [s('2026-11-01 09:00', 'offline'), s('2026-11-01 09:00', 'abnormal_image'), s('2026-11-01 09:20', 'online'), s('2026-11-01 10:00', 'offline'), s('2026-11-01 10:05', 'online'), s('2026-11-01 11:00', 'offline')];
    sameInAnyOrder(devOffline, evs, (events) => ({ deviceId: 'D', kind: 'camera' as const, evidenceRoomCamera: false, events }));
  });

  it('BIZ_ONE_LICENSE_MANY_VEHICLES', () => {
    const rows = ['蒙B1', '蒙B2', '蒙B3', '蒙B4'].map((plate, i) => ({
      recorded: ev('violation.recorded', `2026-11-0${i + 1} 08:00`, { violationNo: `V${i}`, plate, ownerIdNo: `O${i}`, code: 'X', points: 3 }),
      processed: ev('violation.processed', '2026-11-06 10:00', { violationNo: `V${i}`, plate, licenseIdNo: 'L', pointsApplied: 3, channel: 'window' }, { unit: `15010${i}000000` }),
    }));
    sameInAnyOrder(bizOneLicenseManyVehicles, rows, (processings) => ({ licenseIdNo: 'L', processings }));
  });

  it('BIZ_AGENT_MANY_PERSONS', () => {
    const evs = Array.from({ length: 7 }, (_, i) =>
      ev('driver.business', `2026-11-0${1 + (i % 3)} 10:00`, { bizNo: `B${i}`, bizType: 'renewal', idNo: `P${i % 5}`, agentIdNo: 'A', windowId: 'W' }, { unit: `15010${i % 2}000000` }),
    );
    sameInAnyOrder(bizAgentManyPersons, evs, (events) => ({ agentIdNo: 'A', events }));
  });

  it('BIZ_ONE_VEHICLE_MANY_CERTS', () => {
    const b = (time: string, bizType: string, plate: string) => ev('vehicle.business', time, { bizType, plate, vin: 'V', ownerIdNo: 'O', windowId: 'W' });
    const evs = [b('2026-01-01 09:00', 'register', '蒙A1'), b('2026-03-01 09:00', 'plate_reissue', '蒙A1'), b('2026-05-01 09:00', 'register', '蒙A2'), b('2026-05-01 09:00', 'certificate_reissue', '蒙A2')];
    sameInAnyOrder(bizOneVehicleManyCerts, evs, (events) => ({ vin: 'V', events }));
  });

  it('BIZ_OUT_OF_ORDER', () => {
    const rec = (no: string, time: string, points: number) => ({
      recorded: ev('violation.recorded', time, { violationNo: no, plate: '蒙G1', ownerIdNo: 'L', code: 'X', points }),
      codePoints: points,
      processedAt: null,
    });
    const processed = ev('violation.processed', '2026-11-10 10:00', { violationNo: 'V9', plate: '蒙G1', licenseIdNo: 'L', pointsApplied: 6, channel: 'window' });
    const violations = [rec('V1', '2026-11-01 08:00', 3), rec('V2', '2026-11-01 08:00', 3), rec('V9', '2026-11-05 08:00', 6), rec('V10', '2026-11-06 08:00', 6)];
    sameInAnyOrder(bizOutOfOrder, violations, (vs) => ({ processed, violations: vs, licenceProcessings: [processed] }));
  });

  it('BIZ_CORRECTION_SPIKE', () => {
    const clerks = Array.from({ length: 30 }, (_, i) => ({ personNo: `C${i}`, name: null, unit: 'U', corrections: i < 2 ? 15 : i % 3, eventIds: [`e${i}a`, `e${i}b`] }));
    sameInAnyOrder(bizCorrectionSpike, clerks, (cs) => ({ weekStart: t('2026-11-02 00:00'), clerks: cs }));
  });

  it('EXAM_PASS_RATE_OUTLIER and EXAM_ASSIGNMENT_SKEW', () => {
    const cell = (examiner: string, siteId: string, school: string, exams: number, passed: number, unit = 'U1'): ExamCell => ({
      examiner, siteId, subject: 2, school, exams, passed, unit, eventIds: [`${examiner}-${siteId}-${school}`],
    });
    const cells = [
      ...Array.from({ length: 8 }, (_, i) => cell(`E${i}`, `S${i % 2}`, `校${i % 3}`, 60, 36)),
      cell('X', 'S0', '青城', 40, 40, 'U2'), cell('X', 'S0', '校1', 20, 19, 'U1'), cell('E0', 'S0', '青城', 3, 2),
    ];
    sameInAnyOrder(examPassRateOutlier, cells, (cs) => ({ weekStart: t('2026-11-02 00:00'), cells: cs }));
    sameInAnyOrder(examAssignmentSkew, cells, (cs) => ({ weekStart: t('2026-11-02 00:00'), cells: cs }));
  });

  it('INSP_PASS_RATE_OUTLIER and INSP_NONLOCAL_SHARE', () => {
    const cell = (stationId: string, registeredRegion: string, inspections: number, firstPassed: number, unit = 'U'): InspectionCell => ({
      stationId, vehicleClass: 'truck_heavy', registeredRegion, inspections, firstPassed, unit, eventIds: [`${stationId}-${registeredRegion}`],
    });
    const cells = [...Array.from({ length: 6 }, (_, i) => cell(`ST${i}`, '蒙C', 150, 110)), cell('WH', '蒙B', 80, 80, 'U1'), cell('WH', '蒙A', 60, 60, 'U2'), cell('WH', '蒙C', 20, 19, 'U1')];
    const build = (cs: InspectionCell[]) => ({ month: '2026-11', cells: cs, stationCityPrefixes: { WH: ['蒙C'], ST0: ['蒙C'] } });
    sameInAnyOrder(inspPassRateOutlier, cells, build);
    sameInAnyOrder(inspNonlocalShare, cells, build);
  });

  it('SEC_QUERY_VOLUME', () => {
    const u = (userNo: string, count: number, roles = ['window_clerk']): QueryUserDay => ({ userNo, name: null, unit: 'U', roles, count, history: [30, 40, 50], eventIds: [`${userNo}-2`, `${userNo}-1`] });
    const users = [...Array.from({ length: 20 }, (_, i) => u(`C${i}`, 100 + i)), u('X', 400), u('Y', 401, ['window_clerk', 'sysadmin']), u('Z', 250, [])];
    sameInAnyOrder(secQueryVolume, users, (us) => ({ day: '2026-11-09', users: us }));
  });

  it('SEC_QUERY_OFF_HOURS and SEC_QUERY_NO_BUSINESS', () => {
    const evs = Array.from({ length: 64 }, (_, i) =>
      ev('system.query', t('2026-11-03 21:30') + i * 5 * 60_000, { queryKind: 'person', subject: 'S', terminalIp: '10.0.0.1', resultCount: 1 }, { actor: 'P', unit: `U${i % 3}` }),
    );
    const build = (events: typeof evs) => ({ userNo: 'P', user: person('P', 'police'), events });
    sameInAnyOrder(secQueryOffHours, evs, build);
    sameInAnyOrder(secQueryNoBusiness, evs, build);
  });

  it('CKPT_CLONED_PLATE', () => {
    const ck = (id: string, lat: number, lng: number): CheckpointRef => ({ checkpointId: id, name: id, lat, lng, eventId: `ref-${id}` });
    const A = ck('A', 40.84, 111.75);
    const B = ck('B', 40.66, 109.84);
    const pass = (time: string, c: CheckpointRef) => ({ pass: ev('checkpoint.pass', time, { checkpointId: c.checkpointId, plate: 'P', plateColor: 'blue' }), checkpoint: c });
    const passes = [pass('2026-11-03 10:00', A), pass('2026-11-03 10:10', B), pass('2026-11-03 10:10', A), pass('2026-11-03 12:00', B)];
    sameInAnyOrder(ckptClonedPlate, passes, (ps) => ({ plate: 'P', plateColor: 'blue', passes: ps }));
  });

  it('CONDUCT_LEVEL', () => {
    const d = (time: string, personNo: string, points: number) => ev('conduct.deduction', time, { personNo, itemCode: 'C', points, note: '' });
    const evs = [d('2026-01-01 09:00', 'P', 4), d('2026-03-01 09:00', 'P', 4), d('2026-03-01 09:00', 'Q', 4), d('2025-11-01 09:00', 'P', 4)];
    sameInAnyOrder(conductLevel, evs, (deductions) => ({ kind: 'staff' as const, personNo: 'P', name: null, unit: 'U', deductions }));
    sameInAnyOrder(conductLevel, evs, (deductions) => ({ kind: 'unit' as const, unitCode: 'U', unitName: null, headcount: 3, deductions }));
  });
});
