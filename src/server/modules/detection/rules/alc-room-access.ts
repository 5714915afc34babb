// ALC_ROOM_ACCESS 物证室异常出入: one person's dealings with the evidence rooms. Three kinds of offence:
// entering a room outside its open hours, entering a room one is not a custodian of, and taking a sample
// out of a room without handing it to a lab within 24 h. Entries are judged as soon as they are in; a
// retrieval is judged once it has been sent (late or not) or once its deadline has passed, so the rule is
// evaluated again as time goes by (trigger 'time'). All offences of the person in the input make one
// finding, at the level of the worst, so one alert per person collects them.
import { levelRank, maxLevel, type Finding, type Level, type Rule, type RuleEvent } from '../rule.ts';
import { HOUR, MINUTE, chronological, compareEvents, dominantUnit, localDateTime, msOfLocalDay, personZh, str, uniqueIds } from './common.ts';
import type { PersonRef } from './inputs.ts';

export type RoomAccessParams = {
  /** a retrieved sample must be handed to a lab within this many hours (inclusive) */
  followUpHours: number;
};

/** a ref.evidence_room row, as the reference module stores it (the latest ref.evidence_room event wins) */
export interface EvidenceRoomRef {
  roomId: string;
  unitCode: string;
  /** daily open hours in Asia/Shanghai wall time, `08:00-18:00`; see parseOpenHours */
  openHours: string;
  /** person numbers of the room's custodians */
  custodians: string[];
  /** the ref.evidence_room event that set the row, quoted as evidence of the hours and custodians */
  eventId: string;
}

/**
 * ALC_ROOM_ACCESS, keyed by personNo (the actor of the events). How the engine builds it:
 * - `events`: the person's `alcohol.room_access` and `alcohol.sample_retrieved` events (actor = personNo)
 *   of the 7 days up to `now`. The window must reach back further than `followUpHours` so that every
 *   retrieval is still in it when its deadline passes; events of other actors are ignored.
 * - `rooms`: the ref.evidence_room rows of every roomId the events name, by roomId (as known now). An
 *   entry into a room the reference data does not hold is not judged on hours or custodians: there is
 *   nothing to judge it against.
 * - `sendings`: the `alcohol.sample_sent` events of every sampleNo retrieved in `events`, from the earliest
 *   of those retrievals on (a hand-over before a retrieval is not its follow-up; the rule skips any).
 * - `person`: ref.person of personNo, for the title; null when unknown.
 * Evaluate on the arrival of each of the person's room_access / sample_retrieved events, on the arrival
 * of a sample_sent of a sample the person retrieved, and at each retrieval's `at` + followUpHours + 1 ms
 * (the deadline is inclusive: a retrieval is overdue only once more than followUpHours have passed).
 */
export interface RoomAccessInput {
  personNo: string;
  person: PersonRef | null;
  events: RuleEvent[];
  rooms: Record<string, EvidenceRoomRef>;
  sendings: RuleEvent[];
}

const CODE = 'ALC_ROOM_ACCESS';

/**
 * Open hours as daily [from, to) ranges in milliseconds since local midnight, or null when the text is not
 * understood. `08:00-18:00` is open from 08:00:00 up to but not including 18:00:00: the room closes at 18:00,
 * so an entry at 17:59 is inside and one at 18:00 is outside. A range whose end is before its start crosses
 * midnight (`20:00-08:00`), one whose end equals its start is open round the clock, and `24:00` may end a
 * range. Several ranges may be listed, separated by commas (`08:00-12:00,14:00-18:00`).
 */
export function parseOpenHours(text: string): Array<[number, number]> | null {
  const parts = text.split(/[,，;；]/).map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return null;
  const ranges: Array<[number, number]> = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–—~～至]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return null;
    const [fromH, fromM, toH, toM] = m.slice(1).map(Number);
    if (fromH > 23 || toH > 24 || fromM > 59 || toM > 59 || (toH === 24 && toM !== 0)) return null;
    ranges.push([fromH * HOUR + fromM * MINUTE, toH * HOUR + toM * MINUTE]);
  }
  return ranges;
}

/** is the instant inside one of the daily ranges (Asia/Shanghai wall time)? */
export function withinOpenHours(at: number, ranges: ReadonlyArray<[number, number]>): boolean {
  const t = msOfLocalDay(at);
  return ranges.some(([from, to]) => (from < to ? t >= from && t < to : from > to ? t >= from || t < to : true));
}

/** hours to one decimal, rounded up: a hand-over 1 ms late must not read "24小时后" against a 24 h limit */
const lateHours = (ms: number): number => Math.ceil(ms / (HOUR / 10)) / 10;

const purposeZh: Record<string, string> = { send_to_lab: '送检', recheck: '复检', other: '其他' };

interface Offence {
  event: RuleEvent;
  level: Level;
  /** reason codes, comma-separated in the figures */
  reasons: string[];
  text: string;
  roomId: string;
  openHours: string | null;
  sampleNo: string | null;
  /** for a retrieval: the deadline of its hand-over */
  dueAt: number | null;
  /** further evidence: the room's reference row, a late hand-over */
  evidence: string[];
}

/** the worst offence names the finding; ties go to the earliest */
const byLevelThenTime = (a: Offence, b: Offence): number => levelRank(b.level) - levelRank(a.level) || compareEvents(a.event, b.event);

