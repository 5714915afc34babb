// Splits a byte stream into lines without holding the body: a 100 MB NDJSON upload flows through in
// chunks. Each line is decoded strictly, so a mis-encoded line is one rejected event, not a dead body.
import type { Readable } from 'node:stream';
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

const decoder = new TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new TextDecoder('utf-8');
/** one line longer than this is not an event: it is rejected without being buffered whole */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

function decode(buf: Buffer, index: number): Line {
  let end = buf.length;
  if (end > 0 && buf[end - 1] === 0x0d) end--;
  const bytes = buf.subarray(0, end);
  try {
    return { index, text: decoder.decode(bytes) };
  } catch {
    return { index, text: null, error: 'event: 不是有效的UTF-8编码 (not valid UTF-8)', lossy: lossyDecoder.decode(bytes.subarray(0, 65536)) };
  }
}

const isBlank = (buf: Buffer) => {
  for (const b of buf) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
};

/** Yields lines; throws 413 once more than `limit` bytes have been read. */
export async function* ndjsonLines(stream: Readable, limit: number): AsyncGenerator<Line> {
  let carry: Buffer[] = [];
  let carryLen = 0;
  let oversize = false;
  let total = 0;
  let index = 0;
  const emit = function* (buf: Buffer): Generator<Line> {
    if (oversize) {
      yield { index: index++, text: null, error: `event: 单行超过 ${MAX_LINE_BYTES} 字节 (line longer than ${MAX_LINE_BYTES} bytes)`, lossy: '' };
    } else if (!isBlank(buf)) {
      yield decode(buf, index++);
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new AppError('payload_too_large', `请求体超过上限 ${limit} 字节 (body larger than ${limit} bytes)`);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      const line = carry.length ? Buffer.concat([...carry, piece]) : piece;
      yield* emit(line);
      carry = [];
      carryLen = 0;
      oversize = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      carryLen += rest.length;
      if (carryLen > MAX_LINE_BYTES) {
        oversize = true;
        carry = [];
      } else if (!oversize) {
        carry.push(Buffer.from(rest));
      }
    }
  }
  if (carry.length || oversize) yield* emit(Buffer.concat(carry));
}
