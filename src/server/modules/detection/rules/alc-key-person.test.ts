import { describe, expect, it } from 'vitest';
import { alcKeyPerson as rule, KEY_PERSON_TAGS, keyPersonTags } from './alc-key-person.ts';
import { buildCase, CASE_NO, checkOrderIndependence, LATER, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec, params = rule.defaults) => rule.evaluate(buildCase(spec), params, LATER);

describe('ALC_KEY_PERSON', () => {
  it('fires yellow when the driver is tagged a suspected official', () => {
    const input = buildCase({ tags: ['suspected_official'] });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_KEY_PERSON');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('重点人员涉酒：疑似公职人员');
    expect(f.figures).toEqual({ tags: 'suspected_official', tagNames: '疑似公职人员', driverName: '张伟', plate: '蒙A3K921' });
    expect(f.eventIds).toEqual([input.events.find((e) => e.type === 'alcohol.case_opened')!.id]);
  });

  it('lists both tags, in a fixed order whatever order they came in', () => {
    const a = run({ tags: ['suspected_official', 'suspected_business_owner'] });
    const b = run({ tags: ['suspected_business_owner', 'repeat_offender', 'suspected_official'] });
    expect(a).toEqual(b);
    expect(a[0].figures.tags).toBe('suspected_business_owner,suspected_official');
    expect(a[0].title).toBe('重点人员涉酒：疑似企业老板、疑似公职人员');
  });

  it('does not fire for other tags, no tags, or a case whose opening is not in', () => {
    expect(run({ tags: ['repeat_offender'] })).toEqual([]);
    expect(run({ tags: [] })).toEqual([]);
    const input = buildCase({ tags: ['suspected_official'] });
    expect(rule.evaluate({ ...input, events: input.events.filter((e) => e.type !== 'alcohol.case_opened') }, rule.defaults, LATER)).toEqual([]);
  });

  it('takes its tag list from the parameters, which the engine reads to raise the case’s other alerts', () => {
    expect(keyPersonTags(rule.defaults)).toEqual([...KEY_PERSON_TAGS]);
    expect(keyPersonTags({ tags: ' suspected_official , ,x ' })).toEqual(['suspected_official', 'x']);
    const params = { tags: 'repeat_offender' };
    expect(run({ tags: ['repeat_offender'] }, params)[0].title).toBe('重点人员涉酒：repeat_offender');
    expect(run({ tags: ['suspected_official'] }, params)).toEqual([]);
    expect(Object.keys(rule.paramLabels)).toEqual(['tags']);
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(10);
  });
});
