// Pure statistics for the scheduled rules (pass-rate outliers, assignment skew, lab bias, percentiles of
// peers). No I/O, no clock, no randomness.
//
// Why no library: the rules need *upper* tails that stay accurate far out (p-values of 1e-12 and below
// must not collapse to 0 through `1 − cdf`). That needs the regularized incomplete beta and gamma
// functions with a complement flag; in @stdlib they are separate packages with a deep tree each, and
// jstat / simple-statistics compute tails as `1 − cdf`. The functions below are the classic algorithms
// (continued fractions after Lentz, Stirling's series with R's `lbeta` split for the log-beta), every
// tail computed on its own side, and are tested against 30-digit references (mpmath) and R's results.
//
// Conventions: invalid parameters (NaN, negative counts, a probability outside [0, 1]) throw a
// RangeError, because they are programming errors. A test that is undefined for the data (too few
// observations, no variance) returns NaN as its p-value, so `p < alpha` is simply false and no rule fires.

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;
// the continued fractions converge in O(√max(a, b)) steps; this bound is never reached for counts below 1e12
const MAX_ITER = 1_000_000;

function assertFinite(name: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
}

function assertCount(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
}

// ---------------------------------------------------------------------------------------------------
// Special functions

/** Stirling's series remainder: lnΓ(z) − [(z − ½)ln z − z + ln√(2π)], for z ≥ 10 (error < 1e-17). */
function stirlingCorrection(z: number): number {
  const z2 = 1 / (z * z);
  // Bernoulli terms B₂ₖ / (2k(2k − 1) z^(2k−1)), k = 1…7
  return (
    (1 / 12 -
      z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 * (1 / 1188 - z2 * (691 / 360360 - z2 * (1 / 156))))))) /
    z
  );
}

/** ln Γ(x) for x > 0, absolute error about 1e-15 (relative near the zeros at 1 and 2 is what it is). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x === Infinity) return Infinity;
  let z = x;
  let shift = 0;
  // raising the argument to ≥ 10 keeps Stirling's series exact to double precision; the product is of at
  // most ten factors, so it neither overflows nor loses precision
  if (z < 10) {
    let p = 1;
    while (z < 10) {
      p *= z;
      z += 1;
    }
    shift = Math.log(p);
  }
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingCorrection(z) - shift;
}

/**
 * ln B(a, b). For large arguments, lnΓ(a) + lnΓ(b) − lnΓ(a + b) cancels catastrophically (each term is
 * ~1e7 at a million); R's lbeta split keeps only the terms that survive.
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`logBeta needs a, b > 0, got ${a}, ${b}`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a + 1)/(a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * The regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b), each accurate in relative
 * terms (the small one is computed directly, never as 1 − the other). `y` is 1 − x, given by callers who
 * know it more exactly than 1 − x can be rounded (a t statistic, a tiny probability).
 */
export function regularizedBeta(x: number, a: number, b: number, y = 1 - x): { lower: number; upper: number } {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0, got ${a}, ${b}`);
  if (!(x >= 0 && x <= 1) || !(y >= 0 && y <= 1)) throw new RangeError(`regularizedBeta needs 0 ≤ x ≤ 1, got ${x}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  // ln x and ln(1 − x) from whichever of x and y is the more exact
  const lx = x <= 0.5 ? Math.log(x) : Math.log1p(-y);
  const ly = y <= 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * lx + b * ly - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaFraction(b, a, y)) / b;
  return { lower: 1 - upper, upper };
}

/** ln of x^s e^(−x) / Γ(s), the common factor of both incomplete-gamma expansions. */
function logGammaFront(s: number, x: number): number {
  if (s < 10) return s * Math.log(x) - x - logGamma(s);
  // Stirling in closed form: the s ln x and lnΓ(s) terms (~1e5 at s = 1e4) cancel exactly
  const t = (x - s) / s;
  return s * (Math.log1p(t) - t) + 0.5 * Math.log(s) - LN_SQRT_2PI - stirlingCorrection(s);
}

/** The regularized incomplete gamma P(s, x) and its complement Q(s, x), each accurate in relative terms. */
export function regularizedGamma(s: number, x: number): { lower: number; upper: number } {
  if (!(s > 0)) throw new RangeError(`regularizedGamma needs s > 0, got ${s}`);
  if (Number.isNaN(x)) throw new RangeError('regularizedGamma needs a number x');
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const front = logGammaFront(s, x);
  if (x < s + 1) {
    // series: P = front · Σ xⁿ / (s (s+1) … (s+n))
    let ap = s;
    let del = 1 / s;
    let sum = del;
    for (let n = 1; n <= MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) {
        const lower = sum * Math.exp(front);
        return { lower, upper: 1 - lower };
      }
    }
    throw new Error(`incomplete gamma series did not converge for s=${s}, x=${x}`);
  }
  // continued fraction for Q (Lentz)
  let b = x + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) {
      const upper = Math.exp(front) * h;
      return { lower: 1 - upper, upper };
    }
  }
  throw new Error(`incomplete gamma fraction did not converge for s=${s}, x=${x}`);
}

