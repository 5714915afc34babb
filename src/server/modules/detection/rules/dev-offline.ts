// DEV_OFFLINE 设备离线/画面异常: a camera or breathalyzer reports offline or a bad picture and is not back
// online within the grace period. An outage is one episode from the first bad report after an `online`
// to the next `online` (repeated bad reports inside it are the same outage, not new ones), so a device
// that keeps sending "offline" every minute raises one finding per outage.
import type { Finding, Level, Rule, RuleEvent } from '../rule.ts';
import { MINUTE, chronological, durationZh, localDateTime, round, str } from './common.ts';
import type { DeviceStatusInput } from './inputs.ts';

export type DevOfflineParams = {
  offlineMinutes: number;
};

const statusZh: Record<string, string> = { offline: '离线', abnormal_image: '画面异常' };
const kindZh: Record<string, string> = { camera: '摄像机', breathalyzer: '酒精检测仪' };

export const devOffline: Rule<DeviceStatusInput, DevOfflineParams> = {
  code: 'DEV_OFFLINE',
  name: '设备离线/画面异常',
  subjectKind: 'device',
  trigger: 'time',
  defaults: { offlineMinutes: 15 },
  paramLabels: { offlineMinutes: '离线或画面异常后须恢复在线的时限（分钟）' },
  evaluate(input, params, now) {
    // rules.md names cameras and breathalyzers; a device not yet in the reference data is judged too,
    // since an unregistered device going dark is no reason for silence
    if (input.kind === 'exam_terminal') return [];
    const nowMs = now.getTime();
    const limit = params.offlineMinutes * MINUTE;
    const level: Level = input.evidenceRoomCamera ? 'orange' : 'yellow';
    const what = input.evidenceRoomCamera ? '物证室摄像机' : (kindZh[input.kind ?? ''] ?? '设备');
    const out: Finding[] = [];

    const close = (episode: RuleEvent[], back: RuleEvent | null): void => {
      const start = episode[0].at;
      const end = back ? back.at : nowMs;
      const lasted = end - start;
      // "within 15 minutes" means before the 15th minute is over: the engine's timer at start + 15 min
      // must see the outage, so exactly 15 minutes counts as not back in time
      if (lasted < limit) return;
      const statuses = [...new Set(episode.map((e) => str(e.data.status)))];
      const state = statuses.map((s) => statusZh[s] ?? s).join('/');
      out.push({
        rule: 'DEV_OFFLINE',
        subject: { kind: 'device', id: input.deviceId },
        level,
        unit: episode[0].unit,
        title: back
          ? `${what}${input.deviceId}${state}${durationZh(lasted)}后恢复（超过${params.offlineMinutes}分钟）`
          : `${what}${input.deviceId}${state}已${durationZh(lasted)}未恢复`,
        figures: {
          status: statuses.join(','),
          since: localDateTime(start),
          backOnlineAt: back ? localDateTime(back.at) : null,
          minutesOut: round(lasted / MINUTE, 1),
          limitMinutes: params.offlineMinutes,
          evidenceRoomCamera: input.evidenceRoomCamera,
          deviceKind: input.kind,
        },
        eventIds: [...episode.map((e) => e.id), ...(back ? [back.id] : [])],
      });
    };

    let episode: RuleEvent[] | null = null;
    for (const e of chronological(input.events)) {
      if (e.at > nowMs) break;
      const status = str(e.data.status);
      if (status === 'online') {
        if (episode) close(episode, e);
        episode = null;
      } else if (status === 'offline' || status === 'abnormal_image') {
        (episode ??= []).push(e);
      }
    }
    if (episode) close(episode, null);
    return out;
  },
};
