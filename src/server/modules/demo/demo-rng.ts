// Seeded randomness for the demo: the same seed must give the same province byte for byte, so nothing here
// may touch Math.random or the clock.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_POW_32_INV = 1 / 4294967296;

/** 32-bit FNV-1a over a string: mixes a label into a seed so each stream gets its own sequence */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32): FNV alone leaves nearby labels too alike for xoroshiro's weak seeding
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

export class Rng {
  private readonly g: RandomGenerator;

  constructor(seed: number, stream: string) {
    this.g = xoroshiro128plus(hash32(`${stream}:${seed}`));
    // xoroshiro's first outputs echo the seed; skip them so close seeds diverge at once
    for (let i = 0; i < 20; i++) this.g.next();
  }

  /** uniform in [0, 1) with 32 bits of resolution — plenty for demo data, and one call per draw */
  float(): number {
    return (this.g.next() >>> 0) * TWO_POW_32_INV;
  }

  u32(): number {
    return this.g.next() >>> 0;
  }

  /** uniform integer in [lo, hi], both included */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  range(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** standard normal (Box–Muller; the second value is thrown away to keep the stream simple) */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** index drawn from cumulative weights (last entry = total) */
  weighted(cumulative: Float64Array): number {
    const x = this.float() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** number of events with the given mean: Poisson for small means, rounded normal above */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > l) {
      k++;
      p *= this.float();
    }
    return k;
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, chars);
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    out[i] = sum;
  }
  return out;
}
