import { describe, expect, it } from 'vitest';
import { diffParams, paramsKey } from './detection.adapters.ts';

describe('rule parameters', () => {
  it('list what changed between versions', () => {
    expect(diffParams({ a: 1, b: 'x', c: true }, { a: 2, b: 'x', c: true, d: 4 })).toEqual([
      { key: 'a', from: 1, to: 2 },
      { key: 'd', from: undefined, to: 4 },
    ]);
    expect(diffParams(undefined, { a: 1 })).toEqual([{ key: 'a', from: undefined, to: 1 }]);
  });
  it('key a parameter set independently of key order', () => {
    expect(paramsKey({ a: 1, b: 2 })).toBe(paramsKey({ b: 2, a: 1 }));
    expect(paramsKey({ a: 1 })).not.toBe(paramsKey({ a: 2 }));
  });
});
