// INSP_PASS_RATE_OUTLIER 检验合格率异常: a station whose first-inspection pass rate for one of the high-risk
// vehicle classes is too high for chance that month (one-sided binomial test). As for exams, the
// yardstick is the rest of the province in the same class, so the station does not dilute its own test.
import type { Finding, Rule } from '../rule.ts';
import { binomialUpperTail } from '../stats.ts';
import { heaviestUnit, listParam, pValueZh, percentZh, round } from './common.ts';
import type { InspectionMonthInput } from './inputs.ts';

export type InspPassRateOutlierParams = {
  alpha: number;
  minInspections: number;
  /** vehicle classes judged, each on its own, comma-separated */
  vehicleClasses: string;
};

export const vehicleClassZh: Record<string, string> = {
  truck_heavy: '重型货车',
  hazmat: '危险货物运输车',
  passenger_large: '大型客车',
  school_bus: '校车',
  small: '小型车',
};

interface Group {
  stationId: string;
  vehicleClass: string;
  inspections: number;
  passed: number;
  units: Map<string, number>;
  eventIds: string[];
}

export const inspPassRateOutlier: Rule<InspectionMonthInput, InspPassRateOutlierParams> = {
  code: 'INSP_PASS_RATE_OUTLIER',
  name: '检验合格率异常',
  subjectKind: 'station',
  trigger: 'scheduled',
  schedule: 'monthly',
  defaults: { alpha: 0.001, minInspections: 100, vehicleClasses: 'truck_heavy,hazmat,passenger_large,school_bus' },
  paramLabels: {
    alpha: '显著性水平（单侧二项检验p值低于）',
    minInspections: '该类车辆月检验数达到',
    vehicleClasses: '分别计算的车辆类别（逗号分隔）',
  },
  evaluate(input, params) {
    const classes = listParam(params.vehicleClasses);
    const province = new Map<string, { inspections: number; passed: number }>();
    const groups = new Map<string, Group>();
    for (const c of input.cells) {
      if (!classes.has(c.vehicleClass)) continue;
      const s = province.get(c.vehicleClass) ?? { inspections: 0, passed: 0 };
      province.set(c.vehicleClass, { inspections: s.inspections + c.inspections, passed: s.passed + c.firstPassed });
      const key = `${c.stationId}|${c.vehicleClass}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { stationId: c.stationId, vehicleClass: c.vehicleClass, inspections: 0, passed: 0, units: new Map(), eventIds: [] }));
      g.inspections += c.inspections;
      g.passed += c.firstPassed;
      g.units.set(c.unit, (g.units.get(c.unit) ?? 0) + c.inspections);
      g.eventIds.push(...c.eventIds);
    }

    const out: Finding[] = [];
    for (const [, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (g.inspections < params.minInspections) continue;
      const all = province.get(g.vehicleClass)!;
      const rest = all.inspections - g.inspections;
      if (rest <= 0) continue;
      const restRate = (all.passed - g.passed) / rest;
      const rate = g.passed / g.inspections;
      if (!(rate > restRate)) continue;
      const pValue = binomialUpperTail(g.passed, g.inspections, restRate);
      if (!(pValue < params.alpha)) continue;
      const cls = vehicleClassZh[g.vehicleClass] ?? g.vehicleClass;
      out.push({
        rule: 'INSP_PASS_RATE_OUTLIER',
        subject: { kind: 'station', id: g.stationId },
        level: 'yellow',
        unit: heaviestUnit(g.units),
        title: `检验机构${g.stationId}${input.month}${cls}一次检验合格率${percentZh(rate)}（${g.inspections}辆），显著高于全省其他检验机构的${percentZh(restRate)}（${pValueZh(pValue)}）`,
        figures: {
          vehicleClass: g.vehicleClass,
          inspections: g.inspections,
          firstPassed: g.passed,
          passRate: round(rate, 4),
          provinceRate: round(restRate, 4),
          provinceInspections: rest,
          pValue,
          alpha: params.alpha,
          minInspections: params.minInspections,
          month: input.month,
        },
        eventIds: g.eventIds.sort(),
      });
    }
    return out;
  },
};
