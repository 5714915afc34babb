import { describe, expect, it } from 'vitest';
import { alcChainTampered as rule, type ChainTamperedInput } from './alc-chain-tampered.ts';

const base: ChainTamperedInput = {
  caseNo: 'JQ150102202611010042',
  unit: '150102000000',
  size: 7,
  recomputedRoot: 'cmVjb21wdXRlZA==',
  storedRoot: 'c3RvcmVk',
  auditedRoot: 'c3RvcmVk',
  altered: [3],
  eventIds: ['draw-1'],
  ok: false,
};

describe('ALC_CHAIN_TAMPERED', () => {
  it('fires red on the case, naming the altered steps and the roots', () => {
    const [f, ...rest] = rule.evaluate(base, rule.defaults, new Date());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'ALC_CHAIN_TAMPERED', subject: { kind: 'case', id: base.caseNo }, level: 'red', unit: base.unit, eventIds: ['draw-1'] });
    expect(f.title).toBe('案件JQ150102202611010042证据链被篡改：第3步与存证哈希不符');
    expect(f.figures).toEqual({ size: 7, altered: '3', recomputedRoot: base.recomputedRoot, storedRoot: 'c3RvcmVk', auditedRoot: 'c3RvcmVk' });
  });

  it('names the root when no single step is to blame (a whole case rewritten)', () => {
    const [f] = rule.evaluate({ ...base, altered: [] }, rule.defaults, new Date());
    expect(f.title).toContain('证据链根与存证不符');
  });

  it('is quiet on a verified chain', () => {
    expect(rule.evaluate({ ...base, ok: true, altered: [] }, rule.defaults, new Date())).toEqual([]);
  });
});
