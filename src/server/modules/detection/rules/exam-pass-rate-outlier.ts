// EXAM_PASS_RATE_OUTLIER 考试合格率异常: an examiner or an exam site whose weekly pass rate in one subject is
// too high for chance (one-sided binomial test). The yardstick is the rest of the province in that
// subject: an examiner who passes everyone also lifts the province's own rate, and testing him against a
// rate he inflated would hide exactly the case the rule is for.
import type { Finding, Rule } from '../rule.ts';
import { binomialUpperTail } from '../stats.ts';
import { DAY, examSubjectZh, isoDay, localDay, pValueZh, percentZh, personZh, round, heaviestUnit } from './common.ts';
import type { ExamCell, ExamWeekInput } from './inputs.ts';

export type ExamPassRateOutlierParams = {
  alpha: number;
  minExams: number;
};

interface Group {
  kind: 'staff' | 'exam_site';
  id: string;
  subject: number;
  exams: number;
  passed: number;
  units: Map<string, number>;
  eventIds: string[];
}

export const examPassRateOutlier: Rule<ExamWeekInput, ExamPassRateOutlierParams> = {
  code: 'EXAM_PASS_RATE_OUTLIER',
  name: '考试合格率异常',
  subjectKind: ['staff', 'exam_site'],
  trigger: 'scheduled',
  schedule: 'weekly',
  defaults: { alpha: 0.001, minExams: 50 },
  paramLabels: { alpha: '显著性水平（单侧二项检验p值低于）', minExams: '一周考试场次达到' },
  evaluate(input, params) {
    const province = new Map<number, { exams: number; passed: number }>();
    const groups = new Map<string, Group>();
    const add = (kind: Group['kind'], id: string, c: ExamCell) => {
      const key = `${kind}|${id}|${c.subject}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind, id, subject: c.subject, exams: 0, passed: 0, units: new Map(), eventIds: [] }));
      g.exams += c.exams;
      g.passed += c.passed;
      g.units.set(c.unit, (g.units.get(c.unit) ?? 0) + c.exams);
      g.eventIds.push(...c.eventIds);
    };
    for (const c of input.cells) {
      const s = province.get(c.subject) ?? { exams: 0, passed: 0 };
      province.set(c.subject, { exams: s.exams + c.exams, passed: s.passed + c.passed });
      add('staff', c.examiner, c);
      add('exam_site', c.siteId, c);
    }

    const from = isoDay(localDay(input.weekStart));
    const to = isoDay(localDay(input.weekStart + 6 * DAY));
    const out: Finding[] = [];
    const ordered = [...groups.values()].sort((a, b) => (a.kind + a.id + a.subject < b.kind + b.id + b.subject ? -1 : 1));
    for (const g of ordered) {
      if (g.exams < params.minExams) continue;
      const all = province.get(g.subject)!;
      const restExams = all.exams - g.exams;
      if (restExams <= 0) continue;
      const restRate = (all.passed - g.passed) / restExams;
      const rate = g.passed / g.exams;
      if (!(rate > restRate)) continue;
      const pValue = binomialUpperTail(g.passed, g.exams, restRate);
      if (!(pValue < params.alpha)) continue;
      const who =
        g.kind === 'staff' ? `考试员${personZh(g.id, input.examinerNames?.[g.id] ? { name: input.examinerNames[g.id] } : null)}` : `考场${g.id}`;
      out.push({
        rule: 'EXAM_PASS_RATE_OUTLIER',
        subject: { kind: g.kind, id: g.id },
        level: 'yellow',
        unit: heaviestUnit(g.units),
        title: `${who}${from}至${to}${examSubjectZh(g.subject)}考试${g.exams}场，合格率${percentZh(rate)}，显著高于全省其他考试的${percentZh(restRate)}（${pValueZh(pValue)}）`,
        figures: {
          examSubject: g.subject,
          exams: g.exams,
          passed: g.passed,
          passRate: round(rate, 4),
          provinceRate: round(restRate, 4),
          provinceExams: restExams,
          pValue,
          alpha: params.alpha,
          minExams: params.minExams,
          weekFrom: from,
          weekTo: to,
        },
        eventIds: g.eventIds.sort(),
      });
    }
    return out;
  },
};
