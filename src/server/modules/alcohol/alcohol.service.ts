// Alcohol cases: the case projection and custody chain kept inside the ingest transaction, reading a case
// (with its chain verified from the stored steps), the case list, inclusion proofs, and the sweep that
// re-verifies every chain. Labs, rooms, the high-risk rate and re-test draws are in registry.service.ts.
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { recomputeLeafHash } from '../../platform/audit/audit.service.ts';
import { lockAppends, readEntries } from '../../platform/audit/audit.repository.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import type { AcceptedEvent } from '../ingest/index.ts';
import { subjectAlertLevels, type AlertService, type FindingInput } from '../alerts/index.ts';
import { ruleCatalogue, type RuleParamsService } from '../detection/index.ts';
import { allLabs, personsByNos } from '../reference/index.ts';
import type { ChainTamperedInput } from '../detection/rules/alc-chain-tampered.ts';
import { compare, filesOf, foldCase, type CaseFacts, type CaseStep, type ComparisonParams } from './alcohol-case.ts';
import { chainProof, chainRoot, checkChain, stepLeafData, stepLeafHash, type ChainCheck, type ChainStep } from './custody-chain.ts';
import * as repo from './alcohol.repository.ts';
import type { CaseRow, ChainRow, StepRow } from './alcohol.repository.ts';
import { canSee, isRootCaller, visibleUnits } from './alcohol.policy.ts';

const HOUR_MS = 3_600_000;
const alcChainTampered = ruleCatalogue.find((r) => r.code === 'ALC_CHAIN_TAMPERED')!;
/** rules.md (ALC_CHAIN_GAP): a sample goes to the lab within 24 h of the draw */
export const SEND_WITHIN_HOURS = 24;

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');
const iso = (s: string | number | null | undefined) => (s === null || s === undefined ? null : new Date(s).toISOString());
const SAMPLE_TYPES = new Set(['alcohol.sample_stored', 'alcohol.sample_retrieved', 'alcohol.sample_sent']);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

interface Incoming {
  caseNo: string;
  seq: number;
  event: { id: string; type: string; occurredAt: string; occurredAtMs: number; unit: string; actor: string | null; location: { lat: number; lng: number } | null; data: Record<string, unknown> };
}

