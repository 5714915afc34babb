// BIZ_AGENT_MANY_PERSONS 代办人频繁代理: one agent handling business or violation processing for many
// different people, the broker pattern behind point selling (买分卖分). Days are local calendar days; the
// long window is that many consecutive local days, so "30 days" means the same thing at any hour.
import type { Level, Rule, RuleEvent } from '../rule.ts';
import { chronological, dominantUnit, isoDay, localDay, str, uniqueIds, pushTo } from './common.ts';
import type { AgentInput } from './inputs.ts';

export type BizAgentManyPersonsParams = {
  personsPerDay: number;
  personsPerWindow: number;
  windowDays: number;
  redFactor: number;
};

/** whom the agent acted for: the vehicle's owner, the driver, the licence that takes the points */
function personServed(e: RuleEvent): string {
  if (e.type === 'vehicle.business') return str(e.data.ownerIdNo);
  if (e.type === 'driver.business') return str(e.data.idNo);
  if (e.type === 'violation.processed') return str(e.data.licenseIdNo);
  return '';
}

export const bizAgentManyPersons: Rule<AgentInput, BizAgentManyPersonsParams> = {
  code: 'BIZ_AGENT_MANY_PERSONS',
  name: '代办人频繁代理(疑似买分卖分)',
  subjectKind: 'citizen',
  trigger: 'arrival',
  defaults: { personsPerDay: 3, personsPerWindow: 6, windowDays: 30, redFactor: 2 },
  paramLabels: {
    personsPerDay: '一日内代理人数达到',
    personsPerWindow: '统计期内代理人数达到',
    windowDays: '统计期（天）',
    redFactor: '达到阈值的几倍升为红色',
  },
  evaluate(input, params) {
    const byDay = new Map<number, RuleEvent[]>();
    for (const e of chronological(input.events)) {
      if (str(e.data.agentIdNo) !== input.agentIdNo) continue;
      const person = personServed(e);
      // acting for oneself is not acting as an agent
      if (person === '' || person === input.agentIdNo) continue;
      const d = localDay(e.at);
      pushTo(byDay, d, e);
    }
    const days = [...byDay.keys()].sort((a, b) => a - b);
    const persons = (events: RuleEvent[]) => new Set(events.map(personServed)).size;

    let dayBest: { day: number; events: RuleEvent[]; n: number } | null = null;
    let winBest: { from: number; to: number; events: RuleEvent[]; n: number } | null = null;
    for (const day of days) {
      const events = byDay.get(day)!;
      const n = persons(events);
      if (!dayBest || n > dayBest.n) dayBest = { day, events, n };
      const from = day - params.windowDays + 1;
      const inWindow = days.filter((d) => d >= from && d <= day).flatMap((d) => byDay.get(d)!);
      const m = persons(inWindow);
      if (!winBest || m > winBest.n) winBest = { from: days.find((d) => d >= from)!, to: day, events: inWindow, n: m };
    }
    if (!dayBest || !winBest) return [];

    const dayHit = dayBest.n >= params.personsPerDay;
    const winHit = winBest.n >= params.personsPerWindow;
    if (!dayHit && !winHit) return [];
    const red = dayBest.n >= params.redFactor * params.personsPerDay || winBest.n >= params.redFactor * params.personsPerWindow;
    const level: Level = red ? 'red' : 'orange';

    const parts: string[] = [];
    if (dayHit) parts.push(`${isoDay(dayBest.day)}一日内为${dayBest.n}人`);
    if (winHit) parts.push(`${isoDay(winBest.from)}至${isoDay(winBest.to)}${params.windowDays}日内为${winBest.n}人`);
    const evidence = [...(dayHit ? dayBest.events : []), ...(winHit ? winBest.events : [])];
    return [
      {
        rule: 'BIZ_AGENT_MANY_PERSONS',
        subject: { kind: 'citizen', id: input.agentIdNo },
        level,
        unit: dominantUnit(evidence),
        title: `代办人${input.agentIdNo}${parts.join('、')}代办业务或处理违法`,
        figures: {
          personsInDay: dayBest.n,
          busiestDay: isoDay(dayBest.day),
          personsInWindow: winBest.n,
          windowFrom: isoDay(winBest.from),
          windowTo: isoDay(winBest.to),
          personsPerDay: params.personsPerDay,
          personsPerWindow: params.personsPerWindow,
          windowDays: params.windowDays,
        },
        eventIds: uniqueIds(chronological(evidence).map((e) => e.id)),
      },
    ];
  },
};
