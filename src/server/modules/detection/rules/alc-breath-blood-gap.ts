// ALC_BREATH_BLOOD_GAP 呼气与血检差值异常: a lab value the breath value cannot explain. Between the breath
// test and the draw the body eliminates at most β mg/100mL an hour, so the blood value can be lower than
// the breath value by at most β·Δt plus the two instruments' tolerance; lower than that suggests a swapped
// or diluted sample or an altered report. A blood value far *above* the breath value is as suspicious
// (a swapped sample, or a breath value typed in low).
import { levelRank, type Level, type Rule } from '../rule.ts';
import { type AlcoholCaseInput, caseFinding, type DrawStep, foldCase, HOUR_MS, idsOf, type ReportStep, round1 } from './alcohol-case.ts';

export type BreathBloodGapParams = {
  eliminationMgPerHour: number;
  toleranceFloorMg: number;
  tolerancePercent: number;
  excessMarginMg: number;
  drunkMg: number;
};

const CODE = 'ALC_BREATH_BLOOD_GAP';

export const alcBreathBloodGap: Rule<AlcoholCaseInput, BreathBloodGapParams> = {
  code: CODE,
  name: '呼气与血检差值异常',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: { eliminationMgPerHour: 25, toleranceFloorMg: 10, tolerancePercent: 15, excessMarginMg: 20, drunkMg: 80 },
  paramLabels: {
    eliminationMgPerHour: '最快代谢速率β（mg/100mL每小时）',
    toleranceFloorMg: '容差下限（mg/100mL）',
    tolerancePercent: '容差（呼气值的百分比）',
    excessMarginMg: '血检高于呼气的额外容许值（mg/100mL，在容差之上）',
    drunkMg: '醉酒驾驶标准（mg/100mL），呼气达标而血检不达标时为红色',
  },
  evaluate(input, p) {
    const view = foldCase(input);
    const breath = view.breath;
    if (breath === null || breath.value === null || view.draw === null) return [];
    const b = breath.value;
    // multiply before dividing so that 15 % of 200 is exactly 30 and the edges are where rules.md puts them
    const tolerance = Math.max(p.toleranceFloorMg, (p.tolerancePercent * b) / 100);
    const highLimit = b + tolerance + p.excessMarginMg;
    const judge = (draw: DrawStep) => {
      const hours = (draw.at - breath.at) / HOUR_MS;
      // a draw recorded before the breath test (ALC_CHAIN_GAP's business) gives no elimination credit
      const lowestPossible = b - p.eliminationMgPerHour * Math.max(0, hours);
      return { draw, hours, lowestPossible, lowLimit: lowestPossible - tolerance };
    };

    let worst: { report: ReportStep; judged: ReturnType<typeof judge>; level: Level; beyond: number; direction: 'low' | 'high' } | null = null;
    for (const report of view.reports) {
      const blood = report.value;
      if (blood === null) continue;
      // each report against the draw of its own sample (a second tube drawn later has had more time)
      const judged = judge(view.draws.find((d) => d.sampleNo === report.sampleNo) ?? view.draw);
      let hit: { level: Level; beyond: number; direction: 'low' | 'high' } | null = null;
      if (blood < judged.lowLimit) {
        // 醉驾 turned into 非醉 by the lab value
        hit = { level: b >= p.drunkMg && blood < p.drunkMg ? 'red' : 'orange', beyond: judged.lowLimit - blood, direction: 'low' };
      } else if (blood > highLimit) {
        hit = { level: 'orange', beyond: blood - highLimit, direction: 'high' };
      }
      // a recheck may disagree with the first report: the case answers for its worst one (reports are in
      // time order, so equal ones keep the earliest)
      if (hit && (worst === null || levelRank(hit.level) > levelRank(worst.level) || (hit.level === worst.level && hit.beyond > worst.beyond))) {
        worst = { report, judged, ...hit };
      }
    }
    if (worst === null) return [];
    const blood = worst.report.value!;
    const { draw, hours, lowestPossible, lowLimit } = worst.judged;
    return [
      caseFinding(CODE, view, {
        level: worst.level,
        title: `呼气${b}与血检${blood}差值异常`,
        figures: {
          breath: b,
          blood,
          hours: round1(hours),
          lowestPossible: round1(Math.max(0, lowestPossible)),
          tolerance: round1(tolerance),
          direction: worst.direction,
          limit: round1(worst.direction === 'low' ? lowLimit : highLimit),
          labId: worst.report.labId,
        },
        eventIds: idsOf(breath, draw, worst.report),
      }),
    ];
  },
};
