// Input assembly for the keyed rule families: given the keys a chunk of events touched (on arrival) or the
// keys active in a period (time-dependent runs, back-tests), build each rule's input from the keyed
// projection and the reference data, exactly as rules/inputs.ts describes. Every input holds everything
// known of its key up to `until`, so the same stored events give the same findings in any arrival order.
import type { Tx } from '../../platform/db/client.ts';
import {
  allEvidenceRooms,
  checkpointsByIds,
  devicesByIds,
  headcounts,
  personsByNos,
  sensitiveSubjectsBy,
  violationCodesByCodes,
} from '../reference/index.ts';
import { eventsByKeys, passesByKeys, type KeyKind } from './keyed.ts';
import type { Rule, RuleEvent } from './rule.ts';
import { DAY } from './rules/common.ts';
import type { PersonKind, PersonRef, ViolationOnRecord } from './rules/inputs.ts';
import type { EvidenceRoomRef } from './rules/alc-room-access.ts';
import { avEarlyDelete } from './rules/av-early-delete.ts';
import { bizAgentManyPersons } from './rules/biz-agent-many-persons.ts';
import { bizAuxiliaryActing } from './rules/biz-auxiliary-acting.ts';
import { bizOffHours } from './rules/biz-off-hours.ts';
import { bizOneLicenseManyVehicles } from './rules/biz-one-license-many-vehicles.ts';
import { bizOneVehicleManyCerts } from './rules/biz-one-vehicle-many-certs.ts';
import { bizOutOfOrder } from './rules/biz-out-of-order.ts';
import { bizPointsNotApplied } from './rules/biz-points-not-applied.ts';
import { ckptClonedPlate } from './rules/ckpt-cloned-plate.ts';
import { conductLevel } from './rules/conduct-level.ts';
import { devOffline } from './rules/dev-offline.ts';
import { secPrivilegeGrant } from './rules/sec-privilege-grant.ts';
import { secQueryNoBusiness } from './rules/sec-query-no-business.ts';
import { secQueryOffHours } from './rules/sec-query-off-hours.ts';
import { secSensitiveSubject } from './rules/sec-sensitive-subject.ts';
import { alcRoomAccess } from './rules/alc-room-access.ts';

export interface Evaluation {
  rule: Rule<any, any>;
  input: unknown;
}

export interface AssembleContext {
  /** what rules are told "now" is */
  now: number;
  /** the latest event time an input may hold (a replay's asOf); absent: everything stored */
  until?: number;
  /** the earliest time of interest (the oldest arriving event, a back-test's start): windows reach back from it */
  earliest?: number;
}

/** where look-back windows start from: the older of now and the earliest event of interest */
const base = (ctx: AssembleContext): number => Math.min(ctx.now, ctx.earliest ?? ctx.now);

export interface KeyedFamily {
  kind: KeyKind;
  rules: readonly Rule<any, any>[];
  assemble(tx: Tx, keys: readonly string[], ctx: AssembleContext): Promise<Evaluation[]>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const YEAR = 366 * DAY;

async function personMap(tx: Tx, nos: Iterable<string>): Promise<Map<string, PersonRef>> {
  const rows = await personsByNos(tx, [...new Set(nos)].filter(Boolean));
  return new Map(
    rows.map((p) => [
      p.personNo,
      { personNo: p.personNo, name: p.name, kind: p.kind as PersonKind, unitCode: p.unitCode, roles: p.roles, confidentialitySigned: p.confidentialitySigned, eventId: p.eventId },
    ]),
  );
}

/** a key's events, or none */
const of = (m: Map<string, RuleEvent[]>, k: string): RuleEvent[] => m.get(k) ?? [];

const vin: KeyedFamily = {
  kind: 'vin',
  rules: [bizOneVehicleManyCerts],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'vin', keys, { until: ctx.until });
    return keys.map((k) => ({ rule: bizOneVehicleManyCerts, input: { vin: k, events: of(m, k) } }));
  },
};

