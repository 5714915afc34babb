import { describe, expect, it } from 'vitest';
import type { PersonRef } from './inputs.ts';
import { secPrivilegeGrant as rule } from './sec-privilege-grant.ts';
import { at, ev, only, person } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-05 12:00');
const grant = (role: string, granted = true) => ev('system.grant', '2026-11-03 09:12', { userNo: 'G1', role, granted }, { actor: 'A1', unit: '150100000000' });
const run = (role: string, grantee: PersonRef | null, granted = true) => rule.evaluate({ grant: grant(role, granted), grantee }, p, now);

describe('SEC_PRIVILEGE_GRANT', () => {
  it('fires orange for the sysadmin role granted to an auxiliary officer', () => {
    const aux = person('G1', 'auxiliary', { name: '冯二' });
    const g = grant('sysadmin');
    const f = only(rule.evaluate({ grant: g, grantee: aux }, p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'G1' });
    expect(f.level).toBe('orange');
    expect(f.unit).toBe('150100000000');
    expect(f.figures).toMatchObject({ role: 'sysadmin', granteeKind: 'auxiliary', confidentialitySigned: true, policeOnlyRole: true, granter: 'A1' });
    expect(f.eventIds).toEqual([g.id, aux.eventId]);
    expect(f.title).toBe('A1于2026-11-03 09:12将sysadmin角色授予辅警冯二（G1）：辅警不得担任该角色');
  });

  it('fires for the approval role to a contractor and for any role without an agreement', () => {
    expect(run('approver', person('G1', 'contractor'))).toHaveLength(1);
    const f = only(run('reviewer', person('G1', 'police', { confidentialitySigned: false })));
    expect(f.title).toContain('被授权人未签订保密协议');
  });

  it('does not fire for a police sysadmin, an ordinary role to a signed auxiliary, a revocation or an unknown grantee', () => {
    expect(run('sysadmin', person('G1', 'police'))).toEqual([]);
    expect(run('window_clerk', person('G1', 'auxiliary'))).toEqual([]);
    expect(run('sysadmin', person('G1', 'auxiliary'), false)).toEqual([]);
    expect(run('sysadmin', null)).toEqual([]);
  });
});
