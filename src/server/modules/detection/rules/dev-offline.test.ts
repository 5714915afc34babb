import { describe, expect, it } from 'vitest';
import { devOffline } from './dev-offline.ts';
import type { DeviceStatusInput } from './inputs.ts';
import { at, ev, only } from './testing.ts';

const p = devOffline.defaults;
const status = (time: string, s: string, deviceId = 'SXT-R1') => ev('device.status', time, { deviceId, status: s });
const input = (events: DeviceStatusInput['events'], over: Partial<DeviceStatusInput> = {}): DeviceStatusInput => ({
  deviceId: 'SXT-R1',
  kind: 'camera',
  evidenceRoomCamera: false,
  events,
  ...over,
});

describe('DEV_OFFLINE', () => {
  it('fires orange for an evidence-room camera out for hours, with the outage figures', () => {
    const off = status('2026-11-01 01:20', 'offline');
    const on = status('2026-11-01 04:05', 'online');
    const f = only(devOffline.evaluate(input([on, off], { evidenceRoomCamera: true }), p, at('2026-11-01 09:00')));
    expect(f.subject).toEqual({ kind: 'device', id: 'SXT-R1' });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ minutesOut: 165, since: '2026-11-01 01:20', backOnlineAt: '2026-11-01 04:05', status: 'offline' });
    expect(f.eventIds).toEqual([off.id, on.id]);
    expect(f.title).toBe('物证室摄像机SXT-R1离线2小时45分后恢复（超过15分钟）');
  });

  it('is yellow for other devices; back at 14:59 does not fire, back at 15:00 does', () => {
    const off = status('2026-11-01 14:00:00', 'abnormal_image');
    const early = devOffline.evaluate(input([off, status('2026-11-01 14:14:59', 'online')]), p, at('2026-11-01 18:00'));
    expect(early).toEqual([]);
    const f = only(devOffline.evaluate(input([off, status('2026-11-01 14:15:00', 'online')]), p, at('2026-11-01 18:00')));
    expect(f.level).toBe('yellow');
    expect(f.figures.minutesOut).toBe(15);
    expect(f.figures.status).toBe('abnormal_image');
  });

  it('fires on the clock alone when no online comes: not at 14:59, at 15:00', () => {
    const ev1 = status('2026-11-01 16:00', 'offline');
    const inp = input([ev1], { deviceId: 'BA-01', kind: 'breathalyzer' });
    expect(devOffline.evaluate(inp, p, at('2026-11-01 16:14:59'))).toEqual([]);
    const f = only(devOffline.evaluate(inp, p, at('2026-11-01 16:15')));
    expect(f.figures).toMatchObject({ backOnlineAt: null, minutesOut: 15 });
    expect(f.title).toBe('酒精检测仪BA-01离线已15分钟未恢复');
  });

  it('treats repeated bad reports as one outage and ignores exam terminals', () => {
    const evs = [status('2026-11-01 09:00', 'offline'), status('2026-11-01 09:10', 'abnormal_image'), status('2026-11-01 09:40', 'online')];
    const f = only(devOffline.evaluate(input(evs), p, at('2026-11-01 10:00')));
    expect(f.figures.status).toBe('offline,abnormal_image');
    expect(f.figures.minutesOut).toBe(40);
    expect(devOffline.evaluate(input(evs, { kind: 'exam_terminal' }), p, at('2026-11-01 10:00'))).toEqual([]);
  });

  it('honours a changed limit and ignores reports after now', () => {
    const evs = [status('2026-11-01 09:00', 'offline'), status('2026-11-01 09:20', 'online')];
    expect(devOffline.evaluate(input(evs), { offlineMinutes: 30 }, at('2026-11-01 10:00'))).toEqual([]);
    expect(devOffline.evaluate(input(evs), p, at('2026-11-01 08:00'))).toEqual([]);
  });
});
