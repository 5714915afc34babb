import { describe, expect, it } from 'vitest';
import { chiSquareIndependence } from '../stats.ts';
import { examAssignmentSkew as rule } from './exam-assignment-skew.ts';
import type { ExamCell, ExamWeekInput } from './inputs.ts';
import { at, only, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-09 01:00');
const cell = (examiner: string, school: string, exams: number, siteId = 'S1', subject = 2): ExamCell => ({
  examiner, siteId, subject, school, exams, passed: exams, unit: '150100000000', eventIds: [`${examiner}-${school}-${siteId}-${subject}`],
});
/** four examiners with 10 exams of each of five other schools; 青城驾校's exams spread as given */
function week(a: [number, number, number, number], siteId = 'S1'): ExamWeekInput {
  const cells: ExamCell[] = [];
  ['E1', 'E2', 'E3', 'E4'].forEach((e, i) => {
    for (let s = 0; s < 5; s++) cells.push(cell(e, `其他驾校${s}`, 10, siteId));
    if (a[i] > 0) cells.push(cell(e, '青城驾校', a[i], siteId));
  });
  return { weekStart: t('2026-11-02 00:00'), cells, examinerNames: { E1: '孙八' } };
}

describe('EXAM_ASSIGNMENT_SKEW', () => {
  it('fires orange when one examiner takes 34 of a school’s 40 exams', () => {
    const f = only(rule.evaluate(week([34, 2, 2, 2]), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'E1' });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ school: '青城驾校', schoolExams: 40, pairExams: 34, share: 0.85, examinerExams: 84, siteExams: 240, expectedShare: 0.35 });
    expect(f.eventIds).toEqual(['E1-青城驾校-S1-2']);
    expect(f.title).toMatch(/^2026-11-02至2026-11-08青城驾校在考场S1的科目二考试40场中34场（85\.0%）由考试员孙八（E1）考核，随机分配应约35\.0%/);
  });

  it('needs 30 exams of the school: 29 all with one examiner does not fire, 30 does', () => {
    expect(rule.evaluate(week([29, 0, 0, 0]), p, now)).toEqual([]);
    expect(rule.evaluate(week([30, 0, 0, 0]), p, now)).toHaveLength(1);
  });

  it('fires from the first split whose p-value is below 0.001, not before', () => {
    // E1 takes n of the school's 40 exams, E2 the rest: E1's table is [[n, 40 − n], [50, 150]]
    const pOf = (n: number) => chiSquareIndependence([[n, 40 - n], [50, 150]]).pValue;
    let k = 11;
    while (!(pOf(k) < p.alpha)) k++;
    const e1 = (n: number) => rule.evaluate(week([n, 40 - n, 0, 0]), p, now).filter((f) => f.subject.id === 'E1');
    expect(e1(k - 1)).toEqual([]);
    expect(only(e1(k)).figures.pValue).toBe(pOf(k));
  });

  it('does not fire for an even spread, nor for a share below expectation', () => {
    expect(rule.evaluate(week([10, 10, 10, 10]), p, now)).toEqual([]);
    // E2–E4 get less than their share here; only E1 can be the skewed pairing
    expect(rule.evaluate(week([34, 2, 2, 2]), p, now).map((f) => f.subject.id)).toEqual(['E1']);
  });

  it('compares within one site and subject only', () => {
    const w = week([10, 10, 10, 10]);
    // the same examiner's exams for the school at another site do not make this site skewed
    const other = [cell('E1', '青城驾校', 40, 'S2')];
    for (let s = 0; s < 5; s++) other.push(cell('E1', `其他驾校${s}`, 10, 'S2'), cell('E5', `其他驾校${s}`, 10, 'S2'));
    const f = rule.evaluate({ ...w, cells: [...w.cells, ...other] }, p, now);
    expect(f.map((x) => x.figures.siteId)).toEqual(['S2']);
  });
});
