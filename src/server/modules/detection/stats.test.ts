import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  chiSquareGoodnessOfFit,
  chiSquareIndependence,
  chiSquareUpperTail,
  logBeta,
  logGamma,
  mannWhitneyLess,
  median,
  normalCdf,
  normalUpperTail,
  percentile,
  percentiles,
  regularizedBeta,
  regularizedGamma,
  studentTUpperTail,
  welchLess,
} from './stats.ts';

// References: 50-digit mpmath (regularized incomplete beta/gamma, exact binomial sums) rounded to double;
// they agree with R's pbinom/pchisq/pt/pnorm wherever R is itself exact. The test references come from
// scipy (mannwhitneyu asymptotic with continuity, ttest_ind Welch, chisquare, chi2_contingency without
// correction, numpy percentile "linear"), which match R's wilcox.test/t.test/chisq.test/quantile type 7.

function expectRel(actual: number, expected: number, tol: number, label = ''): void {
  if (expected === 0) {
    expect(actual, label).toBe(0);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThan(tol);
}

// [k, n, p, P[X ≥ k]]
const binomialRefs: [number, number, number, number][] = [
  [60, 100, 0.5, 0.028443966820490395],
  [1, 1, 0.3, 0.3],
  [90, 100, 0.5, 1.5316450877189926e-17],
  [100, 100, 0.5, 7.888609052210118e-31],
  [5300, 10000, 0.5, 1.0380168479603624e-9],
  [1050, 100000, 0.01, 0.05870091529905885],
  [1200, 100000, 0.01, 3.8125331012146047e-10],
  [3, 1000000, 1e-6, 0.08030130510144959],
  [995, 1000, 0.99, 0.06613951160725164],
  [95, 100, 0.8, 1.8680066300324318e-5],
  [1, 100, 0.001, 0.09520785288629097],
  [50, 50, 0.999, 0.9512056281970314],
  [70, 1000, 0.05, 0.003474358698846079],
  [5, 10, 0.5, 0.623046875],
];

// [x, df, P[χ² ≥ x]]
const chiSquareRefs: [number, number, number][] = [
  [3.841458820694124, 1, 0.05000000000000006],
  [100, 10, 5.4497019829205295e-17],
  [1000, 500, 1.2085183611329766e-35],
  [0.001, 1, 0.9747728793699604],
  [50, 1, 1.537459794428035e-12],
  [5000, 5000, 0.4973403788923451],
  [2, 2, 0.36787944117144233],
  [0.5, 3, 0.9188914116546758],
  [300, 3, 9.94875834632771e-65],
  [20, 0.5, 2.083030408649431e-6],
  [6000, 5000, 2.5217184417547448e-21],
  [5600, 5000, 3.6883093291848836e-9],
];

// [z, P[Z ≥ z]]
const normalRefs: [number, number][] = [
  [0, 0.5],
  [1.96, 0.024997895148220435],
  [5, 2.866515718791939e-7],
  [10, 7.619853024160525e-24],
  [37, 5.725571222524577e-300],
  [-3, 0.9986501019683699],
  [-0.5, 0.6914624612740131],
  [0.001, 0.49960105778608893],
];

// [t, df, P[T ≥ t]]
const tRefs: [number, number, number][] = [
  [2.0, 10, 0.03669401738537018],
  [5, 3, 0.007696219036651151],
  [30, 5, 3.859324310248026e-7],
  [0.1, 1000, 0.46018218451180204],
  [-2, 4, 0.9419417382415922],
  [1.5, 2.5, 0.12391822654314813],
  [50, 30, 9.357708829611357e-31],
  [1, 1, 0.25],
  [-40, 2, 0.9996877926639076],
  [3, 200000, 0.0013500642313883954],
  [43.082947332757925, 337.9330039360188, 1.26010144755148e-139],
];

const logGammaRefs: [number, number][] = [
  [0.5, 0.5723649429247001],
  [1, 0],
  [2, 0],
  [1e-5, 11.512919692895826],
  [3.7, 1.428072326665388],
  [10, 12.801827480081469],
  [12.5, 18.734347511936445],
  [100, 359.1342053695754],
  [1e6, 12815504.569147611],
];

const logBetaRefs: [number, number, number][] = [
  [3, 1e6, -40.75338749333038],
  [0.5, 0.5, 1.1447298858494002],
  [1e5, 2e5, -190958.88527911686],
  [2.5, 7, -4.825399338314249],
  [12, 15, -18.568172732389435],
];

describe('special functions', () => {
  it('logGamma matches 50-digit references', () => {
    for (const [x, v] of logGammaRefs) {
      if (v === 0) expect(Math.abs(logGamma(x)), `lnΓ(${x})`).toBeLessThan(1e-14);
      else expectRel(logGamma(x), v, 1e-14, `lnΓ(${x})`);
    }
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });

  it('logBeta keeps precision when one or both arguments are large', () => {
    for (const [a, b, v] of logBetaRefs) {
      expectRel(logBeta(a, b), v, 1e-13, `lnB(${a}, ${b})`);
      expect(logBeta(b, a)).toBe(logBeta(a, b));
    }
  });

  it('regularizedBeta gives each side exactly and takes 1 − x when the caller knows it', () => {
    expect(regularizedBeta(0, 2, 3)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedBeta(1, 2, 3)).toEqual({ lower: 1, upper: 0 });
    // I_x(1, 1) = x; I_x(a, 1) = x^a
    expectRel(regularizedBeta(0.3, 1, 1).lower, 0.3, 1e-14);
    expectRel(regularizedBeta(0.5, 3, 1).lower, 0.125, 1e-14);
    // a tiny upper side stays exact: 1 − I_x(a, 1) = 1 − x^a at x = 1 − 1e-12, a = 2 → ≈ 2e-12
    const y = 1e-12;
    expectRel(regularizedBeta(1 - y, 2, 1, y).upper, 2 * y - y * y, 1e-10);
    expect(() => regularizedBeta(1.1, 1, 1)).toThrow(RangeError);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(RangeError);
  });

  it('regularizedGamma gives each side exactly', () => {
    // P(1, x) = 1 − e^−x
    expectRel(regularizedGamma(1, 1e-10).lower, -Math.expm1(-1e-10), 1e-12);
    expectRel(regularizedGamma(1, 700).upper, Math.exp(-700), 1e-12);
    expect(regularizedGamma(3, 0)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedGamma(3, Infinity)).toEqual({ lower: 1, upper: 0 });
  });
});

describe('binomialUpperTail: P[X ≥ k]', () => {
  it('matches exact sums, down to extreme tails and with n up to a million', () => {
    for (const [k, n, p, v] of binomialRefs) expectRel(binomialUpperTail(k, n, p), v, 1e-11, `P[X≥${k}; ${n}, ${p}]`);
  });

  it('handles the edges n = 0, k ≤ 0, k > n, p = 0 and p = 1', () => {
    expect(binomialUpperTail(0, 0, 0.3)).toBe(1);
    expect(binomialUpperTail(1, 0, 0.3)).toBe(0);
    expect(binomialUpperTail(0, 1, 0.3)).toBe(1);
    expect(binomialUpperTail(2, 1, 0.3)).toBe(0);
    expect(binomialUpperTail(-3, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(0, 10, 0)).toBe(1);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
    expect(binomialUpperTail(11, 10, 1)).toBe(0);
    expectRel(binomialUpperTail(10, 10, 0.5), 2 ** -10, 1e-14);
  });

  it('is a tail: it decreases in k and sums with the lower tail to 1', () => {
    let prev = 1;
    for (let k = 0; k <= 30; k++) {
      const v = binomialUpperTail(k, 30, 0.37);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
    // P[X ≥ 8] + P[X ≤ 7]: the lower tail from the complementary beta side
    const lower = 1 - binomialUpperTail(8, 30, 0.37);
    expect(binomialUpperTail(8, 30, 0.37) + lower).toBeCloseTo(1, 15);
  });

  it('rejects bad arguments', () => {
    expect(() => binomialUpperTail(1, -1, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1.5, 3, 0.5)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, 3, 1.2)).toThrow(RangeError);
    expect(() => binomialUpperTail(1, 3, Number.NaN)).toThrow(RangeError);
  });
});

describe('distribution tails', () => {
  it('chiSquareUpperTail matches pchisq(lower.tail = FALSE), extreme tails included', () => {
    for (const [x, df, v] of chiSquareRefs) expectRel(chiSquareUpperTail(x, df), v, 1e-11, `χ²(${x}, ${df})`);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(-1, 3)).toBe(1);
    expect(chiSquareUpperTail(Infinity, 3)).toBe(0);
    expect(chiSquareUpperTail(0, 0)).toBe(1);
    expect(chiSquareUpperTail(0.1, 0)).toBe(0);
    expect(() => chiSquareUpperTail(1, -1)).toThrow(RangeError);
  });

  it('normalUpperTail matches pnorm, out to 1e-300', () => {
    for (const [z, v] of normalRefs) expectRel(normalUpperTail(z), v, 1e-12, `Φ̄(${z})`);
    expect(normalCdf(-10)).toBe(normalUpperTail(10));
    expect(normalUpperTail(Infinity)).toBe(0);
    expect(normalUpperTail(-Infinity)).toBe(1);
  });

  it('studentTUpperTail matches pt(lower.tail = FALSE), fractional df and far tails included', () => {
    for (const [t, df, v] of tRefs) expectRel(studentTUpperTail(t, df), v, 1e-11, `t(${t}, ${df})`);
    expect(studentTUpperTail(0, 7)).toBe(0.5);
    expect(studentTUpperTail(Infinity, 7)).toBe(0);
    expect(studentTUpperTail(2, Infinity)).toBe(normalUpperTail(2));
    expect(() => studentTUpperTail(1, 0)).toThrow(RangeError);
  });
});

describe('chi-square tests', () => {
  it('goodness of fit against proportions (R chisq.test(x, p = …))', () => {
    const r = chiSquareGoodnessOfFit([30, 14, 34, 45, 57, 20], [0.1, 0.1, 0.2, 0.2, 0.3, 0.1]);
    expectRel(r.statistic, 8.475, 1e-12);
    expect(r.df).toBe(5);
    expectRel(r.pValue, 0.13192773556561896, 1e-10);
    // expected given as counts or as weights: the same test
    expect(chiSquareGoodnessOfFit([30, 14, 34, 45, 57, 20], [20, 20, 40, 40, 60, 20]).pValue).toBeCloseTo(r.pValue, 14);
  });

  it('goodness of fit edges: a perfect fit, one category, no data, an impossible category', () => {
    expect(chiSquareGoodnessOfFit([10, 20], [1, 2])).toEqual({ statistic: 0, df: 1, pValue: 1 });
    expect(chiSquareGoodnessOfFit([10], [1])).toEqual({ statistic: 0, df: 0, pValue: 1 });
    expect(chiSquareGoodnessOfFit([0, 0], [1, 1]).pValue).toBeNaN();
    expect(chiSquareGoodnessOfFit([5, 0, 3], [1, 0, 1]).pValue).toBeGreaterThan(0.4);
    const impossible = chiSquareGoodnessOfFit([5, 1, 3], [1, 0, 1]);
    expect(impossible.statistic).toBe(Infinity);
    expect(impossible.pValue).toBe(0);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1, -1])).toThrow(RangeError);
  });

  it('independence on an r × c table (R chisq.test(m, correct = FALSE))', () => {
    const r = chiSquareIndependence([
      [60, 10, 5],
      [20, 30, 25],
      [5, 12, 40],
    ]);
    expectRel(r.statistic, 95.72015786071513, 1e-12);
    expect(r.df).toBe(4);
    expectRel(r.pValue, 8.009141772161884e-20, 1e-10);
    const two = chiSquareIndependence([
      [12, 5],
      [3, 10],
    ]);
    expectRel(two.statistic, 6.651583710407239, 1e-12);
    expectRel(two.pValue, 0.00990677301136375, 1e-10);
  });

  it('independence drops all-zero rows and columns and needs two of each', () => {
    const padded = chiSquareIndependence([
      [12, 0, 5],
      [0, 0, 0],
      [3, 0, 10],
    ]);
    expectRel(padded.statistic, 6.651583710407239, 1e-12);
    expect(padded.df).toBe(1);
    expect(chiSquareIndependence([[1, 2, 3]]).pValue).toBeNaN();
    expect(chiSquareIndependence([]).pValue).toBeNaN();
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe('two-sample one-sided tests', () => {
  // deterministic samples with many ties, identical to the ones the references were computed on
  const x = Array.from({ length: 32 }, (_, i) => 0.8 + ((i * 37) % 17) / 100);
  const y = Array.from({ length: 60 }, (_, j) => 0.86 + ((j * 53) % 23) / 100);

  it('Mann–Whitney "less" matches wilcox.test(exact = FALSE, correct = TRUE), ties included', () => {
    const r = mannWhitneyLess(x, y);
    expect(r.u).toBe(301.5);
    expectRel(r.pValue, 3.395761333688924e-8, 1e-9);
    const reverse = mannWhitneyLess(y, x);
    expect(reverse.u).toBe(1618.5);
    expectRel(reverse.pValue, 0.9999999675600645, 1e-12);
  });

  it('Mann–Whitney in the far tail and at the edges', () => {
    const low = Array.from({ length: 40 }, (_, i) => i / 100);
    const high = Array.from({ length: 300 }, (_, i) => 1 + i / 100);
    expectRel(mannWhitneyLess(low, high).pValue, 4.616747905792241e-25, 1e-9);
    expect(mannWhitneyLess([1], [2])).toEqual({ u: 0, z: 0, pValue: 0.5 });
    expect(mannWhitneyLess([], [2]).pValue).toBeNaN();
    // all tied: no evidence either way
    expect(mannWhitneyLess([1, 1], [1, 1, 1]).pValue).toBe(1);
  });

  it('Welch "less" matches t.test(alternative = "less")', () => {
    const r = welchLess(x, y);
    expectRel(r.t, -7.473071495990923, 1e-12);
    expectRel(r.df, 81.06264744193537, 1e-12);
    expectRel(r.pValue, 4.0471198472089725e-11, 1e-9);
    const low = Array.from({ length: 40 }, (_, i) => i / 100);
    const high = Array.from({ length: 300 }, (_, i) => 1 + i / 100);
    expectRel(welchLess(low, high).pValue, 1.26010144755148e-139, 1e-9);
  });

  it('Welch is undefined with fewer than two values or no variance', () => {
    expect(welchLess([1], [2, 3]).pValue).toBeNaN();
    expect(welchLess([1, 1], [2, 2]).pValue).toBeNaN();
  });

  it('the rank test shrugs off one wild ratio that flips Welch', () => {
    const lab = Array.from({ length: 30 }, (_, i) => 0.85 + (i % 5) / 100);
    const others = Array.from({ length: 200 }, (_, i) => 0.93 + (i % 7) / 100);
    const withTypo = [...lab.slice(1), 9.0];
    expect(mannWhitneyLess(withTypo, others).pValue).toBeLessThan(1e-10);
    expect(welchLess(withTypo, others).pValue).toBeGreaterThan(0.01);
  });
});

describe('percentiles (linear interpolation, R type 7)', () => {
  const vals = [15, 20, 35, 40, 50, 7.5, 101];
  const refs: [number, number][] = [
    [0, 7.5],
    [1, 7.95],
    [10, 12.0],
    [25, 17.5],
    [33.3, 19.99],
    [50, 35.0],
    [75, 45.0],
    [90, 70.4],
    [99, 97.94],
    [99.5, 99.47],
    [100, 101.0],
  ];

  it('match numpy percentile / R quantile type 7', () => {
    for (const [p, v] of refs) expect(percentile(vals, p), `p${p}`).toBeCloseTo(v, 10);
    expect(percentiles(vals, refs.map(([p]) => p))).toEqual(refs.map(([p]) => percentile(vals, p)));
  });

  it('edges: p = 0 is the minimum, p = 100 the maximum, n = 1 its own value, n = 0 NaN', () => {
    expect(percentile(vals, 0)).toBe(7.5);
    expect(percentile(vals, 100)).toBe(101);
    for (const p of [0, 37.5, 99.5, 100]) expect(percentile([42], p)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([1, 3], 50)).toBe(2);
    expect(() => percentile(vals, -1)).toThrow(RangeError);
    expect(() => percentile(vals, 100.1)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
  });

  it('do not reorder the caller’s array', () => {
    const copy = [...vals];
    percentile(vals, 50);
    expect(vals).toEqual(copy);
  });

  it('median: middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNaN();
  });
});
