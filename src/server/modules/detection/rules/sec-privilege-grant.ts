// SEC_PRIVILEGE_GRANT 违规授权: a system-administration or approval role granted to someone who is not a
// police officer, or any role granted to someone without a signed confidentiality agreement. Revocations
// are never findings. A grantee unknown to the reference data cannot be judged (kind and agreement are
// what the rule is about), so the engine re-evaluates when the person's record arrives.
import type { Rule } from '../rule.ts';
import { listParam, localDateTime, personKindZh, personZh, str } from './common.ts';
import type { GrantInput } from './inputs.ts';

export type SecPrivilegeGrantParams = {
  /** roles that only police officers may hold, comma-separated */
  policeOnlyRoles: string;
};

export const secPrivilegeGrant: Rule<GrantInput, SecPrivilegeGrantParams> = {
  code: 'SEC_PRIVILEGE_GRANT',
  name: '违规授权',
  subjectKind: 'staff',
  trigger: 'arrival',
  defaults: { policeOnlyRoles: 'sysadmin,approver' },
  paramLabels: { policeOnlyRoles: '只能授予民警的角色（系统管理、审批，逗号分隔）' },
  evaluate(input, params) {
    const { grant, grantee } = input;
    if (grant.type !== 'system.grant' || grant.data.granted !== true || !grantee) return [];
    const role = str(grant.data.role);
    const notPolice = listParam(params.policeOnlyRoles).has(role) && grantee.kind !== 'police';
    const unsigned = !grantee.confidentialitySigned;
    if (!notPolice && !unsigned) return [];
    const reasons = [
      notPolice ? `${personKindZh[grantee.kind] ?? grantee.kind}不得担任该角色` : null,
      unsigned ? '被授权人未签订保密协议' : null,
    ].filter((s): s is string => s !== null);
    return [
      {
        rule: 'SEC_PRIVILEGE_GRANT',
        subject: { kind: 'staff', id: grantee.personNo },
        level: 'orange',
        unit: grant.unit,
        title: `${grant.actor ?? '未知授权人'}于${localDateTime(grant.at)}将${role}角色授予${personZh(grantee.personNo, grantee)}：${reasons.join('，')}`,
        figures: {
          role,
          granteeKind: grantee.kind,
          confidentialitySigned: grantee.confidentialitySigned,
          policeOnlyRole: listParam(params.policeOnlyRoles).has(role),
          granter: grant.actor,
          at: localDateTime(grant.at),
        },
        eventIds: [grant.id, grantee.eventId],
      },
    ];
  },
};
