// Turns posted bodies into stored events. Per event: parse, validate against the contract, check the
// unit is known and inside the caller's subtree; per chunk: one transaction holding the new events,
// the ref.* upserts they carry, the dead letters of the rejected ones and one audit leaf. A response is
// sent only after its last chunk has committed, so an acknowledged event survives a crash.
import type { Readable } from 'node:stream';
import type { Database } from '../../platform/db/client.ts';
import { asTx, inClientTransaction, type Tx } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendAudits } from '../../platform/audit/index.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { actorLabel } from '../../platform/access/caller.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { applyRefEvents, isRefType } from '../reference/index.ts';
import { validateEvent, type ValidEvent } from './validate.ts';
import { appendEvents, appendEventsCopy, claimAndAppend, claimEventIds, claimPrebuilt, type ClaimRow, ensurePartitions, pgCode, reserveSeqs, reserveSeqBlocks, insertDeadLetters, monthStart, type DeadLetterInput, type NewEventRow } from './ingest.repository.ts';
import { linesOf, ndjsonBlocks, TOO_LONG, type Block, type Line } from './ndjson.ts';
import { copyText, LinesView, type LinesResult } from './prepare-lines.ts';
import type { PreparePool } from './prepare-pool.ts';

export interface Rejection {
  index: number;
  id: string | null;
  error: string;
}

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/** one item of a batch before parsing: a line of NDJSON, or an element of a JSON array */
export type RawItem = { index: number; text: string } | { index: number; value: unknown } | { index: number; error: string; lossy: string };

export type AcceptedEvent = ValidEvent & { seq: number };

/** what happens after a chunk commits (notifications hook in here) */
export type AcceptedListener = (events: readonly AcceptedEvent[]) => Promise<void> | void;

/**
 * what happens inside a chunk's transaction, after its new events are stored: detection's on-arrival
 * rules, so an event and the alerts it causes commit together or not at all
 */
export type CommittingListener = (tx: Tx, events: readonly AcceptedEvent[]) => Promise<void>;

