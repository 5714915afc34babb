// BIZ_CORRECTION_SPIKE 档案更正异常: a clerk whose archive corrections in one week stand out against every
// other clerk in the province. The clerk is compared with the others, not with a list that includes
// himself: with a few hundred clerks the 99th percentile sits between the top two values, and a spike
// that is part of its own yardstick would lift the bar it has to clear.
import type { Finding, Rule } from '../rule.ts';
import { percentile } from '../stats.ts';
import { DAY, isoDay, localDay, personZh, round } from './common.ts';
import type { CorrectionWeekInput } from './inputs.ts';

export type BizCorrectionSpikeParams = {
  percentile: number;
  minCorrections: number;
};

export const bizCorrectionSpike: Rule<CorrectionWeekInput, BizCorrectionSpikeParams> = {
  code: 'BIZ_CORRECTION_SPIKE',
  name: '档案更正异常',
  subjectKind: 'staff',
  trigger: 'scheduled',
  schedule: 'weekly',
  defaults: { percentile: 99, minCorrections: 10 },
  paramLabels: { percentile: '全省窗口人员百分位（高于此分位）', minCorrections: '一周档案更正笔数达到' },
  evaluate(input, params) {
    const from = isoDay(localDay(input.weekStart));
    const to = isoDay(localDay(input.weekStart + 6 * DAY));
    const out: Finding[] = [];
    const clerks = [...input.clerks].sort((a, b) => (a.personNo < b.personNo ? -1 : a.personNo > b.personNo ? 1 : 0));
    clerks.forEach((clerk, i) => {
      if (clerk.corrections < params.minCorrections) return;
      const others = clerks.filter((_, j) => j !== i).map((c) => c.corrections);
      const bar = percentile(others, params.percentile);
      // no other clerk, no yardstick: NaN never compares true
      if (!(clerk.corrections > bar)) return;
      out.push({
        rule: 'BIZ_CORRECTION_SPIKE',
        subject: { kind: 'staff', id: clerk.personNo },
        level: 'yellow',
        unit: clerk.unit,
        title: `${personZh(clerk.personNo, clerk.name === null ? null : { name: clerk.name })}${from}至${to}一周档案更正${clerk.corrections}笔，高于全省窗口人员第${params.percentile}百分位（${round(bar, 1)}笔）`,
        figures: {
          corrections: clerk.corrections,
          peerPercentile: round(bar, 2),
          percentile: params.percentile,
          peers: others.length,
          minCorrections: params.minCorrections,
          weekFrom: from,
          weekTo: to,
        },
        eventIds: [...clerk.eventIds].sort(),
      });
    });
    return out;
  },
};
