// SEC_QUERY_NO_BUSINESS 无业务关联查询: many look-ups in one local day that name no business, by a user
// whose role does not allow free queries. Which roles may query freely is the province's decision and
// rules.md names none, so the list starts empty; a user unknown to the reference data holds no role.
import type { Finding, Rule, RuleEvent } from '../rule.ts';
import { chronological, dominantUnit, isoDay, listParam, localDay, localDateTime, personZh, str, pushTo } from './common.ts';
import type { UserQueriesInput } from './inputs.ts';

export type SecQueryNoBusinessParams = {
  minQueries: number;
  /** roles that may query without a linked business, comma-separated */
  freeQueryRoles: string;
};

export const secQueryNoBusiness: Rule<UserQueriesInput, SecQueryNoBusinessParams> = {
  code: 'SEC_QUERY_NO_BUSINESS',
  name: '无业务关联查询',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: { minQueries: 30, freeQueryRoles: '' },
  paramLabels: { minQueries: '单日无业务关联查询次数达到', freeQueryRoles: '允许无业务关联查询的角色（逗号分隔）' },
  evaluate(input, params) {
    const free = listParam(params.freeQueryRoles);
    if ((input.user?.roles ?? []).some((r) => free.has(r))) return [];
    const days = new Map<number, RuleEvent[]>();
    for (const e of chronological(input.events)) {
      if (e.type !== 'system.query' || e.actor !== input.userNo) continue;
      if (str(e.data.linkedBizNo).trim() !== '') continue;
      const d = localDay(e.at);
      pushTo(days, d, e);
    }
    const out: Finding[] = [];
    for (const [day, events] of [...days].sort(([a], [b]) => a - b)) {
      if (events.length < params.minQueries) continue;
      out.push({
        rule: 'SEC_QUERY_NO_BUSINESS',
        subject: { kind: 'staff', id: input.userNo },
        level: 'yellow',
        unit: dominantUnit(events),
        title: `${personZh(input.userNo, input.user)}${isoDay(day)}无业务关联查询${events.length}次`,
        figures: {
          day: isoDay(day),
          queries: events.length,
          minQueries: params.minQueries,
          roles: (input.user?.roles ?? []).join(','),
          firstAt: localDateTime(events[0].at),
          lastAt: localDateTime(events[events.length - 1].at),
        },
        eventIds: events.map((e) => e.id),
      });
    }
    return out;
  },
};
