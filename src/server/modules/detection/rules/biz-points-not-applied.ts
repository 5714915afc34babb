// BIZ_POINTS_NOT_APPLIED 应记分不记分: a violation processed with fewer points than its code carries. The
// code's points come from the violation-code reference data; the points printed on the violation record
// stand in only while the code is unknown there, as the record was written by the same source that may
// be under-reporting.
import type { Rule } from '../rule.ts';
import { localDateTime, num, str } from './common.ts';
import type { PointsInput } from './inputs.ts';

export type BizPointsNotAppliedParams = Record<string, never>;

export const bizPointsNotApplied: Rule<PointsInput, BizPointsNotAppliedParams> = {
  code: 'BIZ_POINTS_NOT_APPLIED',
  name: '应记分不记分',
  subjectKind: 'violation',
  trigger: 'arrival',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    const { processed, violation } = input;
    if (!violation) return [];
    const due = violation.codePoints ?? num(violation.recorded.data.points);
    const applied = num(processed.data.pointsApplied);
    if (due === null || applied === null || applied >= due) return [];
    const violationNo = str(processed.data.violationNo);
    const code = str(violation.recorded.data.code);
    return [
      {
        rule: 'BIZ_POINTS_NOT_APPLIED',
        subject: { kind: 'violation', id: violationNo },
        level: 'orange',
        unit: processed.unit,
        title: `违法${violationNo}（代码${code}）应记${due}分，处理时实记${applied}分`,
        figures: {
          code,
          pointsDue: due,
          pointsApplied: applied,
          pointsMissing: due - applied,
          plate: str(processed.data.plate),
          licenseIdNo: str(processed.data.licenseIdNo),
          processedAt: localDateTime(processed.at),
          clerk: processed.actor,
          channel: str(processed.data.channel),
          codePointsKnown: violation.codePoints !== null,
        },
        eventIds: [violation.recorded.id, processed.id],
      },
    ];
  },
};
