// INSP_NONLOCAL_SHARE 异地车辆检验比例异常: a station most of whose vehicles are registered outside its city,
// a sign of a station selling easy inspections across the province. Local means a plate prefix of the
// station's own city; a station whose city prefixes are unknown is not judged rather than judged against
// an empty list (which would call every vehicle non-local).
import type { Finding, Rule } from '../rule.ts';
import { heaviestUnit, percentZh, round } from './common.ts';
import type { InspectionCell, InspectionMonthInput } from './inputs.ts';

export type InspNonlocalShareParams = {
  maxShare: number;
  minInspections: number;
};

export const inspNonlocalShare: Rule<InspectionMonthInput, InspNonlocalShareParams> = {
  code: 'INSP_NONLOCAL_SHARE',
  name: '异地车辆检验比例异常',
  subjectKind: 'station',
  trigger: 'scheduled',
  schedule: 'monthly',
  defaults: { maxShare: 0.5, minInspections: 100 },
  paramLabels: { maxShare: '异地车辆占比超过（0–1）', minInspections: '月检验数达到' },
  evaluate(input, params) {
    const stations = new Map<string, { total: number; regions: Map<string, number>; units: Map<string, number>; cells: InspectionCell[] }>();
    for (const c of input.cells) {
      let s = stations.get(c.stationId);
      if (!s) stations.set(c.stationId, (s = { total: 0, regions: new Map(), units: new Map(), cells: [] }));
      s.total += c.inspections;
      s.regions.set(c.registeredRegion, (s.regions.get(c.registeredRegion) ?? 0) + c.inspections);
      s.units.set(c.unit, (s.units.get(c.unit) ?? 0) + c.inspections);
      s.cells.push(c);
    }

    const out: Finding[] = [];
    for (const [stationId, s] of [...stations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const local = new Set(input.stationCityPrefixes[stationId] ?? []);
      if (local.size === 0 || s.total < params.minInspections) continue;
      const foreign = [...s.regions].filter(([r]) => !local.has(r)).sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : 1));
      const nonLocal = foreign.reduce((n, [, c]) => n + c, 0);
      const share = nonLocal / s.total;
      if (!(share > params.maxShare)) continue;
      out.push({
        rule: 'INSP_NONLOCAL_SHARE',
        subject: { kind: 'station', id: stationId },
        level: 'blue',
        unit: heaviestUnit(s.units),
        title: `检验机构${stationId}${input.month}检验${s.total}辆，其中异地车辆${nonLocal}辆（${percentZh(share)}），超过${percentZh(params.maxShare)}`,
        figures: {
          inspections: s.total,
          nonLocal,
          share: round(share, 4),
          maxShare: params.maxShare,
          minInspections: params.minInspections,
          localPrefixes: [...local].join(','),
          topRegions: foreign
            .slice(0, 5)
            .map(([r, c]) => `${r}:${c}`)
            .join(','),
          month: input.month,
        },
        // the non-local inspections are the evidence; the local ones only make up the denominator
        eventIds: s.cells
          .filter((c) => !local.has(c.registeredRegion))
          .flatMap((c) => c.eventIds)
          .sort(),
      });
    }
    return out;
  },
};