/** a chunk commits at this many events or bytes, whichever comes first: memory stays flat for any body */
const CHUNK = 5000;
const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Group commit: a JSON body of at most GROUP_BODY_EVENTS events (a checkpoint's single pass, say) joins
 * the bodies that arrive within GROUP_WINDOW_MS, and they share one transaction: one commit (one flush to
 * disk) for all of them instead of one each. A group commits early at GROUP_MAX_EVENTS events; while
 * GROUPS_IN_FLIGHT groups are committing, the next one stays open and grows. Two in flight keep the
 * database busy while the next group fills; more only split the same requests into more, smaller
 * transactions, each with its round trips (2,000 single passes/s: p50 42 ms with two, 150 ms with four).
 */
const GROUP_BODY_EVENTS = 100;
const GROUP_WINDOW_MS = 2;
const GROUP_MAX_EVENTS = 1000;
const GROUPS_IN_FLIGHT = 2;
/** a group of up to this many events (and characters of JSON) is claimed and stored in one statement */
const ONE_STATEMENT_EVENTS = 200;
const ONE_STATEMENT_BYTES = 1024 * 1024;
/** a commit aborted as a deadlock is run again, this many times in all */
const DEADLOCK_RETRIES = 3;
/** events validated between two turns of the event loop */
const YIELD_EVERY = 250;
/** an NDJSON block of at least this many bytes is prepared on a worker thread; a smaller one costs less
 *  to prepare here than to hand over */
const WORKER_MIN_BYTES = 32 * 1024;

export class IngestService {
  private listeners: AcceptedListener[] = [];
  private committing: CommittingListener[] = [];
  private lastUnitReload = 0;
  private group: GroupPart[] = [];
  private groupEvents = 0;
  private groupTimer: NodeJS.Timeout | null = null;
  private groupsCommitting = 0;
  private groupCommits = 0;
  private groupRequests = 0;
  /** how long a group of small posts stays open for more to join it, ms */
  groupWindowMs = GROUP_WINDOW_MS;
  /** bodies of at most this many events are grouped (0: every request commits on its own) */
  groupBodyEvents = GROUP_BODY_EVENTS;

  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
    /** worker threads for the parsing and validating of large NDJSON bodies (none: all on this thread) */
    private readonly pool: PreparePool | null = null,
  ) {}

  onAccepted(listener: AcceptedListener): void {
    this.listeners.push(listener);
  }

  onCommitting(listener: CommittingListener): void {
    this.committing.push(listener);
  }

  /** Drop every listener: the ingest path alone, as the ingest benchmark measures it. */
  detachListeners(): void {
    this.listeners = [];
    this.committing = [];
  }

  /**
   * Ingest an NDJSON stream a block of lines at a time (ndjsonBlocks). A block is prepared (parsed,
   * validated) on a worker thread while earlier blocks are checked here and committed; a small one, or
   * every one without workers, here. Blocks are finished and committed in body order.
   */
  async ingestNdjson(stream: Readable, caller: Caller, limit: number): Promise<IngestSummary> {
    const summary: IngestSummary = { accepted: 0, duplicates: 0, rejected: [] };
    // PostgreSQL works on one chunk while the next is being written and a third prepared; PGlite has one
    // session, so one commit at a time. With on-arrival rules, one at a time too: a chunk that reached
    // detection before the chunk ahead of it judged a deadline as of its newest event without the events
    // ahead (a sample hand-over not yet committed made its retrieval look overdue)
    const window = this.database.kind === 'postgres' && this.committing.length === 0 ? 3 : 1;
    const inFlight: Promise<void>[] = [];
    let failure: unknown = null;
    const pendingUnits = new Map<string, string | null>();
    /** the index of the next block's first line */
    let nextIndex = 0;
    /** blocks on their way, in body order: each, given its first index, yields its chunks to commit */
    const queue: Promise<(first: number) => Promise<{ chunks: Prepared[]; lines: number }>>[] = [];
    const ahead = this.pool ? this.pool.size + 1 : 0;
    const commitNext = async (prepared: Prepared) => {
      while (inFlight.length >= window) await inFlight.shift();
      if (failure) throw failure;
      const commit = this.commit(prepared, caller, summary).catch((e) => {
        failure ??= e;
      });
      inFlight.push(commit);
      // reference data explains the events after it: the chunks that follow wait until it is committed,
      // so none of them is judged (on-arrival rules) without it
      if (prepared.valid.some((e) => e.type.startsWith('ref.'))) {
        await Promise.all(inFlight.splice(0));
        if (failure) throw failure;
      }
    };
    const finishOne = async () => {
      const done = await (await queue.shift()!)(nextIndex);
      nextIndex += done.lines;
      for (const prepared of done.chunks) await commitNext(prepared);
    };
    try {
      for await (const block of ndjsonBlocks(stream, limit)) {
        if ('bytes' in block && this.pool && block.bytes.length >= WORKER_MIN_BYTES) queue.push(this.dispatch(block.bytes, caller, pendingUnits));
        else queue.push(Promise.resolve((first) => this.prepareBlock(block, first, caller, pendingUnits)));
        if (queue.length > ahead) await finishOne();
      }
      while (queue.length) await finishOne();
    } finally {
      // a block still being prepared is dropped unstored when the request fails
      await Promise.allSettled(queue.splice(0));
      await Promise.all(inFlight);
    }
    if (failure) throw failure;
    summary.rejected.sort((a, b) => a.index - b.index);
    return summary;
  }

  /** a block prepared on this thread, in chunks of at most CHUNK events and CHUNK_BYTES */
  private async prepareBlock(block: Block, first: number, caller: Caller, pendingUnits: Map<string, string | null>): Promise<{ chunks: Prepared[]; lines: number }> {
    const lines: Line[] = 'tooLong' in block ? [{ index: first, text: null, error: TOO_LONG, lossy: '', start: 0, end: 0 }] : linesOf(block.bytes, first);
    const chunks: Prepared[] = [];
    let items: RawItem[] = [];
    let bytes = 0;
    for (const line of lines) {
      items.push(line.text === null ? { index: line.index, error: line.error ?? 'event: unreadable', lossy: line.lossy ?? '' } : { index: line.index, text: line.text });
      bytes += line.end - line.start;
      if (items.length >= CHUNK || bytes >= CHUNK_BYTES) {
        chunks.push(await this.prepare(items, caller, pendingUnits));
        items = [];
        bytes = 0;
      }
    }
    if (items.length) chunks.push(await this.prepare(items, caller, pendingUnits));
    return { chunks, lines: lines.length };
  }

  /**
   * Hand a block to a worker: it cuts, parses and validates the lines and, on PostgreSQL, writes their
   * COPY rows with the sequence numbers reserved here. The answer is finished on this thread in the
   * block's turn (the returned function): the units are checked against the caller and the units
   * defined earlier in the body.
   */
  private async dispatch(block: Buffer, caller: Caller, pendingUnits: Map<string, string | null>): Promise<(first: number) => Promise<{ chunks: Prepared[]; lines: number }>> {
    const now = this.clock.now();
    let seqs: number[] | null = null;
    if (this.database.kind === 'postgres') {
      // a number for every line the block can hold (blank ones waste theirs)
      let n = 1;
      for (let i = block.indexOf(0x0a); i !== -1; i = block.indexOf(0x0a, i + 1)) n++;
      seqs = await reserveSeqBlocks(asTx(this.database.db), n);
    }
    const result = await this.pool!.run({ block, nowMs: now.getTime(), seqs, receivedAt: now.toISOString(), source: copyText(actorLabel(caller)) });
    return async (first) => ({ chunks: [await this.finish(block, first, result, caller, pendingUnits, now)], lines: result.lines });
  }

  /** a worker's answer for a block, checked against the units: the block as one chunk, ready to commit */
  private async finish(block: Buffer, first: number, r: LinesResult, caller: Caller, pendingUnits: Map<string, string | null>, now: Date): Promise<Prepared> {
    const dead: DeadLetterInput[] = r.dead.map((d) => ({ batchIndex: first + d.pos, eventId: d.id, eventType: d.type, error: d.error, raw: d.raw }));
    const valid: PreparedEvent[] = [];
    /** the rows of r kept, when a unit check drops some */
    let keep: number[] | null = null;
    const unitCheck = this.unitCheck(caller, pendingUnits);
    const view = new LinesView(r);
    for (let k = 0; k < view.count; k++) {
      const ev = new PreparedEvent(view, k, block, first);
      let problem = unitCheck(ev);
      if (problem instanceof Promise) problem = await problem;
      if (problem) {
        keep ??= Array.from({ length: k }, (_, i) => i);
        dead.push({ batchIndex: ev.index, eventId: ev.id, eventType: ev.type, error: problem, raw: ev.json });
        continue;
      }
      keep?.push(k);
      if (ev.type === 'ref.unit') {
        const d = ev.data as { code: string; parentCode?: string | null };
        pendingUnits.set(d.code, d.parentCode ?? null);
      }
      valid.push(ev);
    }
    const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
    const copy = r.copy ? { events: buffer(r.copy.events), eventOffsets: r.copy.eventOffsets, ids: buffer(r.copy.ids), idOffsets: r.copy.idOffsets, rows: keep } : undefined;
    return { valid, dead, batchDuplicates: r.repeats, receivedAt: now, indexes: [first, first + Math.max(0, r.lines - 1)], copy };
  }

  /** Ingest already-parsed values (a JSON body: one event or an array). */
  async ingestValues(values: unknown[], caller: Caller): Promise<IngestSummary> {
    if (values.length <= this.groupBodyEvents) {
      this.groupRequests++;
      const prepared = await this.prepare(
        values.map((value, index) => ({ index, value })),
        caller,
        new Map(),
      );
      const summary = await this.enqueue(prepared, caller);
      summary.rejected.sort((a, b) => a.index - b.index);
      return summary;
    }
    const summary: IngestSummary = { accepted: 0, duplicates: 0, rejected: [] };
    const pendingUnits = new Map<string, string | null>();
    for (let start = 0; start < values.length; start += CHUNK) {
      const items = values.slice(start, start + CHUNK).map((value, i) => ({ index: start + i, value }));
      await this.commit(await this.prepare(items, caller, pendingUnits), caller, summary);
    }
    return summary;
  }

  /** `pendingUnits`: units defined earlier in this request (committed in order before this chunk), so
   *  events for a new unit may follow its ref.unit in the same body */
  private async prepare(items: RawItem[], caller: Caller, pendingUnits: Map<string, string | null>): Promise<Prepared> {
    const now = this.clock.now();
    const nowMs = now.getTime();
    const valid: (ValidEvent & { index: number; json: string })[] = [];
    const dead: DeadLetterInput[] = [];
    const seen = new Set<string>();
    let batchDuplicates = 0;
    const unitCheck = this.unitCheck(caller, pendingUnits);

    let sinceYield = 0;
    for (const item of items) {
      // a chunk takes milliseconds to validate: let the database's answers to the chunks in flight be
      // handled meanwhile, so their next statement goes out at once instead of after this whole chunk
      if (++sinceYield === YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      let value: unknown;
      let rawText: string;
      if ('error' in item) {
        dead.push({ batchIndex: item.index, eventId: null, eventType: null, error: item.error, raw: item.lossy });
        continue;
      }
      if ('text' in item) {
        rawText = item.text;
        try {
          value = JSON.parse(item.text);
        } catch (e) {
          dead.push({ batchIndex: item.index, eventId: null, eventType: null, error: `event: 不是合法的JSON (not valid JSON: ${(e as Error).message})`, raw: rawText });
          continue;
        }
      } else {
        value = item.value;
        rawText = safeStringify(value);
      }
      const result = validateEvent(value, nowMs);
      if (!result.ok) {
        dead.push({ batchIndex: item.index, eventId: result.id, eventType: result.type, error: result.error, raw: rawText });
        continue;
      }
      const ev = result.event;
      let unitError = unitCheck(ev);
      if (unitError instanceof Promise) unitError = await unitError;
      if (unitError) {
        dead.push({ batchIndex: item.index, eventId: ev.id, eventType: ev.type, error: unitError, raw: rawText });
        continue;
      }
      if (seen.has(ev.id)) {
        batchDuplicates++;
        continue;
      }
      seen.add(ev.id);
      if (ev.type === 'ref.unit') {
        const d = ev.data as { code: string; parentCode?: string | null };
        pendingUnits.set(d.code, d.parentCode ?? null);
      }
      // the line as sent is the stored JSON when validation normalised nothing: no second stringify
      const json = 'text' in item && ev.raw === value ? item.text : JSON.stringify(ev.raw);
      (ev as ValidEvent & { index: number; json: string }).index = item.index;
      (ev as ValidEvent & { index: number; json: string }).json = json;
      valid.push(ev as ValidEvent & { index: number; json: string });
    }
    return { valid, dead, batchDuplicates, receivedAt: now, indexes: [items[0]?.index ?? 0, items[items.length - 1]?.index ?? 0] };
  }

  /**
   * The unit check of one chunk's events, in order: unitProblem, with the units found fine remembered
   * (a refusal is not: a ref.unit later in the chunk can define the unit), and when a unit is unknown,
   * one look at the table first, since another server process may have learnt it.
   */
  private unitCheck(caller: Caller, pending: Map<string, string | null>): (ev: ValidEvent) => string | null | Promise<string | null> {
    const fine = new Set<string>();
    let reloaded = false;
    const remember = (ev: ValidEvent, problem: string | null) => {
      if (problem === null && ev.type !== 'ref.unit') fine.add(ev.unit);
      return problem;
    };
    // answered at once unless the table must be read: a block's thousands of events wait on no promise
    return (ev) => {
      if (ev.type !== 'ref.unit' && fine.has(ev.unit)) return null;
      const problem = this.unitProblem(ev, caller, pending);
      if (!(problem && problem.startsWith('unit: 未知') && !reloaded && Date.now() - this.lastUnitReload > 1000)) return remember(ev, problem);
      reloaded = true;
      this.lastUnitReload = Date.now();
      return this.units.load(asTx(this.database.db)).then(() => remember(ev, this.unitProblem(ev, caller, pending)));
    };
  }

  /** null when the event's units are fine for this caller, else the reason naming the field */
  private unitProblem(ev: ValidEvent, caller: Caller, pending: Map<string, string | null>): string | null {
    if (ev.type === 'ref.unit') {
      const d = ev.data as { code: string; parentCode?: string | null };
      if (caller.unitPath === '/') return null;
      if (this.units.has(d.code) ? this.inScope(d.code, caller, pending) : d.parentCode != null && this.inScope(d.parentCode, caller, pending)) return null;
      return `data.code: 单位 ${d.code} 不在令牌的管辖范围内 (outside the units this token may report for)`;
    }
    if (!this.units.has(ev.unit) && !pending.has(ev.unit)) return `unit: 未知单位 ${ev.unit} (unknown unit)`;
    if (!this.inScope(ev.unit, caller, pending)) return `unit: 单位 ${ev.unit} 不在令牌的管辖范围内 (outside the units this token may report for)`;
    return null;
  }

  /** a known unit inside the caller's subtree, or one defined earlier in this body under such a unit */
  private inScope(code: string, caller: Caller, pending: Map<string, string | null>, depth = 0): boolean {
    if (caller.unitPath === '/') return true;
    if (this.units.has(code)) return this.units.within(caller.unitPath, code);
    const parent = pending.get(code);
    return parent !== undefined && parent !== null && parent !== code && depth < 32 && this.inScope(parent, caller, pending, depth + 1);
  }

  private commit(p: Prepared, caller: Caller, summary: IngestSummary): Promise<void> {
    return this.commitParts([{ prepared: p, caller, summary }], false);
  }

  /**
   * A small body joins the open group; the group commits when its window closes or it is full, in one
   * transaction with the others, and each request is answered after that commit with its own summary.
   */
  private enqueue(prepared: Prepared, caller: Caller): Promise<IngestSummary> {
    return new Promise<IngestSummary>((resolve, reject) => {
      this.group.push({ prepared, caller, summary: { accepted: 0, duplicates: 0, rejected: [] }, resolve, reject });
      this.groupEvents += prepared.valid.length + prepared.dead.length + prepared.batchDuplicates;
      if (this.groupEvents >= GROUP_MAX_EVENTS) this.closeGroup();
      else this.groupTimer ??= setTimeout(() => this.closeGroup(), this.groupWindowMs);
    });
  }

  /** start the open group's commit, unless as many groups as the engine takes are committing already:
   *  then it stays open and commits when one of them is done */
  private closeGroup(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = null;
    if (this.group.length === 0 || this.groupsCommitting >= (this.database.kind === 'postgres' ? GROUPS_IN_FLIGHT : 1)) return;
    const parts = this.group;
    this.group = [];
    this.groupEvents = 0;
    this.groupsCommitting++;
    this.groupCommits++;
    void this.commitGroup(parts).finally(() => {
      this.groupsCommitting--;
      if (this.group.length && !this.groupTimer) this.closeGroup();
    });
  }

  private async commitGroup(parts: GroupPart[]): Promise<void> {
    try {
      await this.commitParts(parts, true);
    } catch (e) {
      if (parts.length === 1) {
        parts[0].reject(e);
        return;
      }
      // one request's failure must not fail the others: each commits alone
      for (const part of parts) {
        part.summary = { accepted: 0, duplicates: 0, rejected: [] };
        await this.commitParts([part], true).then(
          () => part.resolve(part.summary),
          (err: unknown) => part.reject(err),
        );
      }
      return;
    }
    for (const part of parts) part.resolve(part.summary);
  }

  /** transactions committed for grouped requests (operators and tests see the grouping through it) */
  get groupStats(): { commits: number; requests: number } {
    return { commits: this.groupCommits, requests: this.groupRequests };
  }

  /**
   * One transaction for the prepared chunks of one or more requests: their new events, the ref.* upserts
   * they carry, each request's dead letters and audit leaf. An id in two of them is new for the first
   * only. The summaries are filled in only once the transaction has committed.
   */
  private async commitParts(parts: readonly Part[], grouped: boolean): Promise<void> {
    // an id in two parts is new for the first only; a single part's events are distinct already
    let all: readonly (ValidEvent & { index: number; json: string })[];
    let partOf: (e: ValidEvent) => number;
    if (parts.length === 1) {
      all = parts[0].prepared.valid;
      partOf = () => 0;
    } else {
      const owner = new Map<string, number>();
      const distinct: (ValidEvent & { index: number; json: string })[] = [];
      parts.forEach((part, i) => {
        for (const e of part.prepared.valid) {
          if (owner.has(e.id)) continue;
          owner.set(e.id, i);
          distinct.push(e);
        }
      });
      all = distinct;
      partOf = (e) => owner.get(e.id)!;
    }
    await ensurePartitions(asTx(this.database.db), monthsOf(all));
    // a group of small posts goes in as one statement; a chunk of a large body (often re-sent, and all
    // duplicates then) by COPY, where only the ids travel before the database says which are new
    let bytes = 0;
    if (grouped && all.length <= ONE_STATEMENT_EVENTS) for (const e of all) bytes += e.json.length;
    const small = grouped && all.length <= ONE_STATEMENT_EVENTS && bytes <= ONE_STATEMENT_BYTES;
    // a block a worker prepared carries its sequence numbers and COPY rows
    const built = parts.length === 1 ? parts[0].prepared.copy : undefined;
    const seqs = small || built ? [] : await reserveSeqs(asTx(this.database.db), all.length);
    const claims = (): ClaimRow[] => all.map((e, i) => ({ id: e.id, occurredAt: e.occurredAt, seq: built ? (e as PreparedEvent).seq : seqs[i] }));
    /** the store sequence number of a new event; undefined for a duplicate */
    let seqOf: (e: ValidEvent, i: number) => number | undefined = () => undefined;
    let unitsChanged = false;
    const sent = parts.map((part) => ({ receivedAt: part.prepared.receivedAt.toISOString(), source: actorLabel(part.caller) }));
    const rowOf = (e: ValidEvent & { json: string }, part: number) => ({
      id: e.id,
      type: e.type,
      occurredAt: e.occurredAt,
      unit: e.unit,
      actor: e.actor,
      json: e.json,
      ...sent[part],
    });
    /** per part: new events, and the range of their sequence numbers */
    const fresh = parts.map(() => ({ n: 0, lo: Infinity, hi: -Infinity }));
    // Another transaction (a listener's, a concurrent chunk's) can take the same locks in the other order;
    // PostgreSQL then aborts one of them as a deadlock. Nothing of it was kept: run it again.
    for (let attempt = 1; ; attempt++) {
      try {
        await inClientTransaction(this.database, async (tx, client) => {
          if (small) {
            // a few events: claim and store them in one round trip
            const inserted = await claimAndAppend(
              tx,
              all.map((e) => rowOf(e, partOf(e))),
            );
            seqOf = (e) => inserted.get(e.id);
          } else if (built) {
            // the worker's rows; only when an id was taken already are the rows picked one by one
            const taken = await claimPrebuilt(tx, client, rowsOf(built.ids, built.idOffsets, built.rows), claims);
            let rows = built.rows;
            if (taken === null) seqOf = (e) => (e as PreparedEvent).seq;
            else {
              const kept = built.rows ?? all.map((_, i) => i);
              rows = [];
              for (let i = 0; i < all.length; i++) if (taken.has(all[i].id)) rows.push(kept[i]);
              seqOf = (e) => (taken.has(e.id) ? (e as PreparedEvent).seq : undefined);
            }
            await appendEventsCopy(client, rowsOf(built.events, built.eventOffsets, rows));
          } else {
            const inserted = await claimEventIds(tx, client, this.database.kind, claims());
            const rows: NewEventRow[] = [];
            for (const e of all) {
              const seq = inserted.get(e.id);
              if (seq !== undefined) rows.push({ seq, ...rowOf(e, partOf(e)) });
            }
            await appendEvents(tx, client, this.database.kind, rows);
            seqOf = (e) => inserted.get(e.id);
          }
          for (const f of fresh) Object.assign(f, { n: 0, lo: Infinity, hi: -Infinity });
          for (let i = 0; i < all.length; i++) {
            const seq = seqOf(all[i], i);
            if (seq === undefined) continue;
            const f = fresh[partOf(all[i])];
            f.n++;
            if (seq < f.lo) f.lo = seq;
            if (seq > f.hi) f.hi = seq;
          }
          const freshRefs = all.filter((e, i) => isRefType(e.type) && seqOf(e, i) !== undefined);
          if (freshRefs.length) unitsChanged = (await applyRefEvents(tx, freshRefs)).unitsChanged;
          if (this.committing.length) {
            const accepted = acceptedOf(all, seqOf);
            if (accepted.length) for (const l of this.committing) await l(tx, accepted);
          }
          for (const part of parts) {
            const { caller } = part;
            await insertDeadLetters(tx, part.prepared.dead, { receivedAt: part.prepared.receivedAt.toISOString(), source: actorLabel(caller), sourceUnit: caller.unitCode || null, ip: caller.ip });
          }
          await appendAudits(
            tx,
            parts.map((part, i) => ({
              at: part.prepared.receivedAt,
              actor: actorLabel(part.caller),
              unitCode: part.caller.unitCode || null,
              ip: part.caller.ip,
              action: 'events.ingest',
              detail: {
                accepted: fresh[i].n,
                duplicates: part.prepared.valid.length - fresh[i].n + part.prepared.batchDuplicates,
                rejected: part.prepared.dead.length,
                /** the body's events this chunk covers, by index */
                indexes: part.prepared.indexes,
                seqs: fresh[i].n ? [fresh[i].lo, fresh[i].hi] : [],
              },
            })),
          );
        });
        break;
      } catch (e) {
        if (pgCode(e) !== '40P01' || attempt >= DEADLOCK_RETRIES) throw e;
      }
    }
    if (unitsChanged) await this.units.load(asTx(this.database.db));
    parts.forEach((part, i) => {
      const { summary, prepared } = part;
      summary.accepted += fresh[i].n;
      summary.duplicates += prepared.valid.length - fresh[i].n + prepared.batchDuplicates;
      for (const d of prepared.dead) summary.rejected.push({ index: d.batchIndex, id: d.eventId, error: d.error });
    });
    if (this.listeners.length) {
      const accepted = acceptedOf(all, seqOf);
      if (accepted.length) for (const l of this.listeners) await l(accepted);
    }
  }
}

interface Part {
  prepared: Prepared;
  caller: Caller;
  summary: IngestSummary;
}

interface GroupPart extends Part {
  resolve(summary: IngestSummary): void;
  reject(error: unknown): void;
}

interface Prepared {
  valid: (ValidEvent & { index: number; json: string })[];
  dead: DeadLetterInput[];
  batchDuplicates: number;
  receivedAt: Date;
  indexes: [number, number];
  /** the COPY rows a worker wrote for the chunk (PostgreSQL), and which of them are kept (null: all) */
  copy?: { events: Buffer; eventOffsets: Int32Array; ids: Buffer; idOffsets: Int32Array; rows: number[] | null };
}

/** the rows `rows` (all when null) of a worker's COPY text; the whole buffer when none is dropped */
function rowsOf(buffer: Buffer, offsets: Int32Array, rows: readonly number[] | null): Buffer {
  if (rows === null) return buffer;
  const parts: Buffer[] = [];
  let run = -1;
  for (let i = 0; i < rows.length; i++) {
    // consecutive rows are one slice
    if (run === -1) run = rows[i];
    if (i + 1 < rows.length && rows[i + 1] === rows[i] + 1) continue;
    parts.push(buffer.subarray(offsets[run], offsets[rows[i] + 1]));
    run = -1;
  }
  return Buffer.concat(parts);
}

/**
 * An event a worker validated. Its columns came back from the worker; its data is parsed from the stored
 * JSON only when something asks for it (reference data, the on-arrival rules), never on the plain
 * ingest path.
 */
class PreparedEvent implements ValidEvent {
  readonly type: ValidEvent['type'];
  readonly occurredAtMs: number;
  readonly unit: string;
  readonly seq: number;
  readonly index: number;
  private text: string | null;
  private parsed: Record<string, unknown> | null = null;

  constructor(
    private readonly view: LinesView,
    private readonly k: number,
    private readonly block: Buffer,
    first: number,
  ) {
    const r = view.r;
    this.type = view.type(k) as ValidEvent['type'];
    this.occurredAtMs = r.occurredAtMs[k];
    this.unit = view.unit(k);
    this.seq = r.seq[k];
    this.index = first + r.pos[k];
    this.text = r.json[k];
  }

  /** id, time and actor are read from the worker's columns when asked for (a repeated id, a listener) */
  get id(): string {
    return this.view.id(this.k);
  }

  get occurredAt(): string {
    return this.view.occurredAt(this.k);
  }

  get actor(): string | null {
    return this.view.actor(this.k);
  }

  /** the JSON stored: the line as sent, decoded from the block on first use, or as validation normalised it */
  get json(): string {
    return (this.text ??= this.block.toString('utf8', this.view.r.start[this.k], this.view.r.end[this.k]));
  }

  get raw(): Record<string, unknown> {
    return (this.parsed ??= JSON.parse(this.json) as Record<string, unknown>);
  }

  get data(): Record<string, unknown> {
    return this.raw.data as Record<string, unknown>;
  }

  get location(): { lat: number; lng: number } | null {
    const loc = this.raw.location as { lat: number; lng: number } | null | undefined;
    return loc == null ? null : { lat: loc.lat, lng: loc.lng };
  }
}

function acceptedOf(valid: readonly ValidEvent[], seqOf: (e: ValidEvent, i: number) => number | undefined): AcceptedEvent[] {
  const out: AcceptedEvent[] = [];
  for (let i = 0; i < valid.length; i++) {
    const e = valid[i];
    const seq = seqOf(e, i);
    if (seq === undefined) continue;
    // named one by one: a prepared event's data is a getter, which a spread would leave behind
    const { id, type, occurredAt, occurredAtMs, unit, actor, location, data, raw } = e;
    out.push({ id, type, occurredAt, occurredAtMs, unit, actor, location, data, raw, seq });
  }
  return out;
}

/** the months a chunk touches; events of one chunk mostly share a month, so test the range first */
function monthsOf(events: readonly { occurredAtMs: number }[]): Set<string> {
  const months = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    if (e.occurredAtMs >= lo && e.occurredAtMs < hi) continue;
    const m = monthStart(e.occurredAtMs);
    months.add(m);
    const d = new Date(m);
    lo = d.getTime();
    hi = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return months;
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    // too deep to serialise (the parser accepted it, the stringifier's stack does not)
    return '[not serialisable: nested too deeply]';
  }
}