// ---------------------------------------------------------------------------------------------------
// Distribution tails

/** P[Z ≥ z] for a standard normal Z (R: pnorm(z, lower.tail = FALSE)). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  // Φ̄(z) = ½ Q(½, z²/2) for z ≥ 0: the gamma fraction keeps the far tail (z = 38 → 1e-316) exact
  const { lower, upper } = regularizedGamma(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 * upper : 0.5 + 0.5 * lower;
}

/** P[Z ≤ z] for a standard normal Z (R: pnorm(z)). */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/** P[T ≥ t] for Student's t with df > 0 degrees of freedom, df may be fractional (R: pt(t, df, lower.tail = FALSE)). */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTUpperTail needs df > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalUpperTail(t);
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  // P[|T| ≥ |t|] = I_{df/(df+t²)}(df/2, ½); both x and 1 − x are formed without subtraction
  const t2 = t * t;
  const { lower } = regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t >= 0 ? 0.5 * lower : 1 - 0.5 * lower;
}

/** P[χ² ≥ x] with df ≥ 0 degrees of freedom (R: pchisq(x, df, lower.tail = FALSE)); df = 0 is the point mass at 0. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df >= 0) || Number.isNaN(df)) throw new RangeError(`chiSquareUpperTail needs df ≥ 0, got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (df === 0) return x <= 0 ? 1 : 0;
  return regularizedGamma(df / 2, x / 2).upper;
}

/**
 * P[X ≥ k] for X ~ Binomial(n, p): the one-sided binomial test's p-value for "more successes than p
 * explains" (R: pbinom(k − 1, n, p, lower.tail = FALSE), or binom.test(k, n, p, "greater")$p.value).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  assertCount('n', n);
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  // P[X ≥ k] = I_p(k, n − k + 1)
  return regularizedBeta(p, k, n - k + 1).lower;
}

// ---------------------------------------------------------------------------------------------------
// Tests

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson's goodness-of-fit test of observed counts against expected counts or proportions (`expected`
 * is rescaled to the observed total, as R's chisq.test(x, p = …, rescale.p = TRUE)); df = k − 1 − `ddof`
 * (estimated parameters). A category expected 0 and observed 0 adds nothing; expected 0 but observed > 0
 * makes the statistic infinite (p = 0).
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expected: readonly number[], ddof = 0): ChiSquareResult {
  if (observed.length !== expected.length) throw new RangeError('observed and expected must have the same length');
  observed.forEach((o, i) => assertFinite(`observed[${i}]`, o));
  expected.forEach((e, i) => {
    assertFinite(`expected[${i}]`, e);
    if (e < 0) throw new RangeError(`expected[${i}] must be ≥ 0`);
  });
  assertCount('ddof', ddof);
  const total = observed.reduce((s, o) => s + o, 0);
  const weight = expected.reduce((s, e) => s + e, 0);
  const df = observed.length - 1 - ddof;
  if (df < 0 || total <= 0 || weight <= 0) return { statistic: NaN, df: Math.max(df, 0), pValue: NaN };
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = (expected[i] * total) / weight;
    const diff = observed[i] - e;
    if (e === 0) {
      if (observed[i] !== 0) statistic = Infinity;
      continue;
    }
    statistic += (diff * diff) / e;
  }
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

/**
 * Pearson's test of independence on an r × c table of counts, without continuity correction (R:
 * chisq.test(m, correct = FALSE)). Rows and columns that are all zero carry no information and are
 * dropped (they would give 0/0 terms); the degrees of freedom count only the rest.
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquareResult {
  const cols = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError('every row of the table must have the same length');
    row.forEach((v, j) => {
      assertFinite(`table[${i}][${j}]`, v);
      if (v < 0) throw new RangeError(`table[${i}][${j}] must be ≥ 0`);
    });
  });
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const rows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const columns = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  const total = rowSums.reduce((s, v) => s + v, 0);
  const df = Math.max(rows.length - 1, 0) * Math.max(columns.length - 1, 0);
  if (df === 0) return { statistic: NaN, df, pValue: NaN };
  let statistic = 0;
  for (const i of rows) {
    for (const j of columns) {
      const e = (rowSums[i] * colSums[j]) / total;
      const diff = table[i][j] - e;
      statistic += (diff * diff) / e;
    }
  }
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

export interface MannWhitneyResult {
  /** U of the first sample: the number of (x, y) pairs with x > y, ties counting one half */
  u: number;
  z: number;
  pValue: number;
}

