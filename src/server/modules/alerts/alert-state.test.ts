import { describe, expect, it } from 'vitest';
import { ACTIONS, allowedActions, decide, defaultRejectTarget, nextStatus, reviewUnitOf, type Standing } from './alert-state.ts';

const none: Standing = { canAct: true, conflict: false, handler: false, reviewer: false, upper: false };

describe('alert state machine', () => {
  it('refuses in a fixed order: scope, conflict of interest, who, then state', () => {
    const facts = { status: 'closed' as const, rectified: false };
    expect(decide('sign', facts, { ...none, canAct: false, handler: true })).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/处置权限/) });
    expect(decide('sign', facts, { ...none, handler: true, conflict: true })).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/回避/) });
    expect(decide('approve', facts, { ...none, handler: true })).toMatchObject({ ok: false, status: 403 });
    expect(decide('sign', facts, { ...none, handler: true })).toMatchObject({ ok: false, status: 409, reason: expect.stringMatching(/已办结/) });
  });

  it('submit needs a recorded rectification', () => {
    const h = { ...none, handler: true };
    expect(decide('submit', { status: 'rectifying', rectified: false }, h)).toMatchObject({ ok: false, status: 409 });
    expect(decide('submit', { status: 'rectifying', rectified: true }, h)).toEqual({ ok: true });
  });

  it('allowedActions is exactly what decide allows', () => {
    for (const status of ['new', 'verifying', 'rectifying', 'reviewing', 'closed'] as const) {
      for (const s of [none, { ...none, handler: true }, { ...none, reviewer: true, upper: true }, { ...none, upper: true }]) {
        const facts = { status, rectified: true };
        expect(allowedActions(facts, s)).toEqual(ACTIONS.filter((a) => decide(a, facts, s).ok));
      }
    }
  });

  it('leads each step to the next state; reject goes back to the step that was wrong', () => {
    expect(nextStatus('verify', { finding: 'substantiated' })).toBe('rectifying');
    expect(nextStatus('verify', { finding: 'unsubstantiated' })).toBe('reviewing');
    expect(nextStatus('comment')).toBeNull();
    expect(defaultRejectTarget('substantiated')).toBe('rectifying');
    expect(defaultRejectTarget('unsubstantiated')).toBe('verifying');
  });

  it('reviews at the unit above; red needs the city; the top reviews itself', () => {
    const squad = [
      { code: 'S', level: 'squad' },
      { code: 'C', level: 'county' },
      { code: 'Y', level: 'city' },
      { code: 'P', level: 'province' },
    ];
    expect(reviewUnitOf(squad, 'orange')).toBe('C');
    expect(reviewUnitOf(squad, 'red')).toBe('Y');
    expect(reviewUnitOf(squad.slice(1), 'red')).toBe('Y');
    expect(reviewUnitOf(squad.slice(2), 'red')).toBe('P');
    expect(reviewUnitOf(squad.slice(3), 'red')).toBe('P');
  });
});
