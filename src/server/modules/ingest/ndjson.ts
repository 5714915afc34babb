// Splits a byte stream into lines without holding the body: a 100 MB NDJSON upload flows through in
// blocks of whole lines (ndjsonBlocks), and a block is cut into lines (linesOf) wherever it is prepared:
// on the main thread, or on an ingest worker without being decoded here at all. A block of valid UTF-8
// is decoded line by line at once; otherwise each line is decoded strictly, so a mis-encoded line is one
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
  /** where the line's bytes are in its block (the line as sent, without its CR) */
  start: number;
  end: number;
}

/** whole lines of the body, or the place of one line too long to be an event */
export type Block = { bytes: Buffer } | { tooLong: true };

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');
/** one line longer than this is not an event: it is rejected without being buffered whole */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
export const TOO_LONG = `event: 单行超过 ${MAX_LINE_BYTES} 字节 (line longer than ${MAX_LINE_BYTES} bytes)`;
const NOT_UTF8 = 'event: 不是有效的UTF-8编码 (not valid UTF-8)';
/** a block is cut at the first line end after this many bytes */
const BLOCK_BYTES = 1024 * 1024;

const isBlank = (s: string) => s.trim().length === 0;

/**
 * Yields the stream as blocks of whole lines, each cut at a newline once it holds BLOCK_BYTES (the last
 * one at the end of the stream); throws 413 once more than `limit` bytes arrive.
 */
export async function* ndjsonBlocks(stream: Readable, limit: number, blockBytes = BLOCK_BYTES): AsyncGenerator<Block> {
  /** whole lines not yet yielded, each ending with its newline */
  let lines: Buffer[] = [];
  let linesLen = 0;
  /** the start of the line not yet ended */
  let carry: Buffer[] = [];
  let carryLen = 0;
  /** the line not yet ended is longer than any event: its bytes are dropped as they come */
  let oversize = false;
  let total = 0;

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new AppError('payload_too_large', `请求体超过上限 ${limit} 字节 (body larger than ${limit} bytes)`);
    const last = chunk.lastIndexOf(0x0a);
    if (last === -1) {
      carryLen += chunk.length;
      if (carryLen > MAX_LINE_BYTES) {
        oversize = true;
        carry = [];
      } else if (!oversize) carry.push(chunk);
      continue;
    }
    let region: Buffer;
    if (oversize) {
      // the over-long line ends at this chunk's first newline: the lines before it go first
      if (linesLen) yield { bytes: Buffer.concat(lines, linesLen) };
      yield { tooLong: true };
      lines = [];
      linesLen = 0;
      region = chunk.subarray(chunk.indexOf(0x0a) + 1, last + 1);
      oversize = false;
    } else {
      lines.push(...carry);
      linesLen += carryLen;
      region = chunk.subarray(0, last + 1);
    }
    // the chunk's whole lines, cut into blocks (a large chunk makes several)
    while (region.length) {
      const cut = linesLen + region.length <= blockBytes ? region.length - 1 : region.indexOf(0x0a, Math.max(0, blockBytes - linesLen - 1));
      lines.push(region.subarray(0, cut + 1));
      linesLen += cut + 1;
      region = region.subarray(cut + 1);
      if (linesLen >= blockBytes) {
        yield { bytes: Buffer.concat(lines, linesLen) };
        lines = [];
        linesLen = 0;
      }
    }
    carry = [];
    carryLen = chunk.length - last - 1;
    if (carryLen > MAX_LINE_BYTES) oversize = true;
    // a copy: the network chunk is not kept alive for its last few bytes
    else if (carryLen) carry.push(Buffer.from(chunk.subarray(last + 1)));
  }
  if (oversize) {
    if (linesLen) yield { bytes: Buffer.concat(lines, linesLen) };
    yield { tooLong: true };
  } else if (linesLen + carryLen) yield { bytes: Buffer.concat([...lines, ...carry], linesLen + carryLen) };
}

/** The lines of a block, numbered from `index`; blank lines are skipped and not numbered. */
export function linesOf(block: Buffer, index: number): Line[] {
  const out: Line[] = [];
  const utf8 = isUtf8(block);
  let start = 0;
  while (start <= block.length) {
    let nl = block.indexOf(0x0a, start);
    if (nl === -1) nl = block.length;
    let end = nl;
    if (end > start && block[end - 1] === 0x0d) end--;
    if (end > start) {
      if (utf8) {
        const text = block.toString('utf8', start, end);
        if (!isBlank(text)) out.push({ index: index++, text, start, end });
      } else {
        const bytes = block.subarray(start, end);
        let text: string | null = null;
        try {
          text = strict.decode(bytes);
        } catch {
          out.push({ index: index++, text: null, error: NOT_UTF8, lossy: lossy.decode(bytes.subarray(0, 65536)), start, end });
        }
        if (text !== null && !isBlank(text)) out.push({ index: index++, text, start, end });
      }
    }
    start = nl + 1;
  }
  return out;
}
