// CKPT_CLONED_PLATE 疑似套牌: the same plate and colour at two checkpoints too far apart for the time between
// the passes. Only consecutive passes are compared: if some pair of passes needs more than the limit, so
// does at least one consecutive leg between them (the straight line is never longer than the detour),
// so nothing is missed and the evidence names the leg where it happened. Distances are great-circle
// (haversine); pass times carry whole seconds, so two passes in the same second count as one second apart.
import type { Finding, Rule } from '../rule.ts';
import { HOUR, compareEvents, localDateTime, round, str } from './common.ts';
import type { CheckpointRef, PlatePassesInput } from './inputs.ts';

export type CkptClonedPlateParams = {
  maxSpeedKmh: number;
};

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** great-circle distance in km between two WGS84 points */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const colorZh: Record<string, string> = { blue: '蓝', yellow: '黄', green: '绿', white: '白', black: '黑' };
const named = (c: CheckpointRef) => `${c.name}（${c.checkpointId}）`;

export const ckptClonedPlate: Rule<PlatePassesInput, CkptClonedPlateParams> = {
  code: 'CKPT_CLONED_PLATE',
  name: '疑似套牌',
  subjectKind: 'plate',
  trigger: 'arrival',
  defaults: { maxSpeedKmh: 200 },
  paramLabels: { maxSpeedKmh: '两卡口间所需时速超过（公里/小时）' },
  evaluate(input, params) {
    const passes = input.passes
      .filter(
        (x): x is { pass: typeof x.pass; checkpoint: CheckpointRef } =>
          x.checkpoint !== null && str(x.pass.data.plate) === input.plate && str(x.pass.data.plateColor) === input.plateColor,
      )
      .sort((a, b) => compareEvents(a.pass, b.pass));
    const out: Finding[] = [];
    for (let i = 1; i < passes.length; i++) {
      const a = passes[i - 1];
      const b = passes[i];
      if (a.checkpoint.checkpointId === b.checkpoint.checkpointId) continue;
      const km = haversineKm(a.checkpoint, b.checkpoint);
      const ms = Math.max(b.pass.at - a.pass.at, 1000);
      const speed = km / (ms / HOUR);
      if (!(speed > params.maxSpeedKmh)) continue;
      const minutes = ms / 60_000;
      out.push({
        rule: 'CKPT_CLONED_PLATE',
        subject: { kind: 'plate', id: input.plate },
        level: 'orange',
        unit: b.pass.unit,
        title: `${input.plate}（${colorZh[input.plateColor] ?? input.plateColor}牌）${round(minutes, 1)}分钟内先后经过相距${round(km, 1)}公里的${named(a.checkpoint)}与${named(b.checkpoint)}，需时速${Math.round(speed)}公里`,
        figures: {
          plateColor: input.plateColor,
          fromCheckpoint: a.checkpoint.checkpointId,
          toCheckpoint: b.checkpoint.checkpointId,
          fromAt: localDateTime(a.pass.at),
          toAt: localDateTime(b.pass.at),
          distanceKm: round(km, 2),
          minutes: round(minutes, 2),
          speedKmh: round(speed, 1),
          maxSpeedKmh: params.maxSpeedKmh,
        },
        eventIds: [a.pass.id, b.pass.id],
      });
    }
    return out;
  },
};
