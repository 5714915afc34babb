// ALC_CHAIN_TAMPERED 证据链被篡改: a stored step of a case no longer matches the leaf hash recorded when it
// arrived, or the case's chain no longer leads to the root recorded for it (in the chain head and in the
// audit log). The alcohol module recomputes the chain (on read and in its daily sweep) and hands the
// result here; the finding is always red.
import type { Rule } from '../rule.ts';

// rules.md gives this rule no numbers: nothing to configure
export type ChainTamperedParams = Record<string, never>;

export interface ChainTamperedInput {
  caseNo: string;
  /** the case's unit: the alert goes there */
  unit: string;
  /** steps in the chain now */
  size: number;
  /** base64 roots: recomputed from the stored steps, stored in the chain head, recorded in the audit log */
  recomputedRoot: string;
  storedRoot: string | null;
  auditedRoot: string | null;
  /** leaf indexes whose stored step no longer matches its leaf hash */
  altered: number[];
  /** the event ids of the altered steps (or of every step when the whole chain was rewritten) */
  eventIds: string[];
  ok: boolean;
}

const CODE = 'ALC_CHAIN_TAMPERED';

export const alcChainTampered: Rule<ChainTamperedInput, ChainTamperedParams> = {
  code: CODE,
  name: '证据链被篡改',
  subjectKind: 'case',
  trigger: 'time',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    if (input.ok) return [];
    const what = input.altered.length > 0 ? `第${input.altered.join('、')}步与存证哈希不符` : '证据链根与存证不符';
    return [
      {
        rule: CODE,
        subject: { kind: 'case', id: input.caseNo },
        level: 'red',
        unit: input.unit,
        title: `案件${input.caseNo}证据链被篡改：${what}`,
        figures: {
          size: input.size,
          altered: input.altered.join(','),
          recomputedRoot: input.recomputedRoot,
          storedRoot: input.storedRoot,
          auditedRoot: input.auditedRoot,
        },
        eventIds: [...new Set(input.eventIds)].sort(),
      },
    ];
  },
};