export const alcRoomAccess: Rule<RoomAccessInput, RoomAccessParams> = {
  code: CODE,
  name: '物证室异常出入',
  subjectKind: 'staff',
  trigger: 'time',
  defaults: { followUpHours: 24 },
  paramLabels: { followUpHours: '血样出库后应在多少小时内送检' },
  evaluate(input, params, now) {
    const { personNo } = input;
    const nowMs = now.getTime();
    const limit = params.followUpHours * HOUR;
    // a replayed event is the same fact: one copy per id, in time order
    const dedupe = (events: readonly RuleEvent[]): RuleEvent[] => {
      const seen = new Set<string>();
      return chronological(events).filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
    };
    // own keys only: a roomId such as "constructor" must not find Object's prototype
    const roomOf = (roomId: string): EvidenceRoomRef | null => (Object.hasOwn(input.rooms, roomId) ? input.rooms[roomId] : null);
    const sendings = dedupe(input.sendings).filter((e) => e.type === 'alcohol.sample_sent');
    const offences: Offence[] = [];

    for (const e of dedupe(input.events)) {
      if (e.actor !== personNo) continue;
      const roomId = str(e.data.roomId);
      const when = localDateTime(e.at);

      if (e.type === 'alcohol.room_access') {
        // an exit is not an entry: staying past closing time is seen on the entry, or not at all
        if (str(e.data.action) !== 'enter') continue;
        const room = roomOf(roomId);
        if (!room) continue;
        const ranges = parseOpenHours(room.openHours);
        // hours the reference data states in a form not understood are not guessed at
        const afterHours = ranges !== null && !withinOpenHours(e.at, ranges);
        const nonCustodian = !room.custodians.includes(personNo);
        if (!afterHours && !nonCustodian) continue;
        const why = [...(afterHours ? [`开放时间${room.openHours}以外`] : []), ...(nonCustodian ? ['非该室保管员'] : [])];
        offences.push({
          event: e,
          level: afterHours && nonCustodian ? 'red' : 'orange',
          reasons: [...(afterHours ? ['after_hours'] : []), ...(nonCustodian ? ['non_custodian'] : [])],
          text: `${when}进入物证室${roomId}（${why.join('，且')}）`,
          roomId,
          openHours: room.openHours,
          sampleNo: null,
          dueAt: null,
          evidence: [room.eventId],
        });
      } else if (e.type === 'alcohol.sample_retrieved') {
        const sampleNo = str(e.data.sampleNo);
        if (sampleNo === '') continue;
        const due = e.at + limit;
        // whatever the stated purpose, a sample that leaves the room must reach a lab: a "recheck" or
        // "other" retrieval that is never sent is exactly what the rule is for
        const next = sendings.find((s) => str(s.data.sampleNo) === sampleNo && s.at >= e.at);
        if (next !== undefined && next.at <= due) continue;
        if (next === undefined && nowMs - e.at <= limit) continue;
        const purpose = str(e.data.purpose);
        const head = `${when}从物证室${roomId}取出血样${sampleNo}（用途：${purposeZh[purpose] ?? (purpose || '未注明')}）`;
        offences.push({
          event: e,
          level: 'orange',
          reasons: [next === undefined ? 'not_sent' : 'sent_late'],
          // a missing hand-over names its deadline, not the time elapsed, so that evaluating again later
          // gives the same finding until the sample is sent
          text:
            next === undefined
              ? `${head}，${params.followUpHours}小时内未送检`
              : `${head}，${lateHours(next.at - e.at)}小时后才送检（应在${params.followUpHours}小时内）`,
          roomId,
          openHours: roomOf(roomId)?.openHours ?? null,
          sampleNo,
          dueAt: due,
          evidence: next === undefined ? [] : [next.id],
        });
      }
    }
    if (offences.length === 0) return [];

    const worst = [...offences].sort(byLevelThenTime)[0];
    const level = offences.map((o) => o.level).reduce(maxLevel);
    const count = (reason: string) => offences.filter((o) => o.reasons.includes(reason)).length;
    const more = offences.length > 1 ? `；另有${offences.length - 1}项异常（见明细）` : '';
    const finding: Finding = {
      rule: CODE,
      subject: { kind: 'staff', id: personNo },
      level,
      unit: dominantUnit(offences.map((o) => o.event)),
      title: `${personZh(personNo, input.person)}于${worst.text}${more}`,
      figures: {
        offences: offences.length,
        afterHoursEntries: count('after_hours'),
        nonCustodianEntries: count('non_custodian'),
        unsentRetrievals: count('not_sent') + count('sent_late'),
        roomId: worst.roomId,
        at: localDateTime(worst.event.at),
        reasons: worst.reasons.join(','),
        openHours: worst.openHours,
        sampleNo: worst.sampleNo,
        dueAt: worst.dueAt === null ? null : localDateTime(worst.dueAt),
        rooms: [...new Set(offences.map((o) => o.roomId))].sort().join(','),
        details: offences.map((o) => o.text).join('；'),
        followUpHours: params.followUpHours,
      },
      eventIds: uniqueIds(offences.flatMap((o) => [o.event.id, ...o.evidence])),
    };
    return [finding];
  },
};
