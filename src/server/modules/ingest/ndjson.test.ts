import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LINE_BYTES, TOO_LONG, linesOf, ndjsonBlocks, type Line } from './ndjson.ts';

/** the lines of a stream as ingest numbers them: block by block, an over-long line in its place */
async function lines(chunks: Buffer[], limit = 1 << 30): Promise<Line[]> {
  const out: Line[] = [];
  for await (const block of ndjsonBlocks(Readable.from(chunks), limit)) {
    if ('tooLong' in block) out.push({ index: out.length, text: null, error: TOO_LONG, start: 0, end: 0 });
    else out.push(...linesOf(block.bytes, out.length));
  }
  return out;
}

/** the bytes as network chunks, cut at these offsets */
function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...[...new Set(cuts)].sort((a, b) => a - b), bytes.length]) {
    chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return chunks;
}

describe('ndjsonBlocks and linesOf', () => {
  it('splits lines across any chunking, skipping blank lines and CRs', async () => {
    const text = '{"a":1}\r\n\n  \n{"b":"蒙A12345"}\n{"c":3}';
    const expected = ['{"a":1}', '{"b":"蒙A12345"}', '{"c":3}'];
    const bytes = Buffer.from(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }), async (cuts) => {
        const chunks = cutAt(bytes, cuts);
        const got = await lines(chunks);
        expect(got.map((l) => l.text)).toEqual(expected);
        expect(got.map((l) => l.index)).toEqual([0, 1, 2]);
      }),
    );
  });

  it('rejects a mis-encoded line on its own', async () => {
    const got = await lines([Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.from([0xff, 0xfe, 0x7b]), Buffer.from('\n{"b":2}\n')])]);
    expect(got.map((l) => l.text)).toEqual(['{"a":1}', null, '{"b":2}']);
    expect(got[1].error).toMatch(/UTF-8/);
  });

  it('rejects an over-long line without buffering it, and goes on', async () => {
    const big = Buffer.alloc(MAX_LINE_BYTES + 10, 0x61);
    const got = await lines([Buffer.from('{"a":1}\n'), big.subarray(0, 3_000_000), big.subarray(3_000_000), Buffer.from('\n{"b":2}\n')]);
    expect(got.map((l) => l.text)).toEqual(['{"a":1}', null, '{"b":2}']);
    expect(got[1].error).toMatch(/longer than/);
  });

  it('answers 413 past the limit', async () => {
    await expect(lines([Buffer.from('{"a":1}\n'), Buffer.from('{"b":2}\n')], 10)).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('cuts blocks of whole lines at any block size, the lines and their byte ranges as without blocks', async () => {
    const text = '{"a":1}\r\n\n  \n{"b":"蒙A12345"}\n{"c":3}\n\n{"d":"\\t"}';
    const expected = ['{"a":1}', '{"b":"蒙A12345"}', '{"c":3}', '{"d":"\\t"}'];
    const bytes = Buffer.from(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), async (cuts, blockBytes) => {
        const chunks = cutAt(bytes, cuts);
        const got: string[] = [];
        for await (const block of ndjsonBlocks(Readable.from(chunks), 1 << 30, blockBytes)) {
          if (!('bytes' in block)) throw new Error('no line here is too long');
          for (const line of linesOf(block.bytes, got.length)) {
            // the range is the line's own bytes
            expect(block.bytes.toString('utf8', line.start, line.end)).toBe(line.text);
            expect(line.index).toBe(got.length);
            got.push(line.text!);
          }
        }
        expect(got).toEqual(expected);
      }),
    );
  });

  it('keeps the lines around an over-long line in their order when blocks are small', async () => {
    const big = Buffer.alloc(MAX_LINE_BYTES + 10, 0x61);
    const got: (string | null)[] = [];
    const chunks = [Buffer.from('{"a":1}\n{"a":2}\n'), big.subarray(0, 3_000_000), big.subarray(3_000_000), Buffer.from('\n{"b":2}\n')];
    for await (const block of ndjsonBlocks(Readable.from(chunks), 1 << 30, 4)) {
      if ('tooLong' in block) got.push(null);
      else got.push(...linesOf(block.bytes, 0).map((l) => l.text));
    }
    expect(got).toEqual(['{"a":1}', '{"a":2}', null, '{"b":2}']);
  });
});
