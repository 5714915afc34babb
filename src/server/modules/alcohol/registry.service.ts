// The registers around the cases: labs (filing status over time, statistics), evidence rooms (register,
// inventory, overdue samples, cameras), the high-risk rate by unit and period, and re-test draws.
import { randomInt } from 'node:crypto';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { actorLabel } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { subjectAlertLevels, type AlertService } from '../alerts/index.ts';
import { allEvidenceRooms, allLabs, personsByNos } from '../reference/index.ts';
import * as repo from './alcohol.repository.ts';
import { canSee, isRootCaller, visibleUnits } from './alcohol.policy.ts';
import { isOverdue, SEND_WITHIN_HOURS } from './alcohol.service.ts';
import { DRAW_ALGORITHM, drawCases, populationSha256 } from './retest-draw.ts';
import { highRiskChange, periodBounds, type Period, type RateFigures } from './high-risk.ts';

const iso = (s: string | number | null | undefined) => (s === null || s === undefined ? null : new Date(s).toISOString());
const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const HOUR_MS = 3_600_000;

type LabStatus = 'filed' | 'suspended' | 'blacklisted';

export interface HighRiskQuery {
  unit?: string;
  period: Period;
  at?: string;
  from?: string;
  to?: string;
  baseFrom?: string;
  baseTo?: string;
}

export interface DrawInput {
  from: string;
  to: string;
  count: number;
  labId: string;
  unit?: string;
  levels?: string[];
  seed?: number;
  note?: string;
}

