// Splits a byte stream into lines without holding the body: a 100 MB NDJSON upload flows through in
// chunks. Lines are handed over a network chunk at a time (one await per chunk, not per line). A chunk
// of valid UTF-8 is decoded at once; otherwise each line is decoded strictly, so a mis-encoded line is one
// rejected event, not a dead body.
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../platform/errors.ts';

export interface Line {
  /** 0-based line number among non-blank lines: the event's index in the batch */
  index: number;
  /** the decoded line, or null when it cannot be an event (not UTF-8, too long) */
  text: string | null;
  /** why text is null */
  error?: string;
  /** what is kept of an unreadable line for the dead letter (lossy decoding, at most 64 KiB) */
  lossy?: string;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');
/** one line longer than this is not an event: it is rejected without being buffered whole */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
const tooLong = `event: 单行超过 ${MAX_LINE_BYTES} 字节 (line longer than ${MAX_LINE_BYTES} bytes)`;

const isBlank = (s: string) => s.trim().length === 0;

/** Yields the lines of the stream, a batch per chunk read; throws 413 once more than `limit` bytes arrive. */
export async function* ndjsonBatches(stream: Readable, limit: number): AsyncGenerator<Line[]> {
  let carry: Buffer[] = [];
  let carryLen = 0;
  let oversize = false;
  let total = 0;
  let index = 0;

  const pushText = (out: Line[], text: string) => {
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!isBlank(t)) out.push({ index: index++, text: t });
  };
  const pushBytes = (out: Line[], bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (isUtf8(bytes)) {
      pushText(out, bytes.toString('utf8'));
      return;
    }
    try {
      pushText(out, strict.decode(bytes));
    } catch {
      out.push({ index: index++, text: null, error: 'event: 不是有效的UTF-8编码 (not valid UTF-8)', lossy: lossy.decode(bytes.subarray(0, 65536)) });
    }
  };
  /** complete lines in `region` (which ends just before a newline) */
  const pushRegion = (out: Line[], region: Buffer) => {
    if (isUtf8(region)) {
      for (const text of region.toString('utf8').split('\n')) pushText(out, text);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = region.indexOf(0x0a, start);
      pushBytes(out, region.subarray(start, nl === -1 ? region.length : nl));
      if (nl === -1) break;
      start = nl + 1;
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new AppError('payload_too_large', `请求体超过上限 ${limit} 字节 (body larger than ${limit} bytes)`);
    const out: Line[] = [];
    const last = chunk.lastIndexOf(0x0a);
    if (last === -1) {
      carryLen += chunk.length;
      if (carryLen > MAX_LINE_BYTES) {
        oversize = true;
        carry = [];
      } else if (!oversize) carry.push(chunk);
      continue;
    }
    // the line that was being carried ends at the chunk's first newline
    const first = chunk.indexOf(0x0a);
    if (oversize) {
      out.push({ index: index++, text: null, error: tooLong, lossy: '' });
    } else if (carry.length) {
      pushBytes(out, Buffer.concat([...carry, chunk.subarray(0, first)]));
    } else {
      pushBytes(out, chunk.subarray(0, first));
    }
    carry = [];
    carryLen = 0;
    oversize = false;
    if (last > first) pushRegion(out, chunk.subarray(first + 1, last));
    const rest = chunk.subarray(last + 1);
    if (rest.length) {
      carryLen = rest.length;
      if (carryLen > MAX_LINE_BYTES) oversize = true;
      else carry.push(Buffer.from(rest));
    }
    if (out.length) yield out;
  }
  if (oversize) yield [{ index: index++, text: null, error: tooLong, lossy: '' }];
  else if (carry.length) {
    const out: Line[] = [];
    pushBytes(out, Buffer.concat(carry));
    if (out.length) yield out;
  }
}