export interface CaseListQuery {
  from?: string;
  to?: string;
  unit?: string;
  finding?: string;
  tag?: string;
  level?: string;
  labId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const toStep = (r: StepRow): CaseStep => ({
  caseNo: r.caseNo,
  leafIndex: r.leafIndex,
  eventId: r.eventId,
  type: r.type,
  occurredAt: r.occurredAt,
  unit: r.unitCode,
  actor: r.actor,
  location: (r.location as CaseStep['location']) ?? null,
  data: r.data as Record<string, unknown>,
  at: new Date(r.at).getTime(),
});

export class AlcoholService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
    private readonly alerts: AlertService,
    private readonly ruleParams: RuleParamsService,
  ) {}

  // ── Inside the ingest transaction ─────────────────────────────────────────────────────────────────────

  /** the ingest hook: registers, the custody chains and the case projection, in the chunk's transaction */
  readonly onCommitting = async (tx: Tx, events: readonly AcceptedEvent[]): Promise<void> => {
    const labRows: Parameters<typeof repo.insertLabStatusEvents>[1] = [];
    const accessRows: Parameters<typeof repo.insertRoomAccess>[1] = [];
    const sites = new Map<string, AcceptedEvent>();
    const statuses = new Map<string, AcceptedEvent>();
    const direct: Incoming[] = [];
    const bySample: (Incoming & { sampleNo: string })[] = [];
    const draws: { sampleNo: string; caseNo: string; unitCode: string }[] = [];
    const later = (a: AcceptedEvent, b: AcceptedEvent | undefined) => !b || a.occurredAtMs > b.occurredAtMs || (a.occurredAtMs === b.occurredAtMs && a.id > b.id);
    for (const e of events) {
      const d = e.data;
      if (e.type === 'ref.lab') {
        labRows.push({
          eventId: e.id, labId: String(d.labId), at: new Date(e.occurredAtMs).toISOString(), status: String(d.status), name: String(d.name ?? ''),
          internal: d.internal === true, reason: str(d.reason), actor: e.actor, unitCode: e.unit,
        });
      } else if (e.type === 'ref.device') {
        if (later(e, sites.get(String(d.deviceId)))) sites.set(String(d.deviceId), e);
      } else if (e.type === 'device.status') {
        if (later(e, statuses.get(String(d.deviceId)))) statuses.set(String(d.deviceId), e);
      } else if (e.type === 'alcohol.room_access') {
        accessRows.push({ eventId: e.id, roomId: String(d.roomId), at: new Date(e.occurredAtMs).toISOString(), action: String(d.action), personNo: e.actor, unitCode: e.unit });
      } else if (e.type.startsWith('alcohol.')) {
        const caseNo = str(d.caseNo);
        const event = { id: e.id, type: e.type, occurredAt: e.occurredAt, occurredAtMs: e.occurredAtMs, unit: e.unit, actor: e.actor, location: e.location, data: e.data };
        if (caseNo && !SAMPLE_TYPES.has(e.type)) {
          direct.push({ caseNo, seq: e.seq, event });
          const sampleNo = str(d.sampleNo);
          if (e.type === 'alcohol.blood_drawn' && sampleNo) draws.push({ sampleNo, caseNo, unitCode: e.unit });
        } else if (SAMPLE_TYPES.has(e.type) && str(d.sampleNo)) {
          bySample.push({ caseNo: '', seq: e.seq, event, sampleNo: str(d.sampleNo)! });
        }
      }
    }
    await repo.insertLabStatusEvents(tx, labRows);
    await repo.insertRoomAccess(tx, accessRows);
    await repo.upsertDeviceSites(
      tx,
      [...sites.values()].map((e) => ({ deviceId: String(e.data.deviceId), kind: String(e.data.kind), siteId: String(e.data.siteId), siteAsOf: new Date(e.occurredAtMs).toISOString() })),
    );
    await repo.upsertDeviceStatus(
      tx,
      [...statuses.values()].map((e) => ({ deviceId: String(e.data.deviceId), status: String(e.data.status), statusAt: new Date(e.occurredAtMs).toISOString(), statusEventId: e.id })),
    );

    if (direct.length === 0 && bySample.length === 0) return;
    // Case steps are serialised by the audit log's lock, taken before anything of the cases is read: a
    // concurrent chunk's draw (or waiting sample event) is then committed and seen, so a sample event can
    // never be left waiting for a draw that another chunk just stored; every writer here ends in
    // appendAudit anyway, and one lock order means no deadlock between concurrent chunks.
    await lockAppends(tx);
    // sample events join the case whose draw named their sample; earlier ones wait for the draw
    await repo.claimSamples(tx, draws);
    const owners = await repo.sampleOwners(tx, bySample.map((b) => b.sampleNo));
    const waiting: Parameters<typeof repo.insertPending>[1] = [];
    for (const b of bySample) {
      const caseNo = owners.get(b.sampleNo);
      if (caseNo) direct.push({ caseNo, seq: b.seq, event: b.event });
      else waiting.push({ sampleNo: b.sampleNo, eventId: b.event.id, event: b.event, receivedSeq: b.seq });
    }
    await repo.insertPending(tx, waiting);
    if (draws.length) {
      const claimed = await repo.sampleOwners(tx, draws.map((d) => d.sampleNo));
      for (const p of await repo.adoptPending(tx, [...claimed.keys()])) {
        direct.push({ caseNo: claimed.get(p.sampleNo)!, seq: p.receivedSeq, event: p.event as Incoming['event'] });
      }
    }
    if (direct.length) await this.appendSteps(tx, direct);
  };

  /** append the steps to their cases' chains in the order received, record the new roots, refold the cases */
  private async appendSteps(tx: Tx, incoming: Incoming[]): Promise<void> {
    const byCase = new Map<string, Incoming[]>();
    for (const i of incoming) {
      let list = byCase.get(i.caseNo);
      if (!list) byCase.set(i.caseNo, (list = []));
      list.push(i);
    }
    const caseNos = [...byCase.keys()].sort();
    await repo.lockChains(tx, caseNos);
    const leaves = new Map<string, Buffer[]>();
    for (const l of await repo.leafHashesOf(tx, caseNos)) {
      let list = leaves.get(l.caseNo);
      if (!list) leaves.set(l.caseNo, (list = []));
      list.push(l.leafHash);
    }
    const stepRows: Parameters<typeof repo.insertSteps>[1] = [];
    const heads: { caseNo: string; size: number; root: Buffer }[] = [];
    for (const caseNo of caseNos) {
      const hashes = leaves.get(caseNo) ?? [];
      const seen = new Set<string>();
      for (const i of byCase.get(caseNo)!.sort((a, b) => a.seq - b.seq)) {
        if (seen.has(i.event.id)) continue;
        seen.add(i.event.id);
        const step: ChainStep = {
          caseNo,
          leafIndex: hashes.length,
          eventId: i.event.id,
          type: i.event.type,
          occurredAt: i.event.occurredAt,
          unit: i.event.unit,
          actor: i.event.actor ?? null,
          location: i.event.location ?? null,
          data: i.event.data,
        };
        const leafHash = stepLeafHash(step);
        hashes.push(leafHash);
        stepRows.push({
          caseNo,
          leafIndex: step.leafIndex,
          eventId: step.eventId,
          type: step.type,
          occurredAt: step.occurredAt,
          at: new Date(i.event.occurredAtMs).toISOString(),
          unitCode: step.unit,
          actor: step.actor,
          location: step.location,
          data: step.data,
          leafHash,
        });
      }
      heads.push({ caseNo, size: hashes.length, root: chainRoot(hashes) });
    }
    const now = this.clock.now();
    const { seq } = await appendAudit(tx, {
      at: now,
      actor: 'system:alcohol',
      unitCode: null,
      ip: null,
      action: 'alcohol.chain_roots',
      detail: { cases: heads.map((h) => ({ caseNo: h.caseNo, size: h.size, root: b64(h.root) })) },
    });
    await repo.insertSteps(tx, stepRows);
    await repo.upsertChains(tx, heads.map((h) => ({ ...h, auditSeq: seq, updatedAt: now.toISOString() })));
    await this.refold(tx, caseNos);
  }

  /** recompute the case rows and sample rows of these cases from their steps */
  private async refold(tx: Tx, caseNos: string[]): Promise<void> {
    const steps = await repo.stepsOf(tx, caseNos);
    const byCase = new Map<string, CaseStep[]>();
    for (const r of steps) {
      let list = byCase.get(r.caseNo);
      if (!list) byCase.set(r.caseNo, (list = []));
      list.push(toStep(r));
    }
    const caseRows: Parameters<typeof repo.upsertCases>[1] = [];
    const sampleRows: Parameters<typeof repo.upsertSamples>[1] = [];
    for (const [caseNo, list] of byCase) {
      const f = foldCase(caseNo, list);
      const breath = f.breath?.value ?? null;
      const blood = f.report?.value ?? null;
      caseRows.push({
        caseNo,
        unitCode: f.unit,
        openedAt: iso(f.openedAt)!,
        hasOpening: f.hasOpening,
        closedAt: iso(f.closedAt),
        finding: f.finding,
        driverName: f.driverName,
        driverIdNo: f.driverIdNo,
        plate: f.plate,
        tags: f.tags,
        breathValue: breath,
        breathAt: iso(f.breath?.at),
        refused: f.refused,
        drawnAt: iso(f.drawnAt),
        sentAt: iso(f.sentAt),
        labId: f.labId,
        bloodValue: blood,
        reportAt: iso(f.report?.at),
        ratio: breath !== null && blood !== null && breath > 0 ? blood / breath : null,
        reports: f.reports.map((r) => ({ labId: r.labId, sampleNo: r.sampleNo, value: r.value, at: iso(r.at) })),
        stepCount: list.length,
      });
      for (const s of f.samples) {
        sampleRows.push({
          sampleNo: s.sampleNo,
          caseNo,
          unitCode: s.unit,
          label: s.label,
          drawnAt: iso(s.drawnAt),
          status: s.status,
          roomId: s.roomId,
          labId: s.labId,
          statusAt: iso(s.since),
          storedAt: iso(s.storedAt),
          sentAt: iso(s.sentAt),
        });
      }
    }
    await repo.upsertCases(tx, caseRows);
    await repo.upsertSamples(tx, sampleRows);
  }

  /**
   * One consistent snapshot for a check: steps, heads and audit entries are written together by ingest, so
   * reading them at different moments could see a new step before its head and cry wolf.
   */
  private snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.database.db.transaction(async (tx) => fn(tx as unknown as Tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  }

  // ── Verification ──────────────────────────────────────────────────────────────────────────────────────

  /** recompute the chains of these cases from their stored steps, against their heads and the audit log */
  private async check(tx: Tx, caseNos: string[]): Promise<Map<string, { check: ChainCheck; head: ChainRow | null; audited: { size: number; root: Buffer } | null; steps: StepRow[] }>> {
    const steps = await repo.stepsOf(tx, caseNos);
    const heads = await repo.chainsOf(tx, caseNos);
    const headOf = new Map(heads.map((h) => [h.caseNo, h]));
    const stepsOfCase = new Map<string, StepRow[]>();
    for (const s of steps) {
      let list = stepsOfCase.get(s.caseNo);
      if (!list) stepsOfCase.set(s.caseNo, (list = []));
      list.push(s);
    }
    // the audit entries that recorded the heads; an entry that no longer matches its own leaf hash counts
    // as no record at all
    const entries = new Map<number, Map<string, { size: number; root: Buffer }>>();
    const seqs = [...new Set(heads.map((h) => h.auditSeq).filter((s): s is number => s !== null))].sort((a, b) => a - b);
    // read the entries in windows of nearby sequence numbers: one query for many heads
    for (let i = 0; i < seqs.length; ) {
      let j = i;
      while (j + 1 < seqs.length && seqs[j + 1] - seqs[i] < 256) j++;
      const wanted = new Set(seqs.slice(i, j + 1));
      for (const row of await readEntries(tx, seqs[i], seqs[j] + 1)) {
        if (!wanted.has(row.seq)) continue;
        const roots = new Map<string, { size: number; root: Buffer }>();
        if (row.action === 'alcohol.chain_roots' && recomputeLeafHash(row).equals(row.leafHash)) {
          for (const c of (row.detail.cases as { caseNo: string; size: number; root: string }[] | undefined) ?? []) {
            roots.set(c.caseNo, { size: c.size, root: Buffer.from(c.root, 'base64') });
          }
        }
        entries.set(row.seq, roots);
      }
      i = j + 1;
    }
    const out = new Map<string, { check: ChainCheck; head: ChainRow | null; audited: { size: number; root: Buffer } | null; steps: StepRow[] }>();
    for (const caseNo of caseNos) {
      const head = headOf.get(caseNo) ?? null;
      const list = stepsOfCase.get(caseNo) ?? [];
      const audited = head?.auditSeq != null ? (entries.get(head.auditSeq)?.get(caseNo) ?? null) : null;
      const check = checkChain(
        list.map((s) => ({ ...toStep(s), leafHash: s.leafHash })),
        head && { size: head.size, root: head.root },
        audited,
      );
      out.set(caseNo, { check, head, audited, steps: list });
    }
    return out;
  }

  private tamperFindings(results: Map<string, { check: ChainCheck; head: ChainRow | null; audited: { size: number; root: Buffer } | null; steps: StepRow[] }>, unitOf: (caseNo: string) => string): FindingInput[] {
    const pv = this.ruleParams.params(alcChainTampered.code);
    const out: FindingInput[] = [];
    for (const [caseNo, r] of results) {
      if (r.check.ok) continue;
      const altered = new Set(r.check.altered);
      const input: ChainTamperedInput = {
        caseNo,
        unit: unitOf(caseNo),
        size: r.check.size,
        recomputedRoot: b64(r.check.recomputedRoot),
        storedRoot: r.head ? b64(r.head.root) : null,
        auditedRoot: r.audited ? b64(r.audited.root) : null,
        altered: [...altered].sort((a, b) => a - b),
        eventIds: (altered.size ? r.steps.filter((s) => altered.has(s.leafIndex)) : r.steps).map((s) => s.eventId),
        ok: false,
      };
      for (const f of alcChainTampered.evaluate(input, pv.params as Record<string, never>, this.clock.now())) {
        out.push({ rule: f.rule, subjectKind: f.subject.kind, subjectId: f.subject.id, level: f.level, unitCode: f.unit, title: f.title, figures: f.figures, eventIds: f.eventIds, paramVersion: pv.version });
      }
    }
    return out;
  }

  /**
   * The sweep: re-verify every case's chain from its stored steps; a chain that fails opens (or keeps)
   * its red ALC_CHAIN_TAMPERED alert. Safe to run twice: an unchanged finding changes nothing.
   */
  async verifyChains(now: Date = this.clock.now(), batch = 500): Promise<{ checked: number; tampered: string[] }> {
    const tx = asTx(this.database.db);
    let after: string | null = null;
    let checked = 0;
    const tampered: string[] = [];
    for (;;) {
      const heads = await repo.chainPage(tx, after, batch);
      if (heads.length === 0) break;
      after = heads[heads.length - 1].caseNo;
      const caseNos = heads.map((h) => h.caseNo);
      const results = await this.snapshot((t) => this.check(t, caseNos));
      checked += caseNos.length;
      const bad = [...results.entries()].filter(([, r]) => !r.check.ok).map(([c]) => c);
      if (bad.length) {
        tampered.push(...bad);
        const rows = new Map((await repo.casesByNos(tx, bad)).map((c) => [c.caseNo, c.unitCode]));
        const findings = this.tamperFindings(new Map(bad.map((c) => [c, results.get(c)!])), (c) => rows.get(c) ?? results.get(c)!.steps[0]?.unitCode ?? '');
        await inTransaction(this.database, (t) => this.alerts.recordFindings(t, findings, now, 'system:alcohol'));
      }
      if (heads.length < batch) break;
    }
    return { checked, tampered };
  }

  /** the sweep on demand: the whole province's chains, so the root unit only */
  async sweep(caller: Caller) {
    if (!isRootCaller(this.units, caller)) throw forbidden('仅限省级单位 (root unit only)');
    return this.verifyChains(this.clock.now());
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────────────────

  private async visibleCase(tx: Tx, caller: Caller, caseNo: string): Promise<CaseRow> {
    const row = await repo.getCase(tx, caseNo);
    // a case outside the caller's units does not exist for the caller
    if (!row || !canSee(this.units, caller, row.unitCode)) throw notFound('案件不存在 (no such case)');
    return row;
  }

  async getCase(caller: Caller, caseNo: string) {
    const tx = asTx(this.database.db);
    const row = await this.visibleCase(tx, caller, caseNo);
    const results = await this.snapshot((t) => this.check(t, [caseNo]));
    const r = results.get(caseNo)!;
    if (!r.check.ok) {
      const findings = this.tamperFindings(results, () => row.unitCode);
      await inTransaction(this.database, (t) => this.alerts.recordFindings(t, findings, this.clock.now(), 'system:alcohol'));
    }
    const steps = r.steps.map(toStep);
    const facts = foldCase(caseNo, steps);
    const labs = new Map((await allLabs(tx)).map((l) => [l.labId, l.name]));
    const actors = [...new Set(steps.map((s) => s.actor).filter((a): a is string => a !== null))];
    const people = new Map((await personsByNos(tx, actors)).map((p) => [p.personNo, p.name]));
    const pv = this.ruleParams.params('ALC_BREATH_BLOOD_GAP');
    const comparison = compare(facts, pv.params as unknown as ComparisonParams);
    const alerts = await this.alerts.list(caller, { subjectKind: 'case', subjectId: caseNo, limit: 200 });
    const now = this.clock.now().getTime();
    return {
      caseNo,
      unit: row.unitCode,
      unitName: this.units.get(row.unitCode)?.name ?? null,
      status: facts.closedAt !== null ? ('closed' as const) : ('open' as const),
      openedAt: iso(facts.openedAt)!,
      closedAt: iso(facts.closedAt),
      finding: facts.finding,
      driver: { name: facts.driverName, idNo: facts.driverIdNo, plate: facts.plate },
      tags: facts.tags,
      steps: facts.steps.map((s) => ({
        leafIndex: s.leafIndex,
        eventId: s.eventId,
        type: s.type,
        occurredAt: s.occurredAt,
        actor: s.actor,
        actorName: s.actor ? (people.get(s.actor) ?? null) : null,
        unit: s.unit,
        unitName: this.units.get(s.unit)?.name ?? null,
        location: s.location,
        sampleNo: str(s.data.sampleNo),
        files: filesOf(s),
        data: s.data,
      })),
      samples: facts.samples.map((s) => ({
        sampleNo: s.sampleNo,
        label: s.label,
        sealNo: s.sealNo,
        institution: s.institution,
        drawnAt: iso(s.drawnAt),
        status: s.status,
        roomId: s.roomId,
        labId: s.labId,
        labName: s.labId ? (labs.get(s.labId) ?? null) : null,
        since: iso(s.since),
        overdue: isOverdue(s, now),
      })),
      breath: facts.breath && { value: facts.breath.value, refused: facts.breath.refused, source: facts.breath.source, deviceId: facts.breath.deviceId, at: iso(facts.breath.at)! },
      blood: facts.report && { value: facts.report.value, labId: facts.report.labId, labName: facts.report.labId ? (labs.get(facts.report.labId) ?? null) : null, sampleNo: facts.report.sampleNo, at: iso(facts.report.at)! },
      reports: facts.reports.map((x) => ({ value: x.value, labId: x.labId, labName: x.labId ? (labs.get(x.labId) ?? null) : null, sampleNo: x.sampleNo, at: iso(x.at)! })),
      comparison: comparison && { ...comparison, paramVersion: pv.version },
      alerts: alerts.items,
      chain: {
        size: r.head?.size ?? 0,
        root: r.head ? b64(r.head.root) : b64(chainRoot([])),
        verified: r.check.ok,
        auditSeq: r.head?.auditSeq ?? null,
        problems: r.check.problems,
      },
    };
  }

  /** RFC 6962 inclusion proof of one step, from the stored leaf hashes, against the stored root */
  async proof(caller: Caller, caseNo: string, step: number) {
    await this.visibleCase(asTx(this.database.db), caller, caseNo);
    const { head, steps } = await this.snapshot(async (tx) => ({ head: (await repo.chainsOf(tx, [caseNo]))[0], steps: await repo.stepsOf(tx, [caseNo]) }));
    if (!head || step >= head.size) throw badRequest(`step: 必须小于 ${head?.size ?? 0} (must be below the chain size ${head?.size ?? 0})`, { field: 'step' });
    const hashes = steps.map((s) => s.leafHash);
    const target = steps.find((s) => s.leafIndex === step)!;
    return {
      caseNo,
      leafIndex: step,
      treeSize: head.size,
      leafHash: b64(target.leafHash),
      root: b64(head.root),
      proof: chainProof(hashes.slice(0, head.size), step).map(b64),
      leafData: stepLeafData(toStep(target)),
    };
  }

  async list(caller: Caller, q: CaseListQuery) {
    const tx = asTx(this.database.db);
    const split = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
    const units = visibleUnits(this.units, caller, q.unit);
    let only: string[] | null = null;
    let except: string[] | undefined;
    const levels = split(q.level);
    if (levels?.length) {
      const all = await subjectAlertLevels(tx, { subjectKind: 'case', rulePrefix: 'ALC_' });
      const named = levels.filter((l) => l !== 'none');
      if (levels.includes('none')) {
        if (named.length) {
          // "none" together with levels: every case except those with an alert of another level
          except = all.filter((a) => !named.includes(a.level)).map((a) => a.subjectId);
        } else except = all.map((a) => a.subjectId);
      } else only = all.filter((a) => named.includes(a.level)).map((a) => a.subjectId);
    }
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const { rows, total } = await repo.listCases(
      tx,
      { units, from: q.from, to: q.to, findings: split(q.finding), tags: split(q.tag), labId: q.labId, q: q.q, only, except },
      { after, limit: q.limit },
    );
    const levelOf = new Map((await subjectAlertLevels(tx, { subjectKind: 'case', rulePrefix: 'ALC_', subjectIds: rows.map((r) => r.caseNo) })).map((a) => [a.subjectId, a]));
    return {
      items: rows.map((r) => ({
        caseNo: r.caseNo,
        unit: r.unitCode,
        unitName: this.units.get(r.unitCode)?.name ?? null,
        openedAt: iso(r.openedAt)!,
        closedAt: iso(r.closedAt),
        status: r.closedAt ? ('closed' as const) : ('open' as const),
        finding: r.finding,
        plate: r.plate,
        driverName: r.driverName,
        tags: r.tags,
        breath: r.breathValue,
        refused: r.refused,
        blood: r.bloodValue,
        ratio: r.ratio === null ? null : Math.round(r.ratio * 1000) / 1000,
        labId: r.labId,
        alertLevel: (levelOf.get(r.caseNo)?.level ?? null) as 'red' | null,
        alertCount: levelOf.get(r.caseNo)?.count ?? 0,
        steps: r.stepCount,
      })),
      nextCursor: rows.length === q.limit ? encodeCursor(rows[rows.length - 1]) : null,
      total,
    };
  }
}

export function isOverdue(s: { status: string; drawnAt: number | null }, now: number): boolean {
  return s.status !== 'sent' && s.status !== 'reported' && s.drawnAt !== null && now - s.drawnAt > SEND_WITHIN_HOURS * HOUR_MS;
}

const encodeCursor = (row: CaseRow) => Buffer.from(JSON.stringify([iso(row.openedAt), row.caseNo])).toString('base64url');
function decodeCursor(cursor: string): { openedAt: string; caseNo: string } {
  try {
    const [openedAt, caseNo] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof openedAt !== 'string' || Number.isNaN(Date.parse(openedAt)) || typeof caseNo !== 'string') throw new Error('shape');
    return { openedAt, caseNo };
  } catch {
    throw badRequest('cursor: 无效的分页游标 (invalid cursor)', { field: 'cursor' });
  }
}

export type { CaseFacts };
