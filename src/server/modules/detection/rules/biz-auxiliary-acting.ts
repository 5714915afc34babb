// BIZ_AUXILIARY_ACTING 辅警违规办理: an auxiliary officer or a contractor performing business that only a
// police officer may do. A person missing from the reference data is not judged: the rule is about the
// kind of person, and guessing it would accuse officers whose record has not arrived yet.
import type { Rule } from '../rule.ts';
import { businessZh, listParam, localDateTime, personZh, str } from './common.ts';
import type { StaffEventInput } from './inputs.ts';

export type BizAuxiliaryActingParams = {
  /** vehicle.business bizTypes reserved to police officers, comma-separated */
  policeOnlyBizTypes: string;
  violationProcessingPoliceOnly: boolean;
};

export const bizAuxiliaryActing: Rule<StaffEventInput, BizAuxiliaryActingParams> = {
  code: 'BIZ_AUXILIARY_ACTING',
  name: '辅警违规办理',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: { policeOnlyBizTypes: 'archive_correction,deregister', violationProcessingPoliceOnly: true },
  paramLabels: {
    policeOnlyBizTypes: '须由民警办理的机动车业务类型（逗号分隔）',
    violationProcessingPoliceOnly: '违法处理须由民警办理',
  },
  evaluate(input, params) {
    const { event, actor } = input;
    if (!event.actor || !actor || actor.kind === 'police') return [];
    const reserved =
      (event.type === 'vehicle.business' && listParam(params.policeOnlyBizTypes).has(str(event.data.bizType))) ||
      (event.type === 'violation.processed' && params.violationProcessingPoliceOnly && str(event.data.channel) !== 'online');
    if (!reserved) return [];
    return [
      {
        rule: 'BIZ_AUXILIARY_ACTING',
        subject: { kind: 'staff', id: event.actor },
        level: 'orange',
        unit: event.unit,
        title: `${personZh(event.actor, actor)}于${localDateTime(event.at)}办理须由民警办理的${businessZh(event)}`,
        figures: {
          personKind: actor.kind,
          eventType: event.type,
          bizType: event.data.bizType === undefined ? null : str(event.data.bizType),
          at: localDateTime(event.at),
          windowId: event.data.windowId === undefined ? null : str(event.data.windowId),
        },
        eventIds: [event.id, actor.eventId],
      },
    ];
  },
};
