import { describe, expect, it } from 'vitest';
import { drawCases, populationSha256 } from './retest-draw.ts';

const population = Array.from({ length: 40 }, (_, i) => `JQ1501022026110${String(i).padStart(5, '0')}`);

describe('the re-test draw', () => {
  it('repeats from its seed, whatever order the population is given in', () => {
    const a = drawCases(population, 7, 20220630);
    const b = drawCases([...population].reverse(), 7, 20220630);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(7);
    for (const c of a) expect(population).toContain(c);
    expect(populationSha256([...population].reverse())).toBe(populationSha256(population));
  });

  it('gives other cases for another seed, and everything when asked for more than there is', () => {
    expect(drawCases(population, 7, 1)).not.toEqual(drawCases(population, 7, 2));
    expect(drawCases(population.slice(0, 3), 10, 5).sort()).toEqual(population.slice(0, 3));
    expect(drawCases([], 3, 5)).toEqual([]);
  });

  it('gives every case the same chance (k/n) over many seeds', () => {
    const counts = new Map<string, number>();
    const seeds = 4000;
    for (let s = 0; s < seeds; s++) for (const c of drawCases(population, 5, s * 7919 + 13)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (seeds * 5) / population.length; // 500
    // chi-square with 39 degrees of freedom: 99.9th percentile ≈ 72.1
    let chi = 0;
    for (const c of population) chi += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
    expect(chi).toBeLessThan(72.1);
  });
});
