// The CPU-heavy half of ingesting an NDJSON block, with no I/O: cut it into lines, parse each, validate
// it against the contract, and (on PostgreSQL) write the COPY rows of the events and of their ids as
// bytes. It runs on a worker thread (prepare.worker.ts), so preparing the next block overlaps the commit
// of this one and the server's event loop keeps answering; what it returns is columns and buffers, cheap
// to hand over. The checks that need the server's state (a known unit, the caller's subtree) stay on the
// main thread, which decodes a line again only when something there needs its text.
import { linesOf } from './ndjson.ts';
import { validateEvent } from './validate.ts';
import { seqAt } from './seq.ts';

export interface LinesJob {
  /** whole lines of the body (ndjsonBlocks) */
  block: Uint8Array;
  /** the server's clock, for "not in the future" */
  nowMs: number;
  /** the first numbers of the sequence blocks reserved for the block (reserveSeqBlocks), enough for one
   *  number per line (PostgreSQL); the COPY rows are written only when they are given */
  seqs: number[] | null;
  /** the received_at and source columns of every row, as COPY text */
  receivedAt: string;
  source: string;
}

export interface LinesResult {
  /** the block's lines that are not blank: the indexes 0 … lines - 1 */
  lines: number;
  /** per valid event, in line order: its line's index, where its bytes are in the block, its time and
   *  sequence number; its type and unit as indexes into `types` and `units` */
  pos: Int32Array;
  start: Int32Array;
  end: Int32Array;
  occurredAtMs: Float64Array;
  seq: Float64Array;
  typeOf: Uint8Array;
  types: string[];
  unitOf: Uint32Array;
  units: string[];
  /** the ids, times (occurredAt as sent) and actors ('' for none), each column one text joined by
   *  newlines (none of them can hold one): a few strings cross to the main thread instead of thousands,
   *  and LinesView splits a column only when something asks for it (a repeated id, a listener) */
  ids: string;
  times: string;
  actors: string;
  /** the JSON to store when validation normalised a value (a plate's case, say); null: the line as sent */
  json: (string | null)[];
  /** lines repeating an id seen earlier in the chunk: counted as duplicates, not stored twice */
  repeats: number;
  /** the rejected lines: index, what could be read of id and type, the reason naming the field, the line */
  dead: { pos: number; id: string | null; type: string | null; error: string; raw: string }[];
  /** COPY text of the valid events and of their ids, with the byte offset of each row (n + 1 each) */
  copy: { events: Uint8Array; eventOffsets: Int32Array; ids: Uint8Array; idOffsets: Int32Array } | null;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and carriage return are escaped; \N is null */
export const copyText = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s);

export function prepareLines(job: LinesJob): LinesResult {
  const block = Buffer.from(job.block.buffer, job.block.byteOffset, job.block.byteLength);
  const { nowMs } = job;
  const lines = linesOf(block, 0);
  const n = lines.length;
  const pos = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const occurredAtMs = new Float64Array(n);
  const seq = new Float64Array(n);
  const id: string[] = [];
  const type: string[] = [];
  const occurredAt: string[] = [];
  const unit: string[] = [];
  const actor: (string | null)[] = [];
  const json: (string | null)[] = [];
  const texts: string[] = [];
  const dead: LinesResult['dead'] = [];
  const seen = new Set<string>();
  const seqs = job.seqs;
  // the bytes that matter for escapes, found once for the block: the lines holding one are few
  const backslashes = positions(block, [0x5c]);
  const escapes = positions(block, [0x5c, 0x09, 0x0d]);
  let nextBackslash = 0;
  let nextEscape = 0;
  /** whether the line needs COPY escaping, per valid event */
  const escaped: boolean[] = [];
  let repeats = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    const text = line.text;
    if (text === null) {
      dead.push({ pos: i, id: null, type: null, error: line.error!, raw: line.lossy ?? '' });
      continue;
    }
    while (nextBackslash < backslashes.length && backslashes[nextBackslash] < line.start) nextBackslash++;
    while (nextEscape < escapes.length && escapes[nextEscape] < line.start) nextEscape++;
    const plain = !(nextBackslash < backslashes.length && backslashes[nextBackslash] < line.end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      dead.push({ pos: i, id: null, type: null, error: `event: 不是合法的JSON (not valid JSON: ${(e as Error).message})`, raw: text });
      continue;
    }
    const result = validateEvent(value, nowMs, plain);
    if (!result.ok) {
      dead.push({ pos: i, id: result.id, type: result.type, error: result.error, raw: text });
      continue;
    }
    const ev = result.event;
    if (seen.has(ev.id)) {
      repeats++;
      continue;
    }
    seen.add(ev.id);
    pos[k] = i;
    start[k] = line.start;
    end[k] = line.end;
    id.push(ev.id);
    type.push(ev.type);
    occurredAt.push(ev.occurredAt);
    occurredAtMs[k] = ev.occurredAtMs;
    unit.push(ev.unit);
    actor.push(ev.actor);
    seq[k] = seqs === null ? 0 : seqAt(seqs, i);
    json.push(ev.raw === value ? null : JSON.stringify(ev.raw));
    texts.push(text);
    escaped.push(nextEscape < escapes.length && escapes[nextEscape] < line.end);
    k++;
  }
  const types: string[] = [];
  const units: string[] = [];
  return {
    lines: n,
    pos: pos.slice(0, k),
    start: start.slice(0, k),
    end: end.slice(0, k),
    occurredAtMs: occurredAtMs.slice(0, k),
    seq: seq.slice(0, k),
    typeOf: Uint8Array.from(indexes(type, types)),
    types,
    unitOf: Uint32Array.from(indexes(unit, units)),
    units,
    ids: id.join('\n'),
    times: occurredAt.join('\n'),
    actors: actor.map((a) => a ?? '').join('\n'),
    json,
    repeats,
    dead,
    copy: seqs === null ? null : copyRows(job, block, texts, escaped, { start, end, id, type, occurredAt, unit, actor, seq, json }, k),
  };
}

