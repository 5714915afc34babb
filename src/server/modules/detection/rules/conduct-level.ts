// CONDUCT_LEVEL 个人积分预警 / 单位积分预警: deductions over the last 12 calendar months reach a warning
// level, for a person by total points, for a unit by points per head. The window is (now − 12 months,
// now]: a deduction exactly 12 months old has run its course. Points fall out of the window with time, so
// the engine evaluates daily as well as on arrival; the level found is the one reached now.
import type { Level, Rule, RuleEvent } from '../rule.ts';
import { addLocalMonths, chronological, localDate, num, personZh, round, str } from './common.ts';
import type { ConductInput } from './inputs.ts';

export type ConductLevelParams = {
  windowMonths: number;
  staffBlue: number;
  staffYellow: number;
  staffOrange: number;
  staffRed: number;
  unitBlue: number;
  unitYellow: number;
  unitOrange: number;
  unitRed: number;
};

const levelZh: Record<Level, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

function reached(value: number, bars: [number, number, number, number]): { level: Level; bar: number } | null {
  const names: Level[] = ['blue', 'yellow', 'orange', 'red'];
  for (let i = 3; i >= 0; i--) if (value >= bars[i]) return { level: names[i], bar: bars[i] };
  return null;
}

export const conductLevel: Rule<ConductInput, ConductLevelParams> = {
  code: 'CONDUCT_LEVEL',
  name: '个人积分预警',
  subjectKind: ['staff', 'unit'],
  trigger: 'arrival',
  defaults: {
    windowMonths: 12,
    staffBlue: 6,
    staffYellow: 12,
    staffOrange: 18,
    staffRed: 24,
    unitBlue: 2,
    unitYellow: 4,
    unitOrange: 6,
    unitRed: 8,
  },
  paramLabels: {
    windowMonths: '累计期（月）',
    staffBlue: '个人蓝色预警分值',
    staffYellow: '个人黄色预警分值',
    staffOrange: '个人橙色预警分值',
    staffRed: '个人红色预警分值',
    unitBlue: '单位人均蓝色预警分值',
    unitYellow: '单位人均黄色预警分值',
    unitOrange: '单位人均橙色预警分值',
    unitRed: '单位人均红色预警分值',
  },
  evaluate(input, params, now) {
    const nowMs = now.getTime();
    const from = addLocalMonths(nowMs, -params.windowMonths);
    const inWindow = (e: RuleEvent) => e.type === 'conduct.deduction' && e.at > from && e.at <= nowMs;

    if (input.kind === 'staff') {
      const events = chronological(input.deductions.filter((e) => inWindow(e) && str(e.data.personNo) === input.personNo));
      const points = events.reduce((s, e) => s + (num(e.data.points) ?? 0), 0);
      const hit = reached(points, [params.staffBlue, params.staffYellow, params.staffOrange, params.staffRed]);
      if (!hit) return [];
      return [
        {
          rule: 'CONDUCT_LEVEL',
          subject: { kind: 'staff', id: input.personNo },
          level: hit.level,
          unit: input.unit,
          title: `${personZh(input.personNo, input.name === null ? null : { name: input.name })}近${params.windowMonths}个月累计扣${round(points, 1)}分，达${levelZh[hit.level]}预警（${hit.bar}分）`,
          figures: { points: round(points, 2), deductions: events.length, levelBar: hit.bar, from: localDate(from), to: localDate(nowMs) },
          eventIds: events.map((e) => e.id),
        },
      ];
    }

    if (!(input.headcount > 0)) return [];
    const events = chronological(input.deductions.filter(inWindow));
    const points = events.reduce((s, e) => s + (num(e.data.points) ?? 0), 0);
    const perHead = points / input.headcount;
    const hit = reached(perHead, [params.unitBlue, params.unitYellow, params.unitOrange, params.unitRed]);
    if (!hit) return [];
    const who = input.unitName ? `${input.unitName}（${input.unitCode}）` : input.unitCode;
    return [
      {
        rule: 'CONDUCT_LEVEL',
        subject: { kind: 'unit', id: input.unitCode },
        level: hit.level,
        unit: input.unitCode,
        title: `${who}近${params.windowMonths}个月人均扣${round(perHead, 2)}分（${round(points, 1)}分/${input.headcount}人），达${levelZh[hit.level]}预警（人均${hit.bar}分）`,
        figures: {
          perHead: round(perHead, 3),
          points: round(points, 2),
          headcount: input.headcount,
          deductions: events.length,
          persons: new Set(events.map((e) => str(e.data.personNo))).size,
          levelBar: hit.bar,
          from: localDate(from),
          to: localDate(nowMs),
        },
        eventIds: events.map((e) => e.id),
      },
    ];
  },
};
