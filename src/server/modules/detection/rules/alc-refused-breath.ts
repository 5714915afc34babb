// ALC_REFUSED_BREATH 拒绝呼气式检测: a refusal is a key event in itself (it moves the case to a blood draw
// and is a common way to buy time), so every refusal is reported for the record, at the lowest level.
import type { Rule } from '../rule.ts';
import { type AlcoholCaseInput, caseFinding, foldCase, idsOf } from './alcohol-case.ts';

// rules.md gives this rule no numbers: nothing to configure
export type RefusedBreathParams = Record<string, never>;

const CODE = 'ALC_REFUSED_BREATH';

export const alcRefusedBreath: Rule<AlcoholCaseInput, RefusedBreathParams> = {
  code: CODE,
  name: '拒绝呼气式检测',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    const view = foldCase(input);
    const refusals = view.breathTests.filter((b) => b.refused);
    if (refusals.length === 0) return [];
    const first = refusals[0];
    // a later test with a value does not undo the refusal, but the reviewer should see it
    const later = view.breathTests.find((b) => b.value !== null && b.at >= first.at) ?? null;
    return [
      caseFinding(CODE, view, {
        level: 'blue',
        title: '驾驶人拒绝呼气式检测',
        figures: { refusals: refusals.length, deviceId: first.deviceId, laterBreath: later?.value ?? null },
        eventIds: idsOf(...refusals),
      }),
    ];
  },
};
