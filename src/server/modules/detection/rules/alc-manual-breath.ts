// ALC_MANUAL_BREATH 呼气值手工录入: a breath value typed in by hand, or read from a breathalyzer whose
// calibration had expired on the day of the test, is weak evidence and easy to bend.
import type { Rule } from '../rule.ts';
import { type AlcoholCaseInput, type BreathStep, caseFinding, foldCase, idsOf, shanghaiDate } from './alcohol-case.ts';

// rules.md gives this rule no numbers: nothing to configure
export type ManualBreathParams = Record<string, never>;

const CODE = 'ALC_MANUAL_BREATH';

interface Flagged {
  test: BreathStep;
  manual: boolean;
  expired: boolean;
  calibratedUntil: string | null;
}

export const alcManualBreath: Rule<AlcoholCaseInput, ManualBreathParams> = {
  code: CODE,
  name: '呼气值手工录入',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    const view = foldCase(input);
    const flagged: Flagged[] = [];
    for (const test of view.breathTests) {
      // "a breath value": a refusal has none
      if (test.value === null) continue;
      const device = test.deviceId === null ? undefined : input.devices[test.deviceId];
      const calibratedUntil = device?.calibratedUntil ?? null;
      // valid through calibratedUntil, a calendar day in Asia/Shanghai; a breathalyzer on file with no date
      // has nothing to show for its calibration. A device not (yet) on file is not judged: reference data
      // may arrive after the test, and the rule runs again when it does.
      const expired =
        device !== undefined &&
        (calibratedUntil !== null ? shanghaiDate(test.at) > calibratedUntil : device.kind === 'breathalyzer');
      const manual = test.source === 'manual';
      if (manual || expired) flagged.push({ test, manual, expired, calibratedUntil });
    }
    if (flagged.length === 0) return [];
    const { test, manual, expired, calibratedUntil } = flagged[0];
    const title = manual && expired
      ? `呼气值${test.value}为手工录入，且酒精检测仪${test.deviceId}检定已过期`
      : manual
        ? `呼气值${test.value}为手工录入`
        : `酒精检测仪${test.deviceId}检定已过期（有效期至${calibratedUntil ?? '无记录'}）`;
    return [
      caseFinding(CODE, view, {
        level: 'yellow',
        title,
        figures: {
          breath: test.value,
          source: test.source,
          deviceId: test.deviceId,
          calibratedUntil,
          testDate: shanghaiDate(test.at),
          manual,
          expired,
          tests: flagged.length,
        },
        eventIds: idsOf(...flagged.map((f) => f.test)),
      }),
    ];
  },
};
