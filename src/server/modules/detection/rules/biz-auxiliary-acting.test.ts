import { describe, expect, it } from 'vitest';
import { bizAuxiliaryActing as rule } from './biz-auxiliary-acting.ts';
import type { PersonRef } from './inputs.ts';
import { at, ev, only, person } from './testing.ts';

const p = rule.defaults;
const now = at('2026-12-01 12:00');
const vehicle = (bizType: string) =>
  ev('vehicle.business', '2026-11-03 10:20', { bizNo: 'B1', bizType, plate: '蒙A12345', vin: 'LSVAU2180N2183294', ownerIdNo: 'O1', windowId: 'W1' }, { actor: 'F1' });
const processed = (channel: string) =>
  ev('violation.processed', '2026-11-03 14:40', { violationNo: 'V1', plate: '蒙A12345', licenseIdNo: 'L', pointsApplied: 1, channel, windowId: 'W1' }, { actor: 'F1' });
const run = (event: ReturnType<typeof vehicle>, actor: PersonRef | null) => rule.evaluate({ event, actor }, p, now);

describe('BIZ_AUXILIARY_ACTING', () => {
  it('fires orange for an auxiliary officer doing an archive correction', () => {
    const aux = person('F1', 'auxiliary', { name: '王五' });
    const e = vehicle('archive_correction');
    const f = only(run(e, aux));
    expect(f.subject).toEqual({ kind: 'staff', id: 'F1' });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ personKind: 'auxiliary', bizType: 'archive_correction' });
    expect(f.eventIds).toEqual([e.id, aux.eventId]);
    expect(f.title).toBe('辅警王五（F1）于2026-11-03 10:20办理须由民警办理的机动车业务（档案更正）');
  });

  it('fires for a contractor deregistering and for an auxiliary processing a violation', () => {
    expect(run(vehicle('deregister'), person('F1', 'contractor'))).toHaveLength(1);
    expect(run(processed('window'), person('F1', 'auxiliary'))).toHaveLength(1);
  });

  it('does not fire for a police officer, for ordinary business, or for an unknown person', () => {
    expect(run(vehicle('archive_correction'), person('F1', 'police'))).toEqual([]);
    expect(run(vehicle('transfer'), person('F1', 'auxiliary'))).toEqual([]);
    expect(run(vehicle('archive_correction'), null)).toEqual([]);
  });

  it('follows its parameters', () => {
    const aux = person('F1', 'auxiliary');
    expect(rule.evaluate({ event: processed('window'), actor: aux }, { ...p, violationProcessingPoliceOnly: false }, now)).toEqual([]);
    expect(rule.evaluate({ event: vehicle('transfer'), actor: aux }, { ...p, policeOnlyBizTypes: 'transfer, deregister' }, now)).toHaveLength(1);
  });
});
