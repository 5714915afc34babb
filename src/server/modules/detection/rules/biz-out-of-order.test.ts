import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../rule.ts';
import { bizOutOfOrder as rule } from './biz-out-of-order.ts';
import type { OutOfOrderInput, ViolationOnRecord } from './inputs.ts';
import { at, ev, only, t } from './testing.ts';

const LICENCE = '150502198203031239';
const PLATE = '蒙G12345';
const p = rule.defaults;
const now = at('2026-12-01 12:00');

const violation = (no: string, time: string, points: number, processedAt: string | null = null): ViolationOnRecord => ({
  recorded: ev('violation.recorded', time, { violationNo: no, plate: PLATE, ownerIdNo: LICENCE, code: 'X', points, fine: 200 }),
  codePoints: points,
  processedAt: processedAt === null ? null : t(processedAt),
});
const processing = (no: string, time: string, points: number, plate = PLATE): RuleEvent =>
  ev('violation.processed', time, { violationNo: no, plate, licenseIdNo: LICENCE, pointsApplied: points, windowId: 'W1', channel: 'window' }, { actor: 'C1' });

function input(older: ViolationOnRecord[], ownPoints = 6, history: RuleEvent[] = []): OutOfOrderInput {
  const self = violation('V2', '2026-11-02 19:20', ownPoints);
  const processed = processing('V2', '2026-11-04 10:15', ownPoints);
  return { processed, violations: [...older, { ...self, processedAt: processed.at }], licenceProcessings: [...history, processed] };
}

describe('BIZ_OUT_OF_ORDER', () => {
  it('fires when the newer 6 points go first and the older 6 would make 12', () => {
    const older = violation('V1', '2026-11-01 08:40', 6);
    const inp = input([older]);
    const f = only(rule.evaluate(inp, p, now));
    expect(f.subject).toEqual({ kind: 'violation', id: 'V2' });
    expect(f.level).toBe('yellow');
    expect(f.figures).toMatchObject({ pointsBefore: 0, pointsThis: 6, pointsOlder: 6, total: 12, olderViolations: 'V1' });
    expect(f.eventIds).toEqual([inp.processed.id, inp.violations[1].recorded.id, older.recorded.id]);
  });

  it('does not fire at 11 points, fires once the licence already carries 1', () => {
    const older = violation('V1', '2026-11-01 08:40', 6);
    expect(rule.evaluate(input([older], 5), p, now)).toEqual([]);
    const f = only(rule.evaluate(input([older], 5, [processing('V0', '2026-03-01 10:00', 1, '蒙G99999')]), p, now));
    expect(f.figures).toMatchObject({ pointsBefore: 1, total: 12 });
  });

  it('counts only points of the 365 days before the processing', () => {
    const older = violation('V1', '2026-11-01 08:40', 6);
    const old = processing('V0', '2025-11-04 10:14:59', 1, '蒙G99999');
    expect(rule.evaluate(input([older], 5, [old]), p, now)).toEqual([]);
    const inside = processing('V0', '2025-11-04 10:15:00', 1, '蒙G99999');
    expect(rule.evaluate(input([older], 5, [inside]), p, now)).toHaveLength(1);
  });

  it('is in order when the older one was processed first (or in the same moment), and not when after', () => {
    expect(rule.evaluate(input([violation('V1', '2026-11-01 08:40', 6, '2026-11-03 09:00')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([violation('V1', '2026-11-01 08:40', 6, '2026-11-04 10:15')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([violation('V1', '2026-11-01 08:40', 6, '2026-11-04 10:16')]), p, now)).toHaveLength(1);
  });

  it('does not fire for a newer waiting violation, nor without the record of the processed one', () => {
    expect(rule.evaluate(input([violation('V3', '2026-11-03 08:40', 6)]), p, now)).toEqual([]);
    const inp = input([violation('V1', '2026-11-01 08:40', 6)]);
    expect(rule.evaluate({ ...inp, violations: inp.violations.slice(0, 1) }, p, now)).toEqual([]);
  });
});
