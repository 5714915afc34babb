import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../rule.ts';
import { alcRoomAccess as rule, parseOpenHours, type EvidenceRoomRef, type RoomAccessInput } from './alc-room-access.ts';
import { HOUR, MINUTE } from './common.ts';
import { at, ev, only, person, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-20 12:00');
const CUSTODIAN = 'P150102201';
const AUX = 'P150102305';
const ROOM = 'ROOM-150102';
const NIGHT_ROOM = 'ROOM-150103';
const rooms: Record<string, EvidenceRoomRef> = {
  [ROOM]: { roomId: ROOM, unitCode: '150102000000', openHours: '08:00-18:00', custodians: [CUSTODIAN, 'P150102202'], eventId: 'ref-room-150102' },
  // a room staffed at night only: its hours cross midnight
  [NIGHT_ROOM]: { roomId: NIGHT_ROOM, unitCode: '150103000000', openHours: '20:00-08:00', custodians: [CUSTODIAN], eventId: 'ref-room-150103' },
};
const people = { [CUSTODIAN]: person(CUSTODIAN, 'police', { name: '王五', roles: ['custodian'] }), [AUX]: person(AUX, 'auxiliary', { name: '李四' }) };

const enter = (when: string | number, actor: string, roomId = ROOM, action = 'enter', id?: string): RuleEvent =>
  ev('alcohol.room_access', when, { roomId, action }, { actor, id });
const retrieve = (when: string | number, sampleNo: string, purpose = 'send_to_lab', actor = CUSTODIAN, id?: string): RuleEvent =>
  ev('alcohol.sample_retrieved', when, { sampleNo, roomId: ROOM, purpose }, { actor, id });
const send = (when: string | number, sampleNo: string, id?: string): RuleEvent =>
  ev('alcohol.sample_sent', when, { sampleNo, labId: 'LAB-150100-01', handoverPhotoSha256: 'c'.repeat(64) }, { actor: 'P150102017', id });
const input = (personNo: string, events: RuleEvent[], sendings: RuleEvent[] = [], over: Partial<RoomAccessInput> = {}): RoomAccessInput => ({
  personNo, person: people[personNo as keyof typeof people] ?? null, events, rooms, sendings, ...over,
});
const run = (personNo: string, events: RuleEvent[], sendings: RuleEvent[] = [], nowAt = now) => rule.evaluate(input(personNo, events, sendings), p, nowAt);

describe('ALC_ROOM_ACCESS', () => {
  it('fires red for a non-custodian entering after hours', () => {
    const e = enter('2026-11-01 23:42', AUX, ROOM, 'enter', 'access-1');
    const f = only(run(AUX, [e]));
    expect(f.rule).toBe('ALC_ROOM_ACCESS');
    expect(f.subject).toEqual({ kind: 'staff', id: AUX });
    expect(f.level).toBe('red');
    expect(f.unit).toBe('150102000000');
    expect(f.title).toBe('辅警李四（P150102305）于2026-11-01 23:42进入物证室ROOM-150102（开放时间08:00-18:00以外，且非该室保管员）');
    expect(f.figures).toEqual({
      offences: 1, afterHoursEntries: 1, nonCustodianEntries: 1, unsentRetrievals: 0,
      roomId: ROOM, at: '2026-11-01 23:42', reasons: 'after_hours,non_custodian', openHours: '08:00-18:00',
      sampleNo: null, dueAt: null, rooms: ROOM,
      details: '2026-11-01 23:42进入物证室ROOM-150102（开放时间08:00-18:00以外，且非该室保管员）', followUpHours: 24,
    });
    // the entry, and the room's reference row that states its hours and custodians
    expect(f.eventIds).toEqual(['access-1', 'ref-room-150102']);
  });

  it('fires orange for only one of the two: a custodian after hours, a non-custodian in hours', () => {
    const night = only(run(CUSTODIAN, [enter('2026-11-02 02:10', CUSTODIAN)]));
    expect(night).toMatchObject({ level: 'orange', title: '民警王五（P150102201）于2026-11-02 02:10进入物证室ROOM-150102（开放时间08:00-18:00以外）', figures: { reasons: 'after_hours' } });
    const stranger = only(run(AUX, [enter('2026-11-02 10:00', AUX)]));
    expect(stranger).toMatchObject({ level: 'orange', title: '辅警李四（P150102305）于2026-11-02 10:00进入物证室ROOM-150102（非该室保管员）', figures: { reasons: 'non_custodian' } });
  });

  it('reads 08:00-18:00 as from 08:00 up to but not including 18:00, local time', () => {
    const judged = (when: string) => run(CUSTODIAN, [enter(when, CUSTODIAN)]).length;
    expect(judged('2026-11-02 17:59')).toBe(0);
    expect(judged('2026-11-02 17:59:59')).toBe(0);
    expect(judged('2026-11-02 18:00')).toBe(1);
    expect(judged('2026-11-02 07:59:59')).toBe(1);
    expect(judged('2026-11-02 08:00')).toBe(0);
    // 09:00 in Hohhot is 01:00 UTC: the clock is Asia/Shanghai whatever the server's timezone
    expect(run(CUSTODIAN, [enter(Date.parse('2026-11-02T01:00:00Z'), CUSTODIAN)])).toEqual([]);
    // the last millisecond before closing is still open
    expect(run(CUSTODIAN, [enter(t('2026-11-02 18:00') - 1, CUSTODIAN)])).toEqual([]);
  });

  it('handles open hours that cross midnight', () => {
    const judged = (when: string) => run(CUSTODIAN, [enter(when, CUSTODIAN, NIGHT_ROOM)]).length;
    expect(judged('2026-11-02 20:00')).toBe(0);
    expect(judged('2026-11-02 23:30')).toBe(0);
    expect(judged('2026-11-03 07:59')).toBe(0);
    expect(judged('2026-11-03 08:00')).toBe(1);
    expect(judged('2026-11-03 12:00')).toBe(1);
    expect(judged('2026-11-03 19:59')).toBe(1);
  });

  it('parses the forms of open hours it accepts and refuses the others', () => {
    expect(parseOpenHours('08:00-18:00')).toEqual([[8 * HOUR, 18 * HOUR]]);
    expect(parseOpenHours('8:30 - 17:30')).toEqual([[8.5 * HOUR, 17.5 * HOUR]]);
    expect(parseOpenHours('08:00-12:00，14:00-18:00')).toEqual([[8 * HOUR, 12 * HOUR], [14 * HOUR, 18 * HOUR]]);
    expect(parseOpenHours('00:00-24:00')).toEqual([[0, 24 * HOUR]]);
    for (const bad of ['', '全天', '8-18', '25:00-18:00', '08:00-24:30', '08:60-18:00']) expect(parseOpenHours(bad)).toBeNull();
    const room = (openHours: string): RoomAccessInput['rooms'] => ({ [ROOM]: { ...rooms[ROOM], openHours } });
    const lunch = (openHours: string) => rule.evaluate(input(CUSTODIAN, [enter('2026-11-02 13:00', CUSTODIAN)], [], { rooms: room(openHours) }), p, now);
    expect(lunch('08:00-12:00,14:00-18:00')).toHaveLength(1);
    expect(lunch('00:00-24:00')).toEqual([]);
    expect(lunch('00:00-00:00')).toEqual([]);
    // hours not understood are not guessed at: only the custodian test applies
    expect(lunch('工作日白天')).toEqual([]);
    const f = rule.evaluate(input(AUX, [enter('2026-11-02 03:00', AUX)], [], { rooms: room('工作日白天') }), p, now);
    expect(only(f)).toMatchObject({ level: 'orange', figures: { reasons: 'non_custodian' } });
  });

  it('judges only the person’s own entries into rooms it knows', () => {
    // an exit is not an entry
    expect(run(AUX, [enter('2026-11-01 23:50', AUX, ROOM, 'exit')])).toEqual([]);
    // another person's entry in the input is not this person's
    expect(run(CUSTODIAN, [enter('2026-11-01 23:50', AUX)])).toEqual([]);
    // a room the reference data does not hold has no hours or custodians to judge by
    expect(run(AUX, [enter('2026-11-01 23:50', AUX, 'ROOM-UNKNOWN')])).toEqual([]);
    expect(run(AUX, [enter('2026-11-01 23:50', AUX, 'constructor')])).toEqual([]);
    // the person unknown to the reference data still gets the finding, titled by number
    const f = only(rule.evaluate(input('P999', [enter('2026-11-01 23:50', 'P999')], [], { person: null }), p, now));
    expect(f.title.startsWith('P999于2026-11-01 23:50')).toBe(true);
  });

  describe('a retrieval must be sent within 24 h', () => {
    const r = t('2026-11-05 10:00');
    const taken = () => retrieve(r, 'XY1', 'recheck', CUSTODIAN, 'retrieved-1');

    it('is not judged before its deadline; fires orange once 24 h have passed with no hand-over', () => {
      expect(run(CUSTODIAN, [taken()], [], new Date(r + 24 * HOUR))).toEqual([]);
      const f = only(run(CUSTODIAN, [taken()], [], new Date(r + 24 * HOUR + 1)));
      expect(f.level).toBe('orange');
      expect(f.subject).toEqual({ kind: 'staff', id: CUSTODIAN });
      expect(f.title).toBe('民警王五（P150102201）于2026-11-05 10:00从物证室ROOM-150102取出血样XY1（用途：复检），24小时内未送检');
      expect(f.figures).toMatchObject({ unsentRetrievals: 1, reasons: 'not_sent', sampleNo: 'XY1', dueAt: '2026-11-06 10:00', roomId: ROOM, openHours: '08:00-18:00' });
      expect(f.eventIds).toEqual(['retrieved-1']);
      // evaluated again later, the finding is the same (it names the deadline, not the time elapsed)
      expect(run(CUSTODIAN, [taken()], [], new Date(r + 30 * 24 * HOUR))).toEqual([f]);
    });

    it('counts a hand-over at exactly 24 h as in time, and 1 ms later as late', () => {
      expect(run(CUSTODIAN, [taken()], [send(r + 24 * HOUR, 'XY1')])).toEqual([]);
      const f = only(run(CUSTODIAN, [taken()], [send(r + 24 * HOUR + 1, 'XY1', 'sent-late')]));
      expect(f.level).toBe('orange');
      expect(f.title).toBe('民警王五（P150102201）于2026-11-05 10:00从物证室ROOM-150102取出血样XY1（用途：复检），24.1小时后才送检（应在24小时内）');
      expect(f.figures.reasons).toBe('sent_late');
      expect(f.eventIds).toEqual(['retrieved-1', 'sent-late']);
    });

    it('a late hand-over is judged on its own time, even before the deadline would have passed for a missing one', () => {
      const f = only(run(CUSTODIAN, [taken()], [send(r + 30 * HOUR, 'XY1')], new Date(r + 31 * HOUR)));
      expect(f.figures.reasons).toBe('sent_late');
    });

    it('whatever the purpose, a hand-over in time settles it; a hand-over before the retrieval or of another sample does not', () => {
      for (const purpose of ['send_to_lab', 'recheck', 'other']) {
        expect(run(CUSTODIAN, [retrieve(r, 'XY1', purpose)], [send(r + 3 * HOUR, 'XY1')])).toEqual([]);
        expect(run(CUSTODIAN, [retrieve(r, 'XY1', purpose)], [])).toHaveLength(1);
      }
      expect(run(CUSTODIAN, [taken()], [send(r - MINUTE, 'XY1')])).toHaveLength(1);
      expect(run(CUSTODIAN, [taken()], [send(r + HOUR, 'XY2')])).toHaveLength(1);
      // each retrieval needs its own: the second one of the same sample, 2 days later, was never sent
      const second = retrieve(r + 48 * HOUR, 'XY1', 'other', CUSTODIAN, 'retrieved-2');
      const f = only(run(CUSTODIAN, [taken(), second], [send(r + 2 * HOUR, 'XY1')]));
      expect(f.eventIds).toEqual(['retrieved-2']);
      expect(f.figures).toMatchObject({ at: '2026-11-07 10:00', reasons: 'not_sent' });
    });

    it('honours the parameter', () => {
      const late = [send(r + 30 * HOUR, 'XY1')];
      expect(run(CUSTODIAN, [taken()], late)).toHaveLength(1);
      expect(rule.evaluate(input(CUSTODIAN, [taken()], late), { followUpHours: 48 }, now)).toEqual([]);
    });
  });

  it('makes one finding per person at the worst level, listing every offence', () => {
    const events = [
      retrieve('2026-11-03 09:00', 'XY7', 'other', AUX, 'a-retrieved'),
      enter('2026-11-03 10:00', AUX, ROOM, 'enter', 'a-day'),
      enter('2026-11-04 22:15', AUX, ROOM, 'enter', 'a-night'),
      enter('2026-11-05 22:15', AUX, NIGHT_ROOM, 'enter', 'a-night-room'),
      enter('2026-11-05 23:00', AUX, ROOM, 'exit', 'a-exit'),
    ];
    const f = only(run(AUX, events));
    expect(f.level).toBe('red');
    // the worst offence names the finding even though it is not the first
    expect(f.title).toBe('辅警李四（P150102305）于2026-11-04 22:15进入物证室ROOM-150102（开放时间08:00-18:00以外，且非该室保管员）；另有3项异常（见明细）');
    expect(f.figures).toMatchObject({
      offences: 4, afterHoursEntries: 1, nonCustodianEntries: 3, unsentRetrievals: 1, at: '2026-11-04 22:15', rooms: 'ROOM-150102,ROOM-150103',
      details: [
        '2026-11-03 09:00从物证室ROOM-150102取出血样XY7（用途：其他），24小时内未送检',
        '2026-11-03 10:00进入物证室ROOM-150102（非该室保管员）',
        '2026-11-04 22:15进入物证室ROOM-150102（开放时间08:00-18:00以外，且非该室保管员）',
        '2026-11-05 22:15进入物证室ROOM-150103（非该室保管员）',
      ].join('；'),
    });
    expect(f.eventIds).toEqual(['a-retrieved', 'a-day', 'ref-room-150102', 'a-night', 'a-night-room', 'ref-room-150103']);
    // the worst entry made orange: still one finding, orange
    expect(only(run(AUX, events.filter((e) => e.id !== 'a-night'))).level).toBe('orange');
  });

  it('gives the same findings whatever the order of events, sendings and custodians, and with replays', () => {
    const base = t('2026-11-10 00:00');
    const persons = [CUSTODIAN, AUX];
    const arbEvent = fc.record({
      kind: fc.constantFrom('enter', 'exit', 'retrieve'),
      minute: fc.integer({ min: 0, max: 4 * 24 * 60 }),
      actor: fc.constantFrom(...persons),
      roomId: fc.constantFrom(ROOM, NIGHT_ROOM, 'ROOM-UNKNOWN'),
      sample: fc.constantFrom('S1', 'S2', 'S3'),
      purpose: fc.constantFrom('send_to_lab', 'recheck', 'other'),
    });
    const arbSend = fc.record({ minute: fc.integer({ min: 0, max: 6 * 24 * 60 }), sample: fc.constantFrom('S1', 'S2', 'S3') });
    const arbInput = fc
      .record({
        who: fc.constantFrom(...persons),
        events: fc.array(arbEvent, { maxLength: 12 }),
        sends: fc.array(arbSend, { maxLength: 4 }),
        nowMinute: fc.integer({ min: 0, max: 8 * 24 * 60 }),
      })
      .map(({ who, events, sends, nowMinute }) => {
        // several events at the same minute force ties to be broken by id
        const es = events.map((x, i) => {
          const when = base + x.minute * MINUTE;
          if (x.kind === 'retrieve') return ev('alcohol.sample_retrieved', when, { sampleNo: x.sample, roomId: x.roomId, purpose: x.purpose }, { actor: x.actor, id: `r${i}`, unit: `15010${i % 3}000000` });
          return ev('alcohol.room_access', when, { roomId: x.roomId, action: x.kind }, { actor: x.actor, id: `a${i}`, unit: `15010${i % 3}000000` });
        });
        const ss = sends.map((x, i) => send(base + x.minute * MINUTE, x.sample, `s${i}`));
        return { input: input(who, es, ss), now: new Date(base + nowMinute * MINUTE) };
      });
    const reorder = (i: RoomAccessInput) =>
      fc
        .tuple(
          fc.shuffledSubarray(i.events, { minLength: i.events.length, maxLength: i.events.length }),
          fc.subarray(i.events),
          fc.shuffledSubarray(i.sendings, { minLength: i.sendings.length, maxLength: i.sendings.length }),
          fc.subarray(i.sendings),
          fc.boolean(),
        )
        .map(([events, again, sendings, sentAgain, flip]): RoomAccessInput => ({
          ...i,
          events: [...events, ...again.map((e) => ({ ...e }))],
          sendings: [...sentAgain.map((e) => ({ ...e })), ...sendings],
          rooms: Object.fromEntries(
            (flip ? Object.entries(i.rooms).reverse() : Object.entries(i.rooms)).map(([k, v]) => [k, { ...v, custodians: flip ? [...v.custodians].reverse() : v.custodians }]),
          ),
        }));
    let fired = 0;
    fc.assert(
      fc.property(arbInput.chain((x) => fc.tuple(fc.constant(x), reorder(x.input))), ([x, reordered]) => {
        const expected = rule.evaluate(x.input, p, x.now);
        if (expected.length > 0) fired++;
        expect(rule.evaluate(reordered, p, x.now)).toEqual(expected);
      }),
      { numRuns: 300, seed: 20261101 },
    );
    expect(fired).toBeGreaterThan(50);
  });
});
