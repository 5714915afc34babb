// SEC_SENSITIVE_SUBJECT 敏感对象查询: any look-up of a subject on the sensitive list. The title shows the
// subject masked, as titles travel into lists, reports and notifications; the full value stays in the
// figures and the query event for the reviewer.
import type { Rule } from '../rule.ts';
import { localDateTime, str } from './common.ts';
import type { SensitiveQueryInput } from './inputs.ts';

export type SecSensitiveSubjectParams = Record<string, never>;

const queryKindZh: Record<string, string> = { person: '人员', vehicle: '车辆', license: '驾驶证', violation: '违法' };

/** 150102********002X / 蒙A***45: enough to tell two subjects apart, not enough to use */
export function maskSubject(s: string): string {
  if (s.length >= 15) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  if (s.length > 4) return `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`;
  return '*'.repeat(s.length);
}

export const secSensitiveSubject: Rule<SensitiveQueryInput, SecSensitiveSubjectParams> = {
  code: 'SEC_SENSITIVE_SUBJECT',
  name: '敏感对象查询',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    const { query, sensitive } = input;
    const subject = str(query.data.subject);
    if (query.type !== 'system.query' || !query.actor || !sensitive?.active || sensitive.subject !== subject) return [];
    const linked = str(query.data.linkedBizNo).trim();
    return [
      {
        rule: 'SEC_SENSITIVE_SUBJECT',
        subject: { kind: 'staff', id: query.actor },
        level: 'orange',
        unit: query.unit,
        title: `${query.actor}于${localDateTime(query.at)}查询敏感对象${maskSubject(subject)}（${queryKindZh[str(query.data.queryKind)] ?? str(query.data.queryKind)}查询，${linked ? `关联业务${linked}` : '无关联业务'}）`,
        figures: {
          queriedSubject: subject,
          queryKind: str(query.data.queryKind),
          linkedBizNo: linked || null,
          terminalIp: str(query.data.terminalIp),
          at: localDateTime(query.at),
        },
        eventIds: [query.id, sensitive.eventId],
      },
    ];
  },
};
