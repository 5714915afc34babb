// CKPT_WATCHLIST_HIT 布控车辆预警: a pass of a plate on the active watchlist. This runs on every checkpoint
// pass of the province (tens of millions a day) with a one-second target: the engine looks the plate up,
// and the rule does no work beyond a comparison unless the plate is listed.
import type { Level, Rule } from '../rule.ts';
import { listParam, localDateTime, str } from './common.ts';
import type { WatchlistPassInput } from './inputs.ts';

export type CkptWatchlistHitParams = {
  /** watchlist reasons that make a hit red, comma-separated; other reasons are orange */
  redReasons: string;
};

const reasonZh: Record<string, string> = {
  overdue_scrap: '逾期未报废',
  overdue_inspection: '逾期未检验',
  fake_plate: '假套牌',
  hit_and_run: '肇事逃逸',
  other: '其他',
};

export const ckptWatchlistHit: Rule<WatchlistPassInput, CkptWatchlistHitParams> = {
  code: 'CKPT_WATCHLIST_HIT',
  name: '布控车辆预警',
  subjectKind: 'plate',
  trigger: 'arrival',
  defaults: { redReasons: 'hit_and_run,fake_plate' },
  paramLabels: { redReasons: '红色预警的布控原因（逗号分隔），其余为橙色' },
  evaluate(input, params) {
    const { pass, watch } = input;
    const plate = str(pass.data.plate);
    if (!watch?.active || watch.plate !== plate) return [];
    const level: Level = listParam(params.redReasons).has(watch.reason) ? 'red' : 'orange';
    const where = input.checkpoint ? `${input.checkpoint.name}（${input.checkpoint.checkpointId}）` : `卡口${str(pass.data.checkpointId)}`;
    return [
      {
        rule: 'CKPT_WATCHLIST_HIT',
        subject: { kind: 'plate', id: plate },
        level,
        unit: pass.unit,
        title: `布控车辆${plate}（${reasonZh[watch.reason] ?? watch.reason}）于${localDateTime(pass.at)}经过${where}`,
        figures: {
          plate,
          plateColor: str(pass.data.plateColor),
          reason: watch.reason,
          checkpointId: str(pass.data.checkpointId),
          checkpointName: input.checkpoint?.name ?? null,
          at: localDateTime(pass.at),
          lane: pass.data.lane === undefined ? null : str(pass.data.lane),
          speedKmh: typeof pass.data.speedKmh === 'number' ? pass.data.speedKmh : null,
        },
        eventIds: [pass.id, watch.eventId],
      },
    ];
  },
};
