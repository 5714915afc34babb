// ALC_KEY_PERSON 重点人员涉酒: a case whose driver carries a key-person tag (a suspected official or business
// owner: the drivers most able to lean on a case). The engine also raises every other alert of the case by
// one level; it reads the tag list from this rule's parameters through keyPersonTags.
import type { Rule } from '../rule.ts';
import { type AlcoholCaseInput, caseFinding, foldCase, idsOf, listParam } from './alcohol-case.ts';

export type KeyPersonParams = {
  /** comma-separated tags (parameters are scalars so that each change is one versioned value) */
  tags: string;
};

export const KEY_PERSON_TAGS = ['suspected_official', 'suspected_business_owner'] as const;

/** Chinese names of the known tags, for titles; an unknown tag is shown as it is */
export const keyPersonTagNames: Record<string, string> = {
  suspected_official: '疑似公职人员',
  suspected_business_owner: '疑似企业老板',
};

/** the key-person tags in force under these parameters */
export function keyPersonTags(params: KeyPersonParams): string[] {
  return listParam(params.tags);
}

const CODE = 'ALC_KEY_PERSON';

export const alcKeyPerson: Rule<AlcoholCaseInput, KeyPersonParams> = {
  code: CODE,
  name: '重点人员涉酒',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: { tags: KEY_PERSON_TAGS.join(',') },
  paramLabels: { tags: '重点人标签（逗号分隔），命中时本案其他预警同时升高一级' },
  evaluate(input, p) {
    const view = foldCase(input);
    const opened = view.opened;
    if (opened === null) return [];
    const wanted = new Set(keyPersonTags(p));
    // sorted so that the order the source system listed the tags in does not change the finding
    const hits = [...new Set(opened.tags.filter((t) => wanted.has(t)))].sort();
    if (hits.length === 0) return [];
    const names = hits.map((t) => keyPersonTagNames[t] ?? t).join('、');
    return [
      caseFinding(CODE, view, {
        level: 'yellow',
        title: `重点人员涉酒：${names}`,
        figures: { tags: hits.join(','), tagNames: names, driverName: opened.driverName, plate: opened.plate },
        eventIds: idsOf(opened),
      }),
    ];
  },
};