/**
 * One-sided Mann–Whitney U test (Wilcoxon rank-sum) that the first sample tends to be *smaller* than the
 * second, with the normal approximation, tie correction and continuity correction — exactly R's
 * wilcox.test(x, y, alternative = "less", exact = FALSE, correct = TRUE).
 *
 * This is the test meant for ALC_LAB_BIAS ("a lab's blood/breath ratio over ≥ 30 cases significantly
 * lower than the other labs'"). Ratios are skewed and carry outliers the rule exists to surface one by one
 * (a blood value entered in the wrong unit, a case already caught by ALC_BREATH_BLOOD_GAP); a rank test
 * is not dragged by them, whereas a single ratio of 3 can flip Welch's t. Loss of power against a clean
 * normal shift is about 5 % (asymptotic efficiency 3/π), and with ≥ 30 cases against hundreds the normal
 * approximation of U is accurate well below p = 0.01.
 */
export function mannWhitneyLess(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  x.forEach((v, i) => assertFinite(`x[${i}]`, v));
  y.forEach((v, i) => assertFinite(`y[${i}]`, v));
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return { u: NaN, z: NaN, pValue: NaN };
  const all = [...x.map((v) => ({ v, first: true })), ...y.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  const n = all.length;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1].v === all[i].v) j++;
    const rank = (i + j + 2) / 2; // mean of ranks i+1 … j+1
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) if (all[k].first) rankSumX += rank;
    i = j + 1;
  }
  const u = rankSumX - (nx * (nx + 1)) / 2;
  const mean = (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieTerm / (n * (n - 1) || 1)));
  // continuity correction towards the null; with every value tied sigma is 0 and z = +∞ (p = 1): no evidence
  const z = (u - mean + 0.5) / sigma;
  return { u, z, pValue: normalCdf(z) };
}

export interface WelchResult {
  t: number;
  df: number;
  pValue: number;
}

/**
 * One-sided Welch t-test that the mean of the first sample is smaller than the second's (R: t.test(x, y,
 * alternative = "less")). Kept for rules on roughly normal measures; see mannWhitneyLess for ratios.
 * Needs two observations per sample and some variance; otherwise p is NaN.
 */
export function welchLess(x: readonly number[], y: readonly number[]): WelchResult {
  x.forEach((v, i) => assertFinite(`x[${i}]`, v));
  y.forEach((v, i) => assertFinite(`y[${i}]`, v));
  if (x.length < 2 || y.length < 2) return { t: NaN, df: NaN, pValue: NaN };
  const mx = mean(x);
  const my = mean(y);
  const vx = variance(x, mx) / x.length;
  const vy = variance(y, my) / y.length;
  const se2 = vx + vy;
  if (se2 === 0) return { t: NaN, df: NaN, pValue: NaN };
  const t = (mx - my) / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  // P[T ≤ t] = P[T ≥ −t]: the left tail computed directly, accurate however far out
  return { t, df, pValue: studentTUpperTail(-t, df) };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

/** sample variance (n − 1), two-pass so large offsets do not cancel */
function variance(xs: readonly number[], m: number): number {
  return xs.reduce((s, v) => s + (v - m) * (v - m), 0) / (xs.length - 1);
}

// ---------------------------------------------------------------------------------------------------
// Percentiles

function sortedCopy(values: readonly number[]): number[] {
  values.forEach((v, i) => {
    if (Number.isNaN(v)) throw new RangeError(`values[${i}] is NaN`);
  });
  return [...values].sort((a, b) => a - b);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  if (sorted.length === 0) return NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = h - lo;
  // written so that frac = 0 returns the order statistic exactly, even beside an infinite neighbour
  return frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics: Hyndman & Fan type
 * 7, the default of R's quantile(), numpy's percentile and Excel's PERCENTILE.INC. p = 0 is the minimum,
 * p = 100 the maximum, one value is its own every percentile. An empty list has no percentile: NaN (R
 * gives NA), so "above the 99th percentile of no peers" is never true.
 */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sortedCopy(values), p);
}

/** several percentiles of the same values, sorting once */
export function percentiles(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  return ps.map((p) => percentileOfSorted(sorted, p));
}

/** the median: the 50th percentile, i.e. the mean of the two middle values when their count is even */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