const agent: KeyedFamily = {
  kind: 'agent',
  rules: [bizAgentManyPersons],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'agent', keys, { from: base(ctx) - 62 * DAY, until: ctx.until });
    return keys.map((k) => ({ rule: bizAgentManyPersons, input: { agentIdNo: k, events: of(m, k) } }));
  },
};

/** the recorded violations (with their code's points and first processing) of these violation numbers */
async function violationsOnRecord(tx: Tx, violationNos: readonly string[], until?: number): Promise<Map<string, ViolationOnRecord>> {
  const m = await eventsByKeys(tx, 'violation', violationNos, { until });
  const recorded: RuleEvent[] = [];
  const processedAt = new Map<string, number>();
  for (const [no, list] of m) {
    for (const e of list) {
      if (e.type === 'violation.recorded') recorded.push(e);
      else if (e.type === 'violation.processed') processedAt.set(no, Math.min(processedAt.get(no) ?? Infinity, e.at));
    }
  }
  const codes = new Map((await violationCodesByCodes(tx, recorded.map((r) => str(r.data.code)))).map((c) => [c.code, c.points]));
  const out = new Map<string, ViolationOnRecord>();
  for (const r of recorded) {
    const no = str(r.data.violationNo);
    const prev = out.get(no);
    // the first record of a violation number is the record (a re-sent copy changes nothing)
    if (prev && (prev.recorded.at < r.at || (prev.recorded.at === r.at && prev.recorded.id < r.id))) continue;
    out.set(no, { recorded: r, codePoints: codes.get(str(r.data.code)) ?? null, processedAt: processedAt.get(no) ?? null });
  }
  return out;
}

const licence: KeyedFamily = {
  kind: 'licence',
  rules: [bizOneLicenseManyVehicles],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'licence', keys, { from: base(ctx) - YEAR, until: ctx.until, types: ['violation.processed'] });
    const nos = [...m.values()].flat().map((e) => str(e.data.violationNo));
    const rec = await violationsOnRecord(tx, nos, ctx.until);
    return keys.map((k) => ({
      rule: bizOneLicenseManyVehicles,
      input: { licenseIdNo: k, processings: of(m, k).map((p) => ({ processed: p, recorded: rec.get(str(p.data.violationNo))?.recorded ?? null })) },
    }));
  },
};

const violation: KeyedFamily = {
  kind: 'violation',
  rules: [bizPointsNotApplied],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'violation', keys, { until: ctx.until, types: ['violation.processed'] });
    const rec = await violationsOnRecord(tx, keys, ctx.until);
    const out: Evaluation[] = [];
    for (const k of keys) for (const p of of(m, k)) out.push({ rule: bizPointsNotApplied, input: { processed: p, violation: rec.get(k) ?? null } });
    return out;
  },
};

/** BIZ_OUT_OF_ORDER: every processing of the plate, against the plate's record and the licence's points */
const plate: KeyedFamily = {
  kind: 'plate',
  rules: [bizOutOfOrder],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'plate', keys, { from: base(ctx) - 3 * YEAR, until: ctx.until });
    const processed = [...m.values()].flat().filter((e) => e.type === 'violation.processed');
    if (processed.length === 0) return [];
    const recordedNos = [...m.values()].flat().filter((e) => e.type === 'violation.recorded').map((e) => str(e.data.violationNo));
    const rec = await violationsOnRecord(tx, recordedNos, ctx.until);
    const lic = await eventsByKeys(tx, 'licence', processed.map((p) => str(p.data.licenseIdNo)), { from: base(ctx) - 2 * YEAR, until: ctx.until, types: ['violation.processed'] });
    const out: Evaluation[] = [];
    for (const k of keys) {
      const list = of(m, k);
      const violations = list.filter((e) => e.type === 'violation.recorded').map((e) => rec.get(str(e.data.violationNo))).filter((v): v is ViolationOnRecord => !!v);
      for (const p of list) {
        if (p.type !== 'violation.processed') continue;
        const licenceProcessings = of(lic, str(p.data.licenseIdNo)).filter((x) => x.at < p.at && x.at >= p.at - 365 * DAY);
        out.push({ rule: bizOutOfOrder, input: { processed: p, violations, licenceProcessings } });
      }
    }
    return out;
  },
};