/** the rows as UTF-8 COPY text, each row's start recorded so the main thread can drop rows unread */
function copyRows(
  job: LinesJob,
  block: Buffer,
  texts: readonly string[],
  escaped: readonly boolean[],
  v: Pick<LinesResult, 'start' | 'end' | 'seq' | 'json'> & { id: string[]; type: string[]; occurredAt: string[]; unit: string[]; actor: (string | null)[] },
  n: number,
): NonNullable<LinesResult['copy']> {
  const tail = `\t${job.receivedAt}\t${job.source}\t`;
  // an upper bound of the bytes: a UTF-16 unit is at most 3 bytes of UTF-8, and escaping only doubles
  // ASCII characters; a sequence number is at most 20 digits
  let eventBytes = 0;
  let idBytes = 0;
  for (let i = 0; i < n; i++) {
    const fields = v.id[i].length + v.type[i].length + v.occurredAt[i].length + v.unit[i].length + (v.actor[i]?.length ?? 2);
    eventBytes += 3 * ((v.json[i] ?? texts[i]).length + fields + tail.length) + 32;
    idBytes += 3 * (v.id[i].length + v.occurredAt[i].length) + 32;
  }
  const events = scratch('events', eventBytes);
  const ids = scratch('ids', idBytes);
  const eventOffsets = new Int32Array(n + 1);
  const idOffsets = new Int32Array(n + 1);
  let e = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    eventOffsets[i] = e;
    idOffsets[i] = d;
    const idText = copyText(v.id[i]);
    const a = v.actor[i];
    const seq = v.seq[i];
    e += events.write(`${seq}\t${idText}\t${v.type[i]}\t${v.occurredAt[i]}\t${v.unit[i]}\t${a === null ? '\\N' : copyText(a)}${tail}`, e);
    // the line's own bytes when it is stored as sent and needs no COPY escape: no second encoding
    const normalised = v.json[i];
    if (normalised === null && !escaped[i]) e += block.copy(events, e, v.start[i], v.end[i]);
    else e += events.write(copyText(normalised ?? texts[i]), e);
    events[e++] = 0x0a;
    d += ids.write(`${idText}\t${v.occurredAt[i]}\t${seq}\n`, d);
  }
  eventOffsets[n] = e;
  idOffsets[n] = d;
  // copies of the used part, each in a buffer of its own, to be handed over whole
  const out = (from: Buffer, n: number) => {
    const u = new Uint8Array(n);
    u.set(from.subarray(0, n));
    return u;
  };
  return { events: out(events, e), eventOffsets, ids: out(ids, d), idOffsets };
}

/** each value's index in `distinct`, which gets the values in order of first appearance */
function indexes(values: readonly string[], distinct: string[]): number[] {
  const at = new Map<string, number>();
  return values.map((v) => {
    let i = at.get(v);
    if (i === undefined) at.set(v, (i = distinct.push(v) - 1));
    return i;
  });
}

/** a worker's answer read per event: the joined columns are split on first use, once */
export class LinesView {
  private idList: string[] | null = null;
  private timeList: string[] | null = null;
  private actorList: string[] | null = null;
  constructor(readonly r: LinesResult) {}

  get count(): number {
    return this.r.pos.length;
  }
  id(k: number): string {
    return (this.idList ??= this.r.ids.split('\n'))[k];
  }
  occurredAt(k: number): string {
    return (this.timeList ??= this.r.times.split('\n'))[k];
  }
  actor(k: number): string | null {
    const a = (this.actorList ??= this.r.actors.split('\n'))[k];
    return a === '' ? null : a;
  }
  type(k: number): string {
    return this.r.types[this.r.typeOf[k]];
  }
  unit(k: number): string {
    return this.r.units[this.r.unitOf[k]];
  }
}

/** where the block holds any of `bytes`, in order */
function positions(block: Buffer, bytes: readonly number[]): number[] {
  const out: number[] = [];
  for (const b of bytes) for (let i = block.indexOf(b); i !== -1; i = block.indexOf(b, i + 1)) out.push(i);
  return bytes.length > 1 ? out.sort((a, b) => a - b) : out;
}

/**
 * The rows are written into buffers kept from block to block and grown when a block needs more: a
 * block's bound is about three times its rows, and allocating that afresh each time makes garbage
 * collection run far more often on both threads.
 */
const scratches = new Map<string, Buffer>();
function scratch(name: string, bytes: number): Buffer {
  let b = scratches.get(name);
  if (!b || b.length < bytes) scratches.set(name, (b = Buffer.allocUnsafeSlow(Math.max(bytes, 2 * (b?.length ?? 0)))));
  return b;
}
