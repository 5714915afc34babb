import { describe, expect, it } from 'vitest';
import { ckptClonedPlate as rule, haversineKm } from './ckpt-cloned-plate.ts';
import { HOUR } from './common.ts';
import type { CheckpointRef, PlatePassesInput } from './inputs.ts';
import { at, ev, only, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-05 12:00');
const A: CheckpointRef = { checkpointId: 'KK-HH', name: '呼和浩特西卡口', lat: 40.8424, lng: 111.749, eventId: 'ref-a' };
const B: CheckpointRef = { checkpointId: 'KK-BT', name: '包头东卡口', lat: 40.6574, lng: 109.8404, eventId: 'ref-b' };
const km = haversineKm(A, B);
const pass = (ms: number, c: CheckpointRef, color = 'blue', plate = '蒙A12345') => ({
  pass: ev('checkpoint.pass', ms, { checkpointId: c.checkpointId, plate, plateColor: color, lane: 1, speedKmh: 80 }, { unit: c === A ? '150102000000' : '150203000000' }),
  checkpoint: c as CheckpointRef | null,
});
const input = (passes: PlatePassesInput['passes']): PlatePassesInput => ({ plate: '蒙A12345', plateColor: 'blue', passes });
/** the second pass timed so that the leg needs exactly `speed` km/h */
const legAt = (speed: number) => t('2026-11-03 10:12') + Math.round((km / speed) * HOUR);

describe('CKPT_CLONED_PLATE', () => {
  it('measures great-circle distance', () => {
    // Hohhot to Baotou checkpoints: about 162 km in a straight line
    expect(km).toBeGreaterThan(160);
    expect(km).toBeLessThan(164);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111.195, 3);
  });

  it('fires orange for two checkpoints 162 km apart in 20 minutes, at the later pass’s unit', () => {
    const a = pass(t('2026-11-03 10:12'), A);
    const b = pass(t('2026-11-03 10:32'), B);
    const f = only(rule.evaluate(input([b, a]), p, now));
    expect(f.subject).toEqual({ kind: 'plate', id: '蒙A12345' });
    expect(f.level).toBe('orange');
    expect(f.unit).toBe('150203000000');
    expect(f.figures).toMatchObject({ fromCheckpoint: 'KK-HH', toCheckpoint: 'KK-BT', minutes: 20, distanceKm: Math.round(km * 100) / 100, plateColor: 'blue' });
    expect(f.figures.speedKmh).toBeCloseTo(km * 3, 0);
    expect(f.eventIds).toEqual([a.pass.id, b.pass.id]);
    expect(f.title).toMatch(/^蒙A12345（蓝牌）20分钟内先后经过相距16\d\.\d公里的呼和浩特西卡口（KK-HH）与包头东卡口（KK-BT），需时速\d+公里$/);
  });

  it('199.9 km/h does not fire, 200.1 km/h does', () => {
    const a = pass(t('2026-11-03 10:12'), A);
    expect(rule.evaluate(input([a, pass(legAt(199.9), B)]), p, now)).toEqual([]);
    expect(only(rule.evaluate(input([a, pass(legAt(200.1), B)]), p, now)).figures.speedKmh).toBe(200.1);
  });

  it('judges each consecutive leg', () => {
    const a = pass(t('2026-11-03 10:00'), A);
    const back = pass(t('2026-11-03 10:05'), A);
    const b = pass(t('2026-11-03 11:30'), B);
    // 10:00 A → 11:30 B is 108 km/h; the 10:05 pass at A makes the leg 10:05 → 11:30, 114 km/h: both fine
    expect(rule.evaluate(input([a, back, b]), p, now)).toEqual([]);
    expect(rule.evaluate(input([a, pass(t('2026-11-03 10:30'), B), b]), p, now)).toHaveLength(1);
  });

  it('ignores other colours, unknown checkpoints and repeat passes at one checkpoint; one second apart at least', () => {
    const a = pass(t('2026-11-03 10:12'), A);
    expect(rule.evaluate(input([a, pass(t('2026-11-03 10:20'), B, 'yellow')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([a, { ...pass(t('2026-11-03 10:20'), B), checkpoint: null }]), p, now)).toEqual([]);
    expect(rule.evaluate(input([a, pass(t('2026-11-03 10:12'), A)]), p, now)).toEqual([]);
    const same = only(rule.evaluate(input([a, pass(t('2026-11-03 10:12'), B)]), p, now));
    expect(same.figures.minutes).toBeCloseTo(1 / 60, 2);
  });
});
