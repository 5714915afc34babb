// BIZ_OUT_OF_ORDER 跨越式处理: a newer violation of a vehicle is processed while an older one waits, and
// taking both would fill the licence's 12 points. Processing out of order lets a licence take the newer
// points while still below full score; the older ones then go to another licence or lapse. The licence's
// standing is what it took in the scoring period before this processing (365 days, as the engine does
// not know each licence's cycle start), and "taking both" counts the points each violation's code carries.
import type { Rule } from '../rule.ts';
import { DAY, compareEvents, localDateTime, num, str } from './common.ts';
import type { OutOfOrderInput, ViolationOnRecord } from './inputs.ts';

export type BizOutOfOrderParams = {
  fullScore: number;
  scoringDays: number;
};

const pointsOf = (v: ViolationOnRecord): number => v.codePoints ?? num(v.recorded.data.points) ?? 0;

export const bizOutOfOrder: Rule<OutOfOrderInput, BizOutOfOrderParams> = {
  code: 'BIZ_OUT_OF_ORDER',
  name: '跨越式处理',
  subjectKind: 'violation',
  trigger: 'arrival',
  defaults: { fullScore: 12, scoringDays: 365 },
  paramLabels: { fullScore: '驾驶证满分分值', scoringDays: '记分周期（天）' },
  evaluate(input, params) {
    const { processed } = input;
    const violationNo = str(processed.data.violationNo);
    const plate = str(processed.data.plate);
    const licence = str(processed.data.licenseIdNo);
    const self = input.violations.find((v) => str(v.recorded.data.violationNo) === violationNo);
    if (!self) return [];

    // older = committed earlier; still waiting = not processed by the time this one was (a batch that
    // settles both in the same moment is in order)
    const waiting = input.violations
      .filter(
        (v) =>
          v !== self &&
          str(v.recorded.data.plate) === plate &&
          v.recorded.at < self.recorded.at &&
          (v.processedAt === null || v.processedAt > processed.at) &&
          pointsOf(v) > 0,
      )
      .sort((a, b) => compareEvents(a.recorded, b.recorded));
    if (waiting.length === 0) return [];

    const periodStart = processed.at - params.scoringDays * DAY;
    const before = input.licenceProcessings
      .filter(
        (e) =>
          e.id !== processed.id &&
          str(e.data.licenseIdNo) === licence &&
          e.at >= periodStart &&
          compareEvents(e, processed) < 0,
      )
      .reduce((s, e) => s + (num(e.data.pointsApplied) ?? 0), 0);
    const own = pointsOf(self);
    const older = waiting.reduce((s, v) => s + pointsOf(v), 0);
    const total = before + own + older;
    if (total < params.fullScore) return [];

    const olderNos = waiting.map((v) => str(v.recorded.data.violationNo));
    return [
      {
        rule: 'BIZ_OUT_OF_ORDER',
        subject: { kind: 'violation', id: violationNo },
        level: 'yellow',
        unit: processed.unit,
        title: `号牌${plate}先处理较新的违法${violationNo}（${own}分），较早的${olderNos.length}起违法（${older}分）未处理，驾驶证合计将达${total}分`,
        figures: {
          plate,
          licenseIdNo: licence,
          pointsBefore: before,
          pointsThis: own,
          pointsOlder: older,
          total,
          fullScore: params.fullScore,
          olderViolations: olderNos.join(','),
          olderCount: olderNos.length,
          processedAt: localDateTime(processed.at),
          clerk: processed.actor,
        },
        eventIds: [processed.id, self.recorded.id, ...waiting.map((v) => v.recorded.id)],
      },
    ];
  },
};