const record: KeyedFamily = {
  kind: 'record',
  rules: [avEarlyDelete],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'record', keys, { until: ctx.until });
    const out: Evaluation[] = [];
    for (const k of keys) {
      const list = of(m, k);
      const recorded = list.find((e) => e.type === 'av.recorded') ?? null;
      for (const d of list) if (d.type === 'av.deleted') out.push({ rule: avEarlyDelete, input: { deleted: d, recorded } });
    }
    return out;
  },
};

const user: KeyedFamily = {
  kind: 'user',
  rules: [secQueryOffHours, secQueryNoBusiness],
  async assemble(tx, keys, ctx) {
    // a user's queries of the local days the arriving ones fall on, and the night before: the rules
    // group by day and night themselves, so two days around the latest query is a safe superset
    const m = await eventsByKeys(tx, 'user', keys, { from: base(ctx) - 2 * DAY, until: ctx.until });
    const persons = await personMap(tx, keys);
    const out: Evaluation[] = [];
    for (const k of keys) {
      const all = of(m, k);
      if (all.length === 0) continue;
      const input = { userNo: k, user: persons.get(k) ?? null, events: all };
      out.push({ rule: secQueryOffHours, input }, { rule: secQueryNoBusiness, input });
    }
    return out;
  },
};

const pass: KeyedFamily = {
  kind: 'pass',
  rules: [ckptClonedPlate],
  async assemble(tx, keys, ctx) {
    const m = await passesByKeys(tx, keys, { from: base(ctx) - 2 * DAY, until: ctx.until });
    const cps = new Map((await checkpointsByIds(tx, [...m.values()].flat().map((e) => str(e.data.checkpointId)))).map((c) => [c.checkpointId, c]));
    return keys.map((k) => {
      const [plateNo, color] = k.split('|');
      return {
        rule: ckptClonedPlate,
        input: {
          plate: plateNo,
          plateColor: color,
          passes: of(m, k).map((e) => {
            const c = cps.get(str(e.data.checkpointId));
            return { pass: e, checkpoint: c ? { checkpointId: c.checkpointId, name: c.name, lat: c.lat, lng: c.lng, eventId: c.eventId } : null };
          }),
        },
      };
    });
  },
};

const person: KeyedFamily = {
  kind: 'person',
  rules: [conductLevel],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'person', keys, { from: base(ctx) - 2 * YEAR, until: ctx.until });
    const persons = await personMap(tx, keys);
    const out: Evaluation[] = [];
    for (const k of keys) {
      const p = persons.get(k);
      const deductions = of(m, k);
      if (deductions.length === 0) continue;
      out.push({ rule: conductLevel, input: { kind: 'staff', personNo: k, name: p?.name ?? null, unit: p?.unitCode ?? deductions[deductions.length - 1].unit, deductions } });
    }
    return out;
  },
};

const cunit: KeyedFamily = {
  kind: 'cunit',
  rules: [conductLevel],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'cunit', keys, { from: base(ctx) - 2 * YEAR, until: ctx.until });
    const heads = await headcounts(tx, keys);
    return keys
      .filter((k) => of(m, k).length > 0)
      .map((k) => ({ rule: conductLevel, input: { kind: 'unit', unitCode: k, unitName: null, headcount: heads.get(k) ?? 0, deductions: of(m, k) } }));
  },
};

const device: KeyedFamily = {
  kind: 'device',
  rules: [devOffline],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'device', keys, { from: base(ctx) - 8 * DAY, until: ctx.until });
    const devs = new Map((await devicesByIds(tx, keys)).map((d) => [d.deviceId, d]));
    const rooms = new Set((await allEvidenceRooms(tx)).map((r) => r.roomId));
    return keys.map((k) => {
      const d = devs.get(k);
      return {
        rule: devOffline,
        input: { deviceId: k, kind: (d?.kind ?? null) as 'breathalyzer' | 'camera' | 'exam_terminal' | null, evidenceRoomCamera: d?.kind === 'camera' && rooms.has(d.siteId), events: of(m, k) },
      };
    });
  },
};

