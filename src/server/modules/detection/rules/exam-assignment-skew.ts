// EXAM_ASSIGNMENT_SKEW 考试员分配不随机: one examiner takes far more of a school's exams than random
// assignment would give him. Assignment is random within a site and subject (that is where candidates
// queue for the same examiners), so the expected share of an examiner is his share of all the site's
// exams in that subject that week. Each examiner–school pairing is tested on its 2×2 table (this school
// or not × this examiner or not) with Pearson's chi-square, and only a share above expectation counts.
import type { Finding, Rule } from '../rule.ts';
import { chiSquareIndependence } from '../stats.ts';
import { DAY, examSubjectZh, heaviestUnit, isoDay, localDay, pValueZh, percentZh, personZh, round, pushTo } from './common.ts';
import type { ExamCell, ExamWeekInput } from './inputs.ts';

export type ExamAssignmentSkewParams = {
  alpha: number;
  minExams: number;
};

const sum = (cells: ExamCell[]) => cells.reduce((s, c) => s + c.exams, 0);
const byKey = <T>(items: T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of items) pushTo(m, key(x), x);
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

export const examAssignmentSkew: Rule<ExamWeekInput, ExamAssignmentSkewParams> = {
  code: 'EXAM_ASSIGNMENT_SKEW',
  name: '考试员分配不随机',
  subjectKind: 'staff',
  trigger: 'scheduled',
  schedule: 'weekly',
  defaults: { alpha: 0.001, minExams: 30 },
  paramLabels: { alpha: '显著性水平（卡方检验p值低于）', minExams: '驾校在该考场该科目一周考试场次达到' },
  evaluate(input, params) {
    const from = isoDay(localDay(input.weekStart));
    const to = isoDay(localDay(input.weekStart + 6 * DAY));
    const out: Finding[] = [];
    for (const cells of byKey(input.cells, (c) => `${c.siteId}|${c.subject}`).values()) {
      const { siteId, subject } = cells[0];
      const total = sum(cells);
      const perExaminer = byKey(cells, (c) => c.examiner);
      for (const [school, schoolCells] of byKey(cells, (c) => c.school)) {
        const schoolExams = sum(schoolCells);
        if (schoolExams < params.minExams) continue;
        for (const [examiner, pairCells] of byKey(schoolCells, (c) => c.examiner)) {
          const pair = sum(pairCells);
          const examinerExams = sum(perExaminer.get(examiner)!);
          const expectedShare = examinerExams / total;
          if (!(pair > schoolExams * expectedShare)) continue;
          const test = chiSquareIndependence([
            [pair, schoolExams - pair],
            [examinerExams - pair, total - schoolExams - examinerExams + pair],
          ]);
          if (!(test.pValue < params.alpha)) continue;
          const name = input.examinerNames?.[examiner];
          const units = new Map<string, number>();
          for (const c of pairCells) units.set(c.unit, (units.get(c.unit) ?? 0) + c.exams);
          out.push({
            rule: 'EXAM_ASSIGNMENT_SKEW',
            subject: { kind: 'staff', id: examiner },
            level: 'orange',
            unit: heaviestUnit(units),
            title: `${from}至${to}${school}在考场${siteId}的${examSubjectZh(subject)}考试${schoolExams}场中${pair}场（${percentZh(pair / schoolExams)}）由考试员${personZh(examiner, name ? { name } : null)}考核，随机分配应约${percentZh(expectedShare)}（${pValueZh(test.pValue)}）`,
            figures: {
              school,
              siteId,
              examSubject: subject,
              schoolExams,
              pairExams: pair,
              share: round(pair / schoolExams, 4),
              expectedShare: round(expectedShare, 4),
              examinerExams,
              siteExams: total,
              chiSquare: round(test.statistic, 2),
              pValue: test.pValue,
              alpha: params.alpha,
              minExams: params.minExams,
              weekFrom: from,
              weekTo: to,
            },
            eventIds: pairCells.flatMap((c) => c.eventIds).sort(),
          });
        }
      }
    }
    return out;
  },
};
