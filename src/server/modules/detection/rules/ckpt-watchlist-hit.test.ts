import { describe, expect, it } from 'vitest';
import { ckptWatchlistHit as rule } from './ckpt-watchlist-hit.ts';
import type { WatchlistRef } from './inputs.ts';
import { at, ev, only } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-05 12:00');
const pass = (plate = '蒙K12345') => ev('checkpoint.pass', '2026-11-03 14:07', { checkpointId: 'KK1', plate, plateColor: 'blue', lane: 2, speedKmh: 63 }, { unit: '150402000000' });
const watch = (reason: string, active = true): WatchlistRef => ({ plate: '蒙K12345', reason, active, eventId: 'ref-watch-1' });
const checkpoint = { checkpointId: 'KK1', name: '赤峰南收费站卡口', lat: 42.2, lng: 118.9, eventId: 'ref-kk1' };

describe('CKPT_WATCHLIST_HIT', () => {
  it('fires red for a hit-and-run suspect, at the checkpoint’s unit', () => {
    const x = pass();
    const f = only(rule.evaluate({ pass: x, watch: watch('hit_and_run'), checkpoint }, p, now));
    expect(f.subject).toEqual({ kind: 'plate', id: '蒙K12345' });
    expect(f.level).toBe('red');
    expect(f.unit).toBe('150402000000');
    expect(f.figures).toMatchObject({ reason: 'hit_and_run', checkpointId: 'KK1', checkpointName: '赤峰南收费站卡口', lane: '2', speedKmh: 63, plateColor: 'blue' });
    expect(f.eventIds).toEqual([x.id, 'ref-watch-1']);
    expect(f.title).toBe('布控车辆蒙K12345（肇事逃逸）于2026-11-03 14:07经过赤峰南收费站卡口（KK1）');
  });

  it('is red for fake plates and orange for the other reasons', () => {
    expect(only(rule.evaluate({ pass: pass(), watch: watch('fake_plate'), checkpoint: null }, p, now)).level).toBe('red');
    for (const reason of ['overdue_scrap', 'overdue_inspection', 'other']) {
      expect(only(rule.evaluate({ pass: pass(), watch: watch(reason), checkpoint: null }, p, now)).level).toBe('orange');
    }
  });

  it('does not fire for an inactive entry, an unlisted plate or another plate', () => {
    expect(rule.evaluate({ pass: pass(), watch: watch('hit_and_run', false), checkpoint }, p, now)).toEqual([]);
    expect(rule.evaluate({ pass: pass(), watch: null, checkpoint }, p, now)).toEqual([]);
    expect(rule.evaluate({ pass: pass('蒙K54321'), watch: watch('hit_and_run'), checkpoint }, p, now)).toEqual([]);
  });
});
