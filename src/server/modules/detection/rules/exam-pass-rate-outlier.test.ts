import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../stats.ts';
import { examPassRateOutlier as rule } from './exam-pass-rate-outlier.ts';
import type { ExamCell, ExamWeekInput } from './inputs.ts';
import { at, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-09 01:00');
const cell = (examiner: string, siteId: string, exams: number, passed: number, subject = 2, unit = '150100000000'): ExamCell => ({
  examiner, siteId, subject, school: '青城驾校', exams, passed, unit, eventIds: [`${examiner}-${siteId}-${subject}`],
});
/** 20 ordinary examiners at 5 sites, 100 exams each at exactly 60 % */
const ordinary = Array.from({ length: 20 }, (_, i) => cell(`E${i}`, `S${i % 5}`, 100, 60));
const week = (...extra: ExamCell[]): ExamWeekInput => ({ weekStart: t('2026-11-02 00:00'), cells: [...ordinary, ...extra], examinerNames: { X: '钱七' } });

/** the fewest passes out of n that the binomial test at the default alpha calls too many against 60 % */
function firstSignificant(n: number): number {
  for (let k = 0; k <= n; k++) if (binomialUpperTail(k, n, 0.6) < p.alpha) return k;
  throw new Error('none');
}

describe('EXAM_PASS_RATE_OUTLIER', () => {
  it('fires yellow for an examiner (and his site) passing 58 of 60 where the rest pass 60 %', () => {
    const found = rule.evaluate(week(cell('X', 'SX', 60, 58, 2, '150105000000')), p, now);
    expect(found.map((f) => f.subject)).toEqual([{ kind: 'exam_site', id: 'SX' }, { kind: 'staff', id: 'X' }]);
    const f = found[1];
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe('150105000000');
    expect(f.figures).toMatchObject({ examSubject: 2, exams: 60, passed: 58, provinceRate: 0.6, provinceExams: 2000, weekFrom: '2026-11-02', weekTo: '2026-11-08' });
    expect(f.figures.pValue).toBeCloseTo(binomialUpperTail(58, 60, 0.6), 15);
    expect(f.title).toMatch(/^考试员钱七（X）2026-11-02至2026-11-08科目二考试60场，合格率96\.7%，显著高于全省其他考试的60\.0%（p=/);
  });

  it('fires exactly from the first pass count whose p-value is below 0.001', () => {
    const k = firstSignificant(60);
    expect(rule.evaluate(week(cell('X', 'SX', 60, k - 1)), p, now)).toEqual([]);
    expect(rule.evaluate(week(cell('X', 'SX', 60, k)), p, now)).toHaveLength(2);
  });

  it('needs 50 exams: 49 all passed does not fire, 50 does', () => {
    expect(rule.evaluate(week(cell('X', 'SX', 49, 49)), p, now)).toEqual([]);
    expect(rule.evaluate(week(cell('X', 'SX', 50, 50)), p, now)).toHaveLength(2);
  });

  it('judges each subject against the same subject only', () => {
    // 58/60 is ordinary in a subject where everyone passes 95 %
    const easy = Array.from({ length: 10 }, (_, i) => cell(`F${i}`, `S${i % 5}`, 100, 95, 1));
    expect(rule.evaluate({ ...week(cell('X', 'SX', 60, 58, 1)), cells: [...ordinary, ...easy, cell('X', 'SX', 60, 58, 1)] }, p, now)).toEqual([]);
  });

  it('flags a site whose examiners are each just short of the exam count', () => {
    const site = [cell('Y1', 'SY', 40, 40), cell('Y2', 'SY', 40, 39)];
    const f = rule.evaluate(week(...site), p, now);
    expect(f.map((x) => x.subject)).toEqual([{ kind: 'exam_site', id: 'SY' }]);
    expect(f[0].figures).toMatchObject({ exams: 80, passed: 79 });
    expect(f[0].eventIds).toEqual(['Y1-SY-2', 'Y2-SY-2']);
  });
});
