import { describe, expect, it } from 'vitest';
import { alcLabStatus as rule } from './alc-lab-status.ts';
import { buildCase, CASE_NO, checkOrderIndependence, ev, LATER, SAMPLE_NO, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec) => rule.evaluate(buildCase(spec), rule.defaults, LATER);

describe('ALC_LAB_STATUS', () => {
  it('fires red for a blacklisted lab', () => {
    const input = buildCase({ labId: 'LAB-150100-04' });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_LAB_STATUS');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('red');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('血样送至黑名单机构塞北法医物证鉴定所');
    expect(f.figures).toEqual({
      labId: 'LAB-150100-04', labName: '塞北法医物证鉴定所', status: 'blacklisted', internal: false, labs: 'LAB-150100-04:blacklisted',
    });
    const ids = (t: string) => input.events.filter((e) => e.type === t).map((e) => e.id);
    expect(f.eventIds).toEqual([...ids('alcohol.sample_sent'), ...ids('alcohol.lab_report')]);
  });

  it('fires orange for a suspended lab and for a lab the registry does not know', () => {
    expect(run({ labId: 'LAB-150100-03' })[0]).toMatchObject({ level: 'orange', figures: { status: 'suspended' } });
    const [f] = run({ labId: 'LAB-UNKNOWN' });
    expect(f).toMatchObject({ level: 'orange', title: '血样送至未备案机构LAB-UNKNOWN', figures: { status: 'not_filed', labName: null } });
  });

  it('does not fire for a filed lab, internal or not, nor before any sample left', () => {
    expect(run({ labId: 'LAB-150100-01' })).toEqual([]);
    expect(run({ labId: 'LAB-150100-02' })).toEqual([]);
    expect(run({ labId: 'LAB-150100-04', sendAfterH: null })).toEqual([]);
  });

  it('judges every lab the case reached; the worst one names the finding', () => {
    const recheck = ev('alcohol.lab_report', Date.parse('2026-11-10T10:00:00+08:00'), {
      caseNo: CASE_NO, sampleNo: SAMPLE_NO, labId: 'LAB-150100-04', valueMg100ml: 150, reportPhotoSha256: 'e'.repeat(64),
    }, { id: 'report-recheck', actor: null, location: null });
    const [f] = run({ labId: 'LAB-150100-03', extra: [recheck] });
    expect(f.level).toBe('red');
    expect(f.figures.labId).toBe('LAB-150100-04');
    expect(f.figures.labs).toBe('LAB-150100-04:blacklisted,LAB-150100-03:suspended');
    expect(f.eventIds).toContain('report-recheck');
  });

  it('uses the status as known now', () => {
    const input = buildCase({ labId: 'LAB-150100-01' });
    const labs = { ...input.labs, 'LAB-150100-01': { ...input.labs['LAB-150100-01'], status: 'suspended' as const } };
    expect(rule.evaluate({ ...input, labs }, rule.defaults, LATER)[0].level).toBe('orange');
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(10);
  });
});
