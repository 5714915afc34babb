import { describe, expect, it } from 'vitest';
import { highRiskChange, periodBounds } from './high-risk.ts';

const cst = (s: string) => new Date(`${s}+08:00`).toISOString();

describe('high-risk periods and change', () => {
  const now = new Date(cst('2026-11-01T00:30:00'));

  it('cuts weeks (from Monday), months, quarters and years in Asia/Shanghai', () => {
    const w = periodBounds({ period: 'week' }, now);
    expect([w.from.toISOString(), w.to.toISOString(), w.prevFrom.toISOString()]).toEqual([cst('2026-10-26T00:00:00'), cst('2026-11-02T00:00:00'), cst('2026-10-19T00:00:00')]);
    const m = periodBounds({ period: 'month' }, now);
    expect([m.from.toISOString(), m.to.toISOString(), m.prevFrom.toISOString(), m.prevTo.toISOString()]).toEqual([
      cst('2026-11-01T00:00:00'), cst('2026-12-01T00:00:00'), cst('2026-10-01T00:00:00'), cst('2026-11-01T00:00:00'),
    ]);
    const q = periodBounds({ period: 'quarter', at: cst('2026-02-15T12:00:00') }, now);
    expect([q.from.toISOString(), q.prevFrom.toISOString()]).toEqual([cst('2026-01-01T00:00:00'), cst('2025-10-01T00:00:00')]);
    const y = periodBounds({ period: 'year' }, now);
    expect(y.prevFrom.toISOString()).toBe(cst('2025-01-01T00:00:00'));
  });

  it('compares a custom period with the one just before it, or with a chosen base period', () => {
    const c = periodBounds({ period: 'custom', from: cst('2022-03-01T00:00:00'), to: cst('2022-06-01T00:00:00') }, now);
    expect(c.prevTo.toISOString()).toBe(cst('2022-03-01T00:00:00'));
    expect(c.prevFrom.getTime()).toBe(c.from.getTime() - (c.to.getTime() - c.from.getTime()));
    const trial = periodBounds({ period: 'custom', from: cst('2022-03-01T00:00:00'), to: cst('2022-06-01T00:00:00'), baseFrom: cst('2022-01-01T00:00:00'), baseTo: cst('2022-03-01T00:00:00') }, now);
    expect([trial.prevFrom.toISOString(), trial.prevTo.toISOString()]).toEqual([cst('2022-01-01T00:00:00'), cst('2022-03-01T00:00:00')]);
    expect(() => periodBounds({ period: 'custom', from: cst('2022-03-01T00:00:00') }, now)).toThrow(/from/);
  });

  it('gives the seed’s kind of figure: 37 high-risk cases against 72 is down 48.6 %', () => {
    const cur = { cases: 1000, highRisk: 37, red: 10, orange: 27, rate: 0.036 };
    const prev = { cases: 900, highRisk: 72, red: 20, orange: 52, rate: 0.08 };
    expect(highRiskChange(cur, prev)).toEqual({ highRiskPct: -48.6, ratePoints: -4.4, ratePct: -55 });
    expect(highRiskChange(cur, { cases: 0, highRisk: 0, red: 0, orange: 0, rate: null })).toEqual({ highRiskPct: null, ratePoints: null, ratePct: null });
  });
});