const roomperson: KeyedFamily = {
  kind: 'roomperson',
  rules: [alcRoomAccess],
  async assemble(tx, keys, ctx) {
    const m = await eventsByKeys(tx, 'roomperson', keys, { from: base(ctx) - 8 * DAY, until: ctx.until });
    const samples = [...m.values()].flat().filter((e) => e.type === 'alcohol.sample_retrieved').map((e) => str(e.data.sampleNo));
    const sent = await eventsByKeys(tx, 'sample', samples, { until: ctx.until, types: ['alcohol.sample_sent'] });
    const roomIds = new Set([...m.values()].flat().map((e) => str(e.data.roomId)));
    const rooms: Record<string, EvidenceRoomRef> = {};
    for (const r of await allEvidenceRooms(tx)) {
      if (roomIds.has(r.roomId)) rooms[r.roomId] = { roomId: r.roomId, unitCode: r.unitCode, openHours: r.openHours, custodians: r.custodians, eventId: r.eventId };
    }
    const persons = await personMap(tx, keys);
    return keys.map((k) => {
      const events = of(m, k);
      const mine = new Set(events.filter((e) => e.type === 'alcohol.sample_retrieved').map((e) => str(e.data.sampleNo)));
      return { rule: alcRoomAccess, input: { personNo: k, person: persons.get(k) ?? null, events, rooms, sendings: [...mine].flatMap((s) => of(sent, s)) } };
    });
  },
};

export const keyedFamilies: readonly KeyedFamily[] = [vin, agent, licence, violation, plate, record, user, pass, person, cunit, device, roomperson];

/** a sample handed over makes the custodians who took it out look again (ALC_ROOM_ACCESS follow-up) */
export async function retrieversOfSamples(tx: Tx, samples: readonly string[], until?: number): Promise<string[]> {
  const m = await eventsByKeys(tx, 'sample', samples, { until, types: ['alcohol.sample_retrieved'] });
  return [...new Set([...m.values()].flat().map((e) => e.actor).filter((a): a is string => !!a))];
}

// ── Rules judged on one event alone ────────────────────────────────────────────────────────────────────

const STAFF_TYPES = new Set(['vehicle.business', 'driver.business', 'violation.processed']);

/** the single-event rules' inputs for these events */
export async function singleEventEvaluations(tx: Tx, events: readonly RuleEvent[]): Promise<Evaluation[]> {
  const staff = events.filter((e) => STAFF_TYPES.has(e.type));
  const queries = events.filter((e) => e.type === 'system.query');
  const grants = events.filter((e) => e.type === 'system.grant');
  if (!staff.length && !queries.length && !grants.length) return [];
  const persons = await personMap(tx, [...staff.map((e) => e.actor ?? ''), ...grants.map((g) => str(g.data.userNo))]);
  const sensitive = new Map((await sensitiveSubjectsBy(tx, queries.map((q) => str(q.data.subject)))).map((x) => [x.subject, x]));
  const out: Evaluation[] = [];
  for (const e of staff) {
    const input = { event: e, actor: e.actor ? (persons.get(e.actor) ?? null) : null };
    out.push({ rule: bizOffHours, input }, { rule: bizAuxiliaryActing, input });
  }
  for (const q of queries) {
    const s = sensitive.get(str(q.data.subject));
    out.push({ rule: secSensitiveSubject, input: { query: q, sensitive: s ? { subject: s.subject, active: s.active, eventId: s.eventId } : null } });
  }
  for (const g of grants) out.push({ rule: secPrivilegeGrant, input: { grant: g, grantee: persons.get(str(g.data.userNo)) ?? null } });
  return out;
}

export const singleEventRules: readonly Rule<any, any>[] = [bizOffHours, bizAuxiliaryActing, secSensitiveSubject, secPrivilegeGrant];
export const singleEventTypes = [...STAFF_TYPES, 'system.query', 'system.grant'];
