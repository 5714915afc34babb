// AV_EARLY_DELETE 音视频提前删除: a recording deleted before its retention period ends. Periods run on the
// local calendar from the recording's time (3 years from 2026-11-03 10:40 ends 2029-11-03 10:40), so a
// deletion at that very moment is on time and one a second earlier is not.
import type { Rule } from '../rule.ts';
import { addLocalMonths, durationZh, localDate, localDateTime, str } from './common.ts';
import type { AvDeleteInput } from './inputs.ts';

export type AvEarlyDeleteParams = {
  retentionYears: number;
  bodycamRetentionMonths: number;
};

const kindZh: Record<string, string> = { exam: '考试', inspection: '检验', bodycam: '执法记录仪', education: '教育学习' };

export const avEarlyDelete: Rule<AvDeleteInput, AvEarlyDeleteParams> = {
  code: 'AV_EARLY_DELETE',
  name: '音视频提前删除',
  subjectKind: 'record',
  trigger: 'arrival',
  defaults: { retentionYears: 3, bodycamRetentionMonths: 3 },
  paramLabels: {
    retentionYears: '考试、检验、教育学习音视频保存期（年）',
    bodycamRetentionMonths: '执法记录仪音视频保存期（月）',
  },
  evaluate(input, params) {
    const { deleted, recorded } = input;
    if (!recorded) return [];
    const kind = str(recorded.data.kind);
    if (!(kind in kindZh)) return [];
    const months = kind === 'bodycam' ? params.bodycamRetentionMonths : params.retentionYears * 12;
    const keepUntil = addLocalMonths(recorded.at, months);
    if (deleted.at >= keepUntil) return [];
    const recordId = str(deleted.data.recordId);
    const retention = kind === 'bodycam' ? `${params.bodycamRetentionMonths}个月` : `${params.retentionYears}年`;
    const kept = Math.max(0, deleted.at - recorded.at);
    return [
      {
        rule: 'AV_EARLY_DELETE',
        subject: { kind: 'record', id: recordId },
        level: 'red',
        unit: deleted.unit,
        title: `${kindZh[kind]}音视频${recordId}（${str(recorded.data.subjectRef)}）录制${durationZh(kept) || '不足1分钟'}后被删除，保存期${retention}，应保存至${localDate(keepUntil)}`,
        figures: {
          recordKind: kind,
          subjectRef: str(recorded.data.subjectRef),
          siteId: str(recorded.data.siteId),
          recordedAt: localDateTime(recorded.at),
          deletedAt: localDateTime(deleted.at),
          daysKept: Math.floor(kept / 86_400_000),
          retention,
          keepUntil: localDateTime(keepUntil),
        },
        eventIds: [recorded.id, deleted.id],
      },
    ];
  },
};
