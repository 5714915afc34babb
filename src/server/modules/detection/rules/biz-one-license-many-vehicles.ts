// BIZ_ONE_LICENSE_MANY_VEHICLES 一证多车: one licence takes the points of other people's vehicles, the
// footprint of point brokering (买分卖分). Only processings that put points on the licence count (a
// violation without points sells nothing), and only when the vehicle's recorded owner is someone else.
import type { Rule, RuleEvent } from '../rule.ts';
import { DAY, compareEvents, dominantUnit, localDate, num, str, uniqueIds } from './common.ts';
import type { LicenceProcessingsInput } from './inputs.ts';

export type BizOneLicenseManyVehiclesParams = {
  minVehicles: number;
  windowDays: number;
};

interface Counted {
  processed: RuleEvent;
  recorded: RuleEvent;
  plate: string;
  points: number;
}

export const bizOneLicenseManyVehicles: Rule<LicenceProcessingsInput, BizOneLicenseManyVehiclesParams> = {
  code: 'BIZ_ONE_LICENSE_MANY_VEHICLES',
  name: '一证多车',
  subjectKind: 'citizen',
  trigger: 'arrival',
  defaults: { minVehicles: 3, windowDays: 365 },
  paramLabels: { minVehicles: '他人车辆数（辆）达到', windowDays: '统计期（天）' },
  evaluate(input, params) {
    const counted: Counted[] = [];
    for (const { processed, recorded } of input.processings) {
      if (!recorded) continue;
      const points = num(processed.data.pointsApplied) ?? 0;
      if (points <= 0 || str(recorded.data.ownerIdNo) === input.licenseIdNo) continue;
      counted.push({ processed, recorded, plate: str(processed.data.plate), points });
    }
    const list = counted.sort((a, b) => compareEvents(a.processed, b.processed));
    const span = params.windowDays * DAY;

    // the window ending at each processing; the one with the most vehicles (the earliest on a tie) is the evidence
    let best: Counted[] = [];
    let bestPlates = 0;
    let lo = 0;
    for (let hi = 0; hi < list.length; hi++) {
      while (list[hi].processed.at - list[lo].processed.at > span) lo++;
      const window = list.slice(lo, hi + 1);
      const plates = new Set(window.map((c) => c.plate)).size;
      if (plates > bestPlates) {
        best = window;
        bestPlates = plates;
      }
    }
    if (bestPlates < params.minVehicles) return [];

    const plates = [...new Set(best.map((c) => c.plate))];
    const points = best.reduce((s, c) => s + c.points, 0);
    const first = best[0].processed.at;
    const last = best[best.length - 1].processed.at;
    return [
      {
        rule: 'BIZ_ONE_LICENSE_MANY_VEHICLES',
        subject: { kind: 'citizen', id: input.licenseIdNo },
        level: 'orange',
        unit: dominantUnit(best.map((c) => c.processed)),
        title: `驾驶证${input.licenseIdNo}在${localDate(first)}至${localDate(last)}期间为${plates.length}辆他人车辆处理违法、记分${points}分`,
        figures: {
          vehicles: plates.length,
          plates: plates.join(','),
          processings: best.length,
          points,
          from: localDate(first),
          to: localDate(last),
          windowDays: params.windowDays,
          minVehicles: params.minVehicles,
        },
        eventIds: uniqueIds(best.flatMap((c) => [c.processed.id, c.recorded.id])),
      },
    ];
  },
};
