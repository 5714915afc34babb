// The re-test draw (抽检): `count` case numbers drawn without replacement from a population, with a
// recorded seed, so anyone holding the population and the seed can draw again and get the same cases.
// The population is sorted first (the draw never depends on the order cases were found in); the
// generator is pure-rand's xoroshiro128+ seeded with the 32-bit seed; the draw is a partial
// Fisher–Yates shuffle taking index i ↔ uniformInt(i, n − 1) for i = 0 … count − 1. Pure: no I/O.
import { createHash } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

export const DRAW_ALGORITHM = 'sort(population) ascending; pure-rand xoroshiro128plus(seed); partial Fisher-Yates: for i in 0..count-1 swap(i, uniformInt(i, n-1)); take the first count';

export function populationSha256(population: readonly string[]): string {
  return createHash('sha256').update([...population].sort().join('\n')).digest('hex');
}

export function drawCases(population: readonly string[], count: number, seed: number): string[] {
  if (!Number.isSafeInteger(seed) || seed < -2147483648 || seed > 4294967295) throw new RangeError('seed must be a 32-bit integer');
  const pool = [...new Set(population)].sort();
  const n = pool.length;
  const k = Math.max(0, Math.min(count, n));
  const rng = xoroshiro128plus(seed | 0);
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, n - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
