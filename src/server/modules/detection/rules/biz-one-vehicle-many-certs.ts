// BIZ_ONE_VEHICLE_MANY_CERTS 一车多证/频繁补证: a VIN that keeps getting its plates or certificate reissued,
// or that is registered under a second plate while its first is still in use. "In use" is read from the
// business history: the plate of the VIN's latest business counts until a deregistration; a `register`
// under another plate then means two plates at once. A transfer that changes the plate replaces it
// (that is the normal way a plate changes) and is no finding.
import type { Rule, RuleEvent } from '../rule.ts';
import { DAY, chronological, dominantUnit, localDate, str, uniqueIds } from './common.ts';
import type { VinInput } from './inputs.ts';

export type BizOneVehicleManyCertsParams = {
  minReissues: number;
  windowDays: number;
};

const REISSUES = new Set(['plate_reissue', 'certificate_reissue']);

export const bizOneVehicleManyCerts: Rule<VinInput, BizOneVehicleManyCertsParams> = {
  code: 'BIZ_ONE_VEHICLE_MANY_CERTS',
  name: '一车多证/频繁补证',
  subjectKind: 'vin',
  trigger: 'arrival',
  defaults: { minReissues: 2, windowDays: 365 },
  paramLabels: { minReissues: '统计期内补换号牌或证书次数达到', windowDays: '统计期（天）' },
  evaluate(input, params) {
    const events = chronological(input.events.filter((e) => e.type === 'vehicle.business' && str(e.data.vin) === input.vin));

    const reissues = events.filter((e) => REISSUES.has(str(e.data.bizType)));
    let best: RuleEvent[] = [];
    let lo = 0;
    for (let hi = 0; hi < reissues.length; hi++) {
      while (reissues[hi].at - reissues[lo].at > params.windowDays * DAY) lo++;
      if (hi - lo + 1 > best.length) best = reissues.slice(lo, hi + 1);
    }
    const manyReissues = best.length >= params.minReissues;

    let inUse: RuleEvent | null = null;
    let doubled: [RuleEvent, RuleEvent] | null = null;
    for (const e of events) {
      const type = str(e.data.bizType);
      if (type === 'deregister') {
        inUse = null;
        continue;
      }
      if (type === 'register' && inUse && str(inUse.data.plate) !== str(e.data.plate)) doubled ??= [inUse, e];
      inUse = e;
    }

    if (!manyReissues && !doubled) return [];
    const parts: string[] = [];
    if (manyReissues) parts.push(`${localDate(best[0].at)}至${localDate(best[best.length - 1].at)}补换号牌或证书${best.length}次`);
    if (doubled) parts.push(`同时登记${str(doubled[0].data.plate)}、${str(doubled[1].data.plate)}两副号牌`);
    const evidence = [...(manyReissues ? best : []), ...(doubled ?? [])];
    return [
      {
        rule: 'BIZ_ONE_VEHICLE_MANY_CERTS',
        subject: { kind: 'vin', id: input.vin },
        level: 'yellow',
        unit: dominantUnit(evidence),
        title: `车辆${input.vin}${parts.join('，')}`,
        figures: {
          reissues: best.length,
          reissueTypes: best.map((e) => str(e.data.bizType)).join(','),
          reissuesFrom: best.length > 0 ? localDate(best[0].at) : null,
          reissuesTo: best.length > 0 ? localDate(best[best.length - 1].at) : null,
          minReissues: params.minReissues,
          windowDays: params.windowDays,
          twoPlates: doubled !== null,
          plates: doubled ? `${str(doubled[0].data.plate)},${str(doubled[1].data.plate)}` : null,
        },
        eventIds: uniqueIds(chronological(evidence).map((e) => e.id)),
      },
    ];
  },
};
