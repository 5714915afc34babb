// BIZ_OFF_HOURS 非工作时间办理业务: window business or violation processing in the evening or at night,
// local time. Online processing has no clerk and no window, so it is not window work.
import type { Rule } from '../rule.ts';
import { businessZh, dailyWindowDay, localClock, localDateTime, personZh, str } from './common.ts';
import type { StaffEventInput } from './inputs.ts';

export type BizOffHoursParams = {
  fromHour: number;
  toHour: number;
};

const TYPES = new Set(['vehicle.business', 'driver.business', 'violation.processed']);

export const bizOffHours: Rule<StaffEventInput, BizOffHoursParams> = {
  code: 'BIZ_OFF_HOURS',
  name: '非工作时间办理业务',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: { fromHour: 20, toHour: 7 },
  paramLabels: { fromHour: '非工作时间开始（时，北京时间）', toHour: '非工作时间结束（时，北京时间）' },
  evaluate(input, params) {
    const { event } = input;
    if (!TYPES.has(event.type) || !event.actor) return [];
    if (event.type === 'violation.processed' && str(event.data.channel) === 'online') return [];
    if (dailyWindowDay(event.at, params.fromHour, params.toHour) === null) return [];
    return [
      {
        rule: 'BIZ_OFF_HOURS',
        subject: { kind: 'staff', id: event.actor },
        level: 'blue',
        unit: event.unit,
        title: `${personZh(event.actor, input.actor)}于${localDateTime(event.at)}（非工作时间）办理${businessZh(event)}`,
        figures: {
          localTime: localClock(event.at),
          at: localDateTime(event.at),
          eventType: event.type,
          bizType: event.data.bizType === undefined ? null : str(event.data.bizType),
          windowId: event.data.windowId === undefined ? null : str(event.data.windowId),
          fromHour: params.fromHour,
          toHour: params.toHour,
        },
        eventIds: [event.id],
      },
    ];
  },
};
