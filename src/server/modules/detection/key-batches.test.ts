import { describe, expect, it } from 'vitest';
import { keyBatches } from './runner.ts';

describe('keyBatches', () => {
  it('cuts a batch before the key that would take it past 100,000 events', () => {
    const keys = [
      { key: 'a', events: 60_000 },
      { key: 'b', events: 40_000 },
      { key: 'c', events: 1 },
      { key: 'd', events: 99_999 },
      { key: 'e', events: 1 },
    ];
    expect(keyBatches(keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('gives a key with more events than a batch holds a batch of its own', () => {
    expect(keyBatches([{ key: 'a', events: 5 }, { key: 'big', events: 250_000 }, { key: 'c', events: 5 }])).toEqual([['a'], ['big'], ['c']]);
  });

  it('holds at most 1,000 keys to a batch, and every key once', () => {
    const keys = Array.from({ length: 2_500 }, (_, i) => ({ key: `k${i}`, events: 3 }));
    const batches = keyBatches(keys);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(keys.map((k) => k.key));
  });

  it('gives no batch for no keys', () => {
    expect(keyBatches([])).toEqual([]);
  });
});
