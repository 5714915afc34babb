import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase, idsOf, listParam, round1, shanghaiDate, shanghaiIso } from './alcohol-case.ts';
import { arbCase, arbReordered, buildCase, CASE_NO, ev, HOUR, MINUTE, ROOM_UNIT, SAMPLE_NO, T0, UNIT } from './alcohol-case.fixtures.ts';

const BREATH_T = T0 + 4 * MINUTE;

describe('foldCase', () => {
  it('folds a whole case into its steps', () => {
    const input = buildCase({ tags: ['suspected_official'], breath: 196, blood: 172 });
    const v = foldCase(input);
    expect(v.caseNo).toBe(CASE_NO);
    expect(v.unit).toBe(UNIT);
    expect(v.opened).toMatchObject({
      type: 'alcohol.case_opened', at: T0, driverIdNo: '150102198805170033', driverName: '张伟', plate: '蒙A3K921',
      tags: ['suspected_official'], located: true,
    });
    expect(v.breath).toMatchObject({ at: BREATH_T, value: 196, refused: false, source: 'device', deviceId: 'BA-150102-01', actor: 'P150102017' });
    expect(v.refusal).toBeNull();
    expect(v.sceneEvidence).toHaveLength(1);
    expect(v.draw).toMatchObject({ at: BREATH_T + HOUR, sampleNo: SAMPLE_NO, sealNo: 'FT40211937', institution: '内蒙古医科大学附属医院' });
    expect(v.sampleNo).toBe(SAMPLE_NO);
    expect(v.stored).toMatchObject({ at: BREATH_T + 2.5 * HOUR, roomId: 'ROOM-150102', unit: ROOM_UNIT, actor: 'P150102201' });
    expect(v.retrievals).toHaveLength(1);
    expect(v.sent).toMatchObject({ at: BREATH_T + 15 * HOUR, labId: 'LAB-150100-01' });
    expect(v.report).toMatchObject({ at: BREATH_T + 55 * HOUR, value: 172, labId: 'LAB-150100-01', sampleNo: SAMPLE_NO, actor: null, located: false });
    expect(v.closed).toMatchObject({ finding: 'drunk' });
    expect(v.events.map((e) => e.at)).toEqual([...v.events.map((e) => e.at)].sort((a, b) => a - b));
    expect(v.events).toHaveLength(input.events.length);
  });

  it('depends only on the set of events: any order, any replay', () => {
    fc.assert(
      fc.property(arbCase.chain((input) => fc.tuple(fc.constant(input), arbReordered(input))), ([input, reordered]) => {
        expect(foldCase(reordered)).toEqual(foldCase(input));
      }),
      { numRuns: 300, seed: 20261101 },
    );
  });

  it('breaks ties on occurredAt by id', () => {
    const a = ev('alcohol.breath_test', BREATH_T, { caseNo: CASE_NO, deviceId: 'BA-1', valueMg100ml: 90, refused: false, source: 'device' }, { id: 'b-a' });
    const b = ev('alcohol.breath_test', BREATH_T, { caseNo: CASE_NO, deviceId: 'BA-2', valueMg100ml: 120, refused: false, source: 'device' }, { id: 'b-b' });
    const input = buildCase({ breath: null, extra: [b, a] });
    expect(foldCase(input).breath?.eventId).toBe('b-a');
    expect(foldCase({ ...input, events: [...input.events].reverse() }).breath?.eventId).toBe('b-a');
  });

  it('takes the first breath test with a value as the breath test, and keeps the refusal apart', () => {
    const later = ev('alcohol.breath_test', BREATH_T + 20 * MINUTE, {
      caseNo: CASE_NO, deviceId: 'BA-150102-01', valueMg100ml: 130, refused: false, source: 'device',
    }, { id: 'breath-later' });
    const v = foldCase(buildCase({ breath: 'refused', extra: [later] }));
    expect(v.breathTests.map((b) => b.refused)).toEqual([true, false]);
    expect(v.breath?.eventId).toBe('breath-later');
    expect(v.refusal?.at).toBe(BREATH_T);
    // a refusal only: it is the breath step, with no value
    const only = foldCase(buildCase({ breath: 'refused' }));
    expect(only.breath).toMatchObject({ refused: true, value: null });
  });

  it('leaves out what is not this case: another case, an unlinked sample, room access', () => {
    const stray = [
      ev('alcohol.lab_report', T0 + 50 * HOUR, { caseNo: 'JQ-OTHER', sampleNo: 'XY-OTHER', labId: 'L', valueMg100ml: 10, reportPhotoSha256: 'f'.repeat(64) }, { id: 'other-report' }),
      ev('alcohol.sample_stored', T0 + 2 * HOUR, { sampleNo: 'XY-OTHER', roomId: 'R' }, { id: 'other-stored' }),
      ev('alcohol.room_access', T0 + 2 * HOUR, { roomId: 'R', action: 'enter' }, { id: 'access' }),
      ev('vehicle.business', T0 + 2 * HOUR, { caseNo: CASE_NO }, { id: 'not-alcohol' }),
    ];
    const v = foldCase(buildCase({ extra: stray }));
    const ids = v.events.map((e) => e.id);
    for (const id of ['other-report', 'other-stored', 'access', 'not-alcohol']) expect(ids).not.toContain(id);
    expect(v.reports).toHaveLength(1);
  });

  it('follows the first drawn sample; reports of another sample of the case stay in the list', () => {
    const second = [
      ev('alcohol.blood_drawn', BREATH_T + 2 * HOUR, { caseNo: CASE_NO, sampleNo: 'XY-2', sealNo: 'FT2', institution: 'H', photoSha256: 'b'.repeat(64) }, { id: 'draw-2' }),
      ev('alcohol.sample_stored', BREATH_T + 2.1 * HOUR, { sampleNo: 'XY-2', roomId: 'R' }, { id: 'stored-2' }),
      ev('alcohol.lab_report', BREATH_T + 20 * HOUR, { caseNo: CASE_NO, sampleNo: 'XY-2', labId: 'L', valueMg100ml: 150, reportPhotoSha256: 'f'.repeat(64) }, { id: 'report-2' }),
    ];
    const v = foldCase(buildCase({ extra: second }));
    expect(v.draws.map((d) => d.sampleNo)).toEqual([SAMPLE_NO, 'XY-2']);
    expect(v.sampleNo).toBe(SAMPLE_NO);
    expect(v.stored?.sampleNo).toBe(SAMPLE_NO);
    // the report on the case's own sample, although another sample's came first
    expect(v.report?.sampleNo).toBe(SAMPLE_NO);
    expect(v.reports.map((r) => r.eventId)[0]).toBe('report-2');
    // without a draw on record, the case still has its report
    const noDraw = buildCase({});
    const w = foldCase({ ...noDraw, events: noDraw.events.filter((e) => e.type !== 'alcohol.blood_drawn') });
    expect(w.draw).toBeNull();
    expect(w.stored).toBeNull();
    expect(w.report?.value).toBe(172);
  });

  it('names the case’s unit from its opening, else from its first own event', () => {
    const input = buildCase({});
    const withoutOpening = input.events.filter((e) => e.type !== 'alcohol.case_opened');
    expect(foldCase({ ...input, events: withoutOpening }).unit).toBe(UNIT);
    expect(foldCase({ ...input, events: [] })).toMatchObject({ unit: null, opened: null, breath: null, events: [] });
  });

  it('reads loose data defensively', () => {
    const odd = ev('alcohol.breath_test', BREATH_T, { caseNo: CASE_NO, valueMg100ml: 'x', refused: 'yes', source: 'other' }, { id: 'odd' });
    const v = foldCase(buildCase({ breath: null, extra: [odd] }));
    expect(v.breath).toMatchObject({ value: null, refused: false, source: null, deviceId: null });
  });
});

describe('case helpers', () => {
  it('shanghaiDate and shanghaiIso use UTC+8', () => {
    expect(shanghaiDate(Date.parse('2026-10-31T15:59:59Z'))).toBe('2026-10-31');
    expect(shanghaiDate(Date.parse('2026-10-31T16:00:00Z'))).toBe('2026-11-01');
    expect(shanghaiIso(Date.parse('2026-10-31T17:04:00Z'))).toBe('2026-11-01T01:04:00+08:00');
  });

  it('round1 rounds to one decimal without a negative zero', () => {
    expect(round1(1.44)).toBe(1.4);
    expect(round1(29.399999999999995)).toBe(29.4);
    expect(Object.is(round1(-0.04), 0)).toBe(true);
  });

  it('listParam splits a comma list, trimming and dropping blanks', () => {
    expect(listParam('a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(listParam('')).toEqual([]);
  });

  it('idsOf orders by time then id and drops repeats and absent steps', () => {
    const s = (id: string, at: number) => ({ eventId: id, type: 't', at, unit: UNIT, actor: null, located: true });
    expect(idsOf(s('b', 2), null, s('a', 2), s('c', 1), s('a', 2), undefined)).toEqual(['c', 'a', 'b']);
  });
});