export class AlcoholRegistryService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
    private readonly alerts: AlertService,
  ) {}

  // ── Labs ──────────────────────────────────────────────────────────────────────────────────────────────

  private async labsWithHistory(tx: Tx, labId?: string) {
    const [labs, events] = await Promise.all([allLabs(tx), repo.labStatusEventsOf(tx, labId)]);
    const history = new Map<string, { at: string; status: LabStatus; previous: LabStatus | null; reason: string | null; actor: string | null; unit: string; eventId: string }[]>();
    for (const e of events) {
      let list = history.get(e.labId);
      if (!list) history.set(e.labId, (list = []));
      const previous = list.length ? list[list.length - 1].status : null;
      // a report that repeats the status in force is no change
      if (previous === e.status) continue;
      list.push({ at: iso(e.at)!, status: e.status as LabStatus, previous, reason: e.reason, actor: e.actor, unit: e.unitCode, eventId: e.eventId });
    }
    return { labs: labs.filter((l) => labId === undefined || l.labId === labId), history };
  }

  private async biasAlerts(caller: Caller, labId?: string) {
    const r = await this.alerts.list(caller, { rule: 'ALC_LAB_BIAS', subjectKind: 'lab', subjectId: labId, limit: 1000 });
    const out = new Map<string, (typeof r.items)[number]>();
    // newest first: keep the most recent alert of each lab
    for (const a of r.items) if (!out.has(a.subject.id)) out.set(a.subject.id, a);
    return { byLab: out, items: r.items };
  }

  async listLabs(caller: Caller) {
    const tx = asTx(this.database.db);
    const units = visibleUnits(this.units, caller);
    const [{ labs, history }, aggregates, bias] = await Promise.all([this.labsWithHistory(tx), repo.labAggregates(tx, units), this.biasAlerts(caller)]);
    const byLab = new Map(aggregates.map((a) => [a.labId, a]));
    return { items: labs.sort((a, b) => (a.labId < b.labId ? -1 : 1)).map((l) => this.labSummary(l, history.get(l.labId) ?? [], aggregates, byLab, bias.byLab)) };
  }

  private labSummary(
    l: { labId: string; name: string; status: string; internal: boolean; asOf: string },
    history: { at: string }[],
    aggregates: repo.LabAggregate[],
    byLab: Map<string, repo.LabAggregate>,
    bias: Map<string, { id: string; level: string; status: string }>,
  ) {
    const a = byLab.get(l.labId);
    const others = aggregates.filter((x) => x.labId !== l.labId);
    const otherN = others.reduce((s, x) => s + x.withRatio, 0);
    const b = bias.get(l.labId);
    return {
      labId: l.labId,
      name: l.name,
      status: l.status as LabStatus,
      internal: l.internal,
      statusSince: history.length ? history[history.length - 1].at : iso(l.asOf),
      stats: {
        cases: a?.cases ?? 0,
        reported: a?.reported ?? 0,
        withRatio: a?.withRatio ?? 0,
        meanRatio: round(a?.meanRatio ?? null),
        otherLabsMeanRatio: otherN ? round(others.reduce((s, x) => s + x.ratioSum, 0) / otherN) : null,
        meanTurnaroundHours: round(a?.meanTurnaroundHours ?? null, 1),
        medianTurnaroundHours: round(a?.medianTurnaroundHours ?? null, 1),
      },
      biasAlert: b ? { id: b.id, level: b.level as 'red', status: b.status } : null,
    };
  }

  async getLab(caller: Caller, labId: string) {
    const tx = asTx(this.database.db);
    const units = visibleUnits(this.units, caller);
    const [{ labs, history }, aggregates, bias] = await Promise.all([this.labsWithHistory(tx, labId), repo.labAggregates(tx, units), this.biasAlerts(caller, labId)]);
    const lab = labs[0];
    if (!lab) throw notFound('检验鉴定机构不存在 (no such lab)');
    const [monthly, recent] = await Promise.all([repo.labMonthly(tx, units, labId), repo.labRecentCases(tx, units, labId, 50)]);
    return {
      ...this.labSummary(lab, history.get(labId) ?? [], aggregates, new Map(aggregates.map((a) => [a.labId, a])), bias.byLab),
      statusHistory: history.get(labId) ?? [],
      monthly: monthly.map((m) => ({ ...m, meanRatio: round(m.meanRatio), meanTurnaroundHours: round(m.meanTurnaroundHours, 1) })),
      recentCases: recent.map((c) => ({
        caseNo: c.caseNo,
        unit: c.unitCode,
        sentAt: iso(c.sentAt),
        reportAt: iso(c.reportAt),
        breath: c.breathValue,
        blood: c.bloodValue,
        ratio: round(c.ratio),
      })),
      alerts: bias.items,
    };
  }

  // ── Evidence rooms ────────────────────────────────────────────────────────────────────────────────────

  private async roomsVisible(tx: Tx, caller: Caller) {
    return (await allEvidenceRooms(tx)).filter((r) => canSee(this.units, caller, r.unitCode)).sort((a, b) => (a.roomId < b.roomId ? -1 : 1));
  }

  private async roomSummaries(tx: Tx, rooms: Awaited<ReturnType<AlcoholRegistryService['roomsVisible']>>) {
    const ids = rooms.map((r) => r.roomId);
    const [held, cams, last, people] = await Promise.all([
      repo.samplesOfRooms(tx, ids),
      repo.camerasAt(tx, ids),
      repo.lastAccess(tx, ids),
      personsByNos(tx, rooms.flatMap((r) => r.custodians)),
    ]);
    const names = new Map(people.map((p) => [p.personNo, p.name]));
    const now = this.clock.now().getTime();
    return rooms.map((r) => {
      const mine = held.filter((s) => s.roomId === r.roomId);
      return {
        roomId: r.roomId,
        unit: r.unitCode,
        unitName: this.units.get(r.unitCode)?.name ?? null,
        openHours: r.openHours,
        custodians: r.custodians.map((c) => ({ personNo: c, name: names.get(c) ?? null })),
        inventory: mine.filter((s) => s.status === 'stored').length,
        overdue: mine.filter((s) => isOverdue({ status: s.status, drawnAt: s.drawnAt ? Date.parse(s.drawnAt) : null }, now)).length,
        cameras: cams
          .filter((c) => c.siteId === r.roomId)
          .map((c) => ({ deviceId: c.deviceId, status: (c.status ?? 'unknown') as 'online', since: iso(c.statusAt) })),
        lastAccessAt: iso(last.get(r.roomId)),
        held: mine,
      };
    });
  }

  async listRooms(caller: Caller) {
    const tx = asTx(this.database.db);
    const rooms = await this.roomsVisible(tx, caller);
    return { items: (await this.roomSummaries(tx, rooms)).map(({ held: _held, ...r }) => r) };
  }

  async getRoom(caller: Caller, roomId: string, q: { from?: string; to?: string; limit: number }) {
    const tx = asTx(this.database.db);
    const room = (await this.roomsVisible(tx, caller)).find((r) => r.roomId === roomId);
    if (!room) throw notFound('物证室不存在 (no such evidence room)');
    const [summary] = await this.roomSummaries(tx, [room]);
    const { held, ...rest } = summary;
    const [access, sampleSteps] = await Promise.all([repo.roomRegister(tx, roomId, q), repo.roomSampleSteps(tx, roomId, q)]);
    const people = new Map((await personsByNos(tx, [...access.map((a) => a.personNo ?? ''), ...sampleSteps.map((s) => s.actor ?? '')].filter(Boolean))).map((p) => [p.personNo, p.name]));
    const custodians = new Set(room.custodians);
    const hours = parseOpenHours(room.openHours);
    const register = [
      ...access.map((a) => ({
        at: iso(a.at)!,
        kind: (a.action === 'exit' ? 'exit' : 'enter') as 'enter',
        personNo: a.personNo,
        sampleNo: null as string | null,
        caseNo: null as string | null,
        purpose: null as string | null,
        eventId: a.eventId,
      })),
      ...sampleSteps.map((s) => ({
        at: iso(s.at)!,
        kind: (s.type === 'alcohol.sample_stored' ? 'sample_stored' : 'sample_retrieved') as 'enter',
        personNo: s.actor,
        sampleNo: typeof (s.data as Record<string, unknown>).sampleNo === 'string' ? ((s.data as Record<string, unknown>).sampleNo as string) : null,
        caseNo: s.caseNo,
        purpose: typeof (s.data as Record<string, unknown>).purpose === 'string' ? ((s.data as Record<string, unknown>).purpose as string) : null,
        eventId: s.eventId,
      })),
    ]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.eventId < b.eventId ? 1 : -1))
      .slice(0, q.limit)
      .map((e) => ({
        ...e,
        personName: e.personNo ? (people.get(e.personNo) ?? null) : null,
        custodian: e.personNo !== null && custodians.has(e.personNo),
        withinOpenHours: withinHours(hours, Date.parse(e.at)),
      }));
    const now = this.clock.now().getTime();
    const present = (s: repo.SampleRow) => {
      const drawn = s.drawnAt ? Date.parse(s.drawnAt) : null;
      return {
        sampleNo: s.sampleNo,
        caseNo: s.caseNo,
        label: s.label,
        status: s.status,
        drawnAt: iso(s.drawnAt),
        storedAt: iso(s.storedAt),
        since: iso(s.statusAt),
        hoursSinceDraw: drawn === null ? null : Math.round(((now - drawn) / HOUR_MS) * 10) / 10,
        overdue: isOverdue({ status: s.status, drawnAt: drawn }, now),
      };
    };
    const cameraAlerts = [];
    for (const c of rest.cameras) cameraAlerts.push(...(await this.alerts.list(caller, { subjectKind: 'device', subjectId: c.deviceId, limit: 100 })).items);
    return {
      ...rest,
      samples: held.filter((s) => s.status === 'stored').map(present),
      overdueSamples: held.map(present).filter((s) => s.overdue),
      register,
      alerts: cameraAlerts,
    };
  }

  /** samples of the caller's units not handed to a lab within 24 h of the draw, wherever they are */
  async overdueSamples(caller: Caller, q: { unit?: string; limit: number }) {
    const tx = asTx(this.database.db);
    const now = this.clock.now().getTime();
    const rows = await repo.samplesNotSent(tx, visibleUnits(this.units, caller, q.unit), new Date(now - SEND_WITHIN_HOURS * HOUR_MS).toISOString(), q.limit);
    return {
      sendWithinHours: SEND_WITHIN_HOURS,
      items: rows.map((s) => ({
        sampleNo: s.sampleNo,
        caseNo: s.caseNo,
        unit: s.unitCode,
        unitName: this.units.get(s.unitCode)?.name ?? null,
        label: s.label,
        status: s.status,
        roomId: s.roomId,
        drawnAt: iso(s.drawnAt),
        since: iso(s.statusAt),
        hoursSinceDraw: s.drawnAt ? Math.round(((now - Date.parse(s.drawnAt)) / HOUR_MS) * 10) / 10 : null,
      })),
    };
  }

  // ── High-risk rate ────────────────────────────────────────────────────────────────────────────────────

  async highRisk(caller: Caller, q: HighRiskQuery) {
    const tx = asTx(this.database.db);
    const unitCode = q.unit ?? (caller.unitPath === '/' ? this.units.root()?.code : caller.unitCode);
    const node = unitCode ? this.units.get(unitCode) : undefined;
    if (!node || !canSee(this.units, caller, node.code)) throw notFound('单位不存在 (no such unit)');
    const b = periodBounds(q, this.clock.now());
    const subtree = this.units.subtree(node.path);
    const codes = subtree.map((u) => u.code);
    const [cur, prev] = await Promise.all([
      repo.casesOpenedIn(tx, codes, b.from.toISOString(), b.to.toISOString()),
      repo.casesOpenedIn(tx, codes, b.prevFrom.toISOString(), b.prevTo.toISOString()),
    ]);
    const levels = new Map(
      (await subjectAlertLevels(tx, { subjectKind: 'case', rulePrefix: 'ALC_', subjectIds: [...cur, ...prev].map((c) => c.caseNo) })).map((a) => [a.subjectId, a.level]),
    );
    const HIGH = ['red', 'orange'];
    // each case counts for the child unit whose subtree holds it (or for the unit itself)
    const children = subtree.filter((u) => u.parentCode === node.code);
    const childOf = (code: string) => {
      const path = this.units.get(code)?.path ?? '';
      return children.find((c) => path.startsWith(c.path))?.code ?? node.code;
    };
    const figures = (list: typeof cur, filter?: string): RateFigures => {
      const mine = filter === undefined ? list : list.filter((c) => childOf(c.unitCode) === filter);
      const red = mine.filter((c) => levels.get(c.caseNo) === 'red').length;
      const orange = mine.filter((c) => levels.get(c.caseNo) === 'orange').length;
      return { cases: mine.length, highRisk: red + orange, red, orange, rate: mine.length ? Math.round(((red + orange) / mine.length) * 10000) / 10000 : null };
    };
    const highOnly = (list: typeof cur) =>
      list
        .filter((c) => HIGH.includes(levels.get(c.caseNo) ?? ''))
        .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.caseNo < b.caseNo ? -1 : 1))
        .map((c) => ({ caseNo: c.caseNo, unit: c.unitCode, openedAt: iso(c.openedAt)!, level: levels.get(c.caseNo) as 'red' }));
    const current = figures(cur);
    const previous = figures(prev);
    return {
      unit: node.code,
      unitName: node.name,
      levels: HIGH as ('red' | 'orange')[],
      period: { from: b.from.toISOString(), to: b.to.toISOString() },
      previousPeriod: { from: b.prevFrom.toISOString(), to: b.prevTo.toISOString() },
      current,
      previous,
      change: highRiskChange(current, previous),
      byUnit: children.map((c) => {
        const fc = figures(cur, c.code);
        const fp = figures(prev, c.code);
        return { unit: c.code, unitName: c.name, current: fc, previous: fp, change: highRiskChange(fc, fp) };
      }),
      highRiskCases: highOnly(cur),
      previousHighRiskCases: highOnly(prev),
    };
  }

  // ── Re-test draws ─────────────────────────────────────────────────────────────────────────────────────

  async draw(caller: Caller, input: DrawInput) {
    if (!isRootCaller(this.units, caller)) throw forbidden('抽检仅限省级单位 (re-test draws are made by the root unit)');
    if (!(Date.parse(input.from) < Date.parse(input.to))) throw badRequest('to: 必须晚于 from (must be after from)', { field: 'to' });
    const tx0 = asTx(this.database.db);
    const lab = (await allLabs(tx0)).find((l) => l.labId === input.labId);
    if (!lab) throw badRequest(`labId: 未知机构 ${input.labId} (unknown lab)`, { field: 'labId' });
    if (!lab.internal) throw badRequest(`labId: ${lab.name}不是内部鉴定机构 (not an internal lab)`, { field: 'labId' });
    const unitCode = input.unit ?? this.units.root()?.code ?? caller.unitCode;
    const node = this.units.get(unitCode);
    if (!node || !canSee(this.units, caller, unitCode)) throw badRequest(`unit: 未知单位 ${unitCode} (unknown unit)`, { field: 'unit' });
    const levels = [...new Set(input.levels ?? ['red', 'orange'])].sort();
    const seed = input.seed ?? randomInt(0, 2 ** 32);
    const at = this.clock.now();
    return inTransaction(this.database, async (tx) => {
      const candidates = await repo.casesOpenedIn(tx, this.units.subtree(node.path).map((u) => u.code), new Date(input.from).toISOString(), new Date(input.to).toISOString());
      const lv = await subjectAlertLevels(tx, { subjectKind: 'case', rulePrefix: 'ALC_', subjectIds: candidates.map((c) => c.caseNo) });
      const population = lv.filter((a) => levels.includes(a.level)).map((a) => a.subjectId).sort();
      const selected = drawCases(population, input.count, seed);
      const row = await repo.insertDraw(tx, {
        drawnAt: at.toISOString(),
        drawnBy: actorLabel(caller),
        unitCode,
        periodFrom: new Date(input.from).toISOString(),
        periodTo: new Date(input.to).toISOString(),
        levels,
        labId: lab.labId,
        seed,
        requested: input.count,
        population,
        populationSha256: populationSha256(population),
        selected,
        algorithm: DRAW_ALGORITHM,
        note: input.note ?? null,
      });
      const { seq } = await appendAudit(tx, {
        at,
        actor: actorLabel(caller),
        unitCode: caller.unitCode || null,
        ip: caller.ip,
        action: 'alcohol.retest_draw',
        detail: { id: row.id, seed, populationSha256: row.populationSha256, population: population.length, selected, labId: lab.labId, levels, from: row.periodFrom, to: row.periodTo, unit: unitCode },
      });
      await repo.setDrawAudit(tx, row.id, seq);
      return this.presentDraw(tx, { ...row, auditSeq: seq });
    });
  }

  private async presentDraw(tx: Tx, d: repo.DrawRow) {
    const labs = new Map((await allLabs(tx)).map((l) => [l.labId, l.name]));
    const rows = new Map((await repo.casesByNos(tx, d.selected)).map((c) => [c.caseNo, c]));
    const again = drawCases(d.population, d.requested, d.seed);
    return {
      id: d.id,
      drawnAt: iso(d.drawnAt)!,
      drawnBy: d.drawnBy,
      unit: d.unitCode,
      period: { from: iso(d.periodFrom)!, to: iso(d.periodTo)! },
      levels: d.levels as 'red'[],
      labId: d.labId,
      labName: labs.get(d.labId) ?? null,
      seed: d.seed,
      requested: d.requested,
      population: d.population,
      populationSha256: d.populationSha256,
      algorithm: d.algorithm,
      selected: d.selected,
      note: d.note,
      auditSeq: d.auditSeq,
      reproduced: populationSha256(d.population) === d.populationSha256 && again.length === d.selected.length && again.every((c, i) => c === d.selected[i]),
      cases: d.selected.map((caseNo) => {
        const c = rows.get(caseNo);
        const reports = ((c?.reports ?? []) as { labId: string | null; value: number | null; at: string }[]).filter((r) => r.labId === d.labId);
        return {
          caseNo,
          unit: c?.unitCode ?? '',
          firstBlood: c?.bloodValue ?? null,
          firstLabId: c?.labId ?? null,
          retest: reports.length ? { value: reports[0].value, at: iso(reports[0].at)! } : null,
        };
      }),
    };
  }

  private summary(d: repo.DrawRow, labs: Map<string, string>) {
    return {
      id: d.id,
      drawnAt: iso(d.drawnAt)!,
      drawnBy: d.drawnBy,
      unit: d.unitCode,
      period: { from: iso(d.periodFrom)!, to: iso(d.periodTo)! },
      levels: d.levels as 'red'[],
      labId: d.labId,
      labName: labs.get(d.labId) ?? null,
      seed: d.seed,
      requested: d.requested,
      populationSha256: d.populationSha256,
      algorithm: d.algorithm,
      selected: d.selected,
      note: d.note,
      auditSeq: d.auditSeq,
    };
  }

  async listDraws(caller: Caller) {
    const tx = asTx(this.database.db);
    const labs = new Map((await allLabs(tx)).map((l) => [l.labId, l.name]));
    return { items: (await repo.listDraws(tx, visibleUnits(this.units, caller), 200)).map((d) => this.summary(d, labs)) };
  }

  async getDraw(caller: Caller, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('抽检记录不存在 (no such draw)');
    const tx = asTx(this.database.db);
    const d = await repo.getDraw(tx, id);
    if (!d || !canSee(this.units, caller, d.unitCode)) throw notFound('抽检记录不存在 (no such draw)');
    return this.presentDraw(tx, d);
  }
}

/** "08:00-18:00" → minutes of the day; an unreadable value counts as always open */
function parseOpenHours(s: string): { open: number; close: number } | null {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return { open: Number(m[1]) * 60 + Number(m[2]), close: Number(m[3]) * 60 + Number(m[4]) };
}

function withinHours(h: { open: number; close: number } | null, at: number): boolean {
  if (h === null) return true;
  const minute = Math.floor(((at + 8 * HOUR_MS) % (24 * HOUR_MS)) / 60_000);
  return h.open <= h.close ? minute >= h.open && minute < h.close : minute >= h.open || minute < h.close;
}
