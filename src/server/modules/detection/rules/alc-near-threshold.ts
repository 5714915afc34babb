// ALC_NEAR_THRESHOLD 醉与非醉临界值: a lab value just around a legal line (80 醉驾, 20 饮酒) decides between a
// crime and an administrative case, or between a case and none; those are the values worth a second look,
// and most of all the ones just *below* a line, where a small push changes the outcome.
import { levelRank, type Level, type Rule } from '../rule.ts';
import { type AlcoholCaseInput, caseFinding, foldCase, idsOf, type ReportStep, round1 } from './alcohol-case.ts';

export type NearThresholdParams = {
  drunkLineMg: number;
  drunkBandMg: number;
  drinkLineMg: number;
  drinkBandMg: number;
};

const CODE = 'ALC_NEAR_THRESHOLD';

interface Hit {
  report: ReportStep;
  value: number;
  line: number;
  lineName: string;
  below: boolean;
  level: Level;
}

export const alcNearThreshold: Rule<AlcoholCaseInput, NearThresholdParams> = {
  code: CODE,
  name: '醉与非醉临界值',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: { drunkLineMg: 80, drunkBandMg: 8, drinkLineMg: 20, drinkBandMg: 2 },
  paramLabels: {
    drunkLineMg: '醉酒驾驶标准（mg/100mL）',
    drunkBandMg: '醉驾标准上下临界范围（±mg/100mL）',
    drinkLineMg: '饮酒驾驶标准（mg/100mL）',
    drinkBandMg: '饮酒标准上下临界范围（±mg/100mL）',
  },
  evaluate(input, p) {
    const view = foldCase(input);
    const lines = [
      { line: p.drunkLineMg, band: p.drunkBandMg, lineName: '醉驾' },
      { line: p.drinkLineMg, band: p.drinkBandMg, lineName: '饮酒' },
    ];
    let worst: Hit | null = null;
    for (const report of view.reports) {
      const value = report.value;
      if (value === null) continue;
      for (const { line, band, lineName } of lines) {
        // both edges inclusive ("within ±8"); compared without subtraction so 88 and 72 are exact
        if (value < line - band || value > line + band) continue;
        const below = value < line;
        const hit: Hit = { report, value, line, lineName, below, level: below ? 'orange' : 'yellow' };
        // one finding per case: the most severe report, then the one closest to its line, then the earliest
        if (
          worst === null ||
          levelRank(hit.level) > levelRank(worst.level) ||
          (hit.level === worst.level && Math.abs(value - line) < Math.abs(worst.value - worst.line))
        ) {
          worst = hit;
        }
        break;
      }
    }
    if (worst === null) return [];
    const { report, value, line, lineName, below, level } = worst;
    return [
      caseFinding(CODE, view, {
        level,
        title: below ? `血检${value}略低于${lineName}标准${line}` : `血检${value}处于${lineName}标准${line}临界值`,
        figures: { blood: value, line, distance: round1(value - line), below, labId: report.labId },
        eventIds: idsOf(report),
      }),
    ];
  },
};
