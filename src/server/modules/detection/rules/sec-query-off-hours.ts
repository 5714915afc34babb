// SEC_QUERY_OFF_HOURS 非工作时间查询: many look-ups by one user in one night. A night runs from the evening
// hour to the morning hour of the next local day and is named by the evening's date, so queries at
// 23:50 and 00:10 belong to the same night.
import type { Finding, Rule, RuleEvent } from '../rule.ts';
import { chronological, dailyWindowDay, dominantUnit, hourZh, isoDay, localDateTime, personZh, pushTo } from './common.ts';
import type { UserQueriesInput } from './inputs.ts';

export type SecQueryOffHoursParams = {
  fromHour: number;
  toHour: number;
  minQueries: number;
};

export const secQueryOffHours: Rule<UserQueriesInput, SecQueryOffHoursParams> = {
  code: 'SEC_QUERY_OFF_HOURS',
  name: '非工作时间查询',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: { fromHour: 22, toHour: 6, minQueries: 20 },
  paramLabels: {
    fromHour: '夜间开始（时，北京时间）',
    toHour: '夜间结束（时，北京时间）',
    minQueries: '一夜查询次数达到',
  },
  evaluate(input, params) {
    const nights = new Map<number, RuleEvent[]>();
    for (const e of chronological(input.events)) {
      if (e.type !== 'system.query' || e.actor !== input.userNo) continue;
      const night = dailyWindowDay(e.at, params.fromHour, params.toHour);
      if (night !== null) pushTo(nights, night, e);
    }
    const out: Finding[] = [];
    for (const [night, events] of [...nights].sort(([a], [b]) => a - b)) {
      if (events.length < params.minQueries) continue;
      const first = events[0].at;
      const last = events[events.length - 1].at;
      out.push({
        rule: 'SEC_QUERY_OFF_HOURS',
        subject: { kind: 'staff', id: input.userNo },
        level: 'yellow',
        unit: dominantUnit(events),
        title: `${personZh(input.userNo, input.user)}在${isoDay(night)}夜间（${hourZh(params.fromHour)}至${hourZh(params.toHour)}）查询${events.length}次，时间${localDateTime(first)}至${localDateTime(last)}`,
        figures: {
          night: isoDay(night),
          queries: events.length,
          minQueries: params.minQueries,
          firstAt: localDateTime(first),
          lastAt: localDateTime(last),
          fromHour: params.fromHour,
          toHour: params.toHour,
        },
        eventIds: events.map((e) => e.id),
      });
    }
    return out;
  },
};
