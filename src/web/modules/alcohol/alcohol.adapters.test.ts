import { describe, expect, it } from 'vitest';
import { measurements, stepPoints, stepType } from './alcohol.adapters.ts';
import type { CaseDto } from './alcohol.api.ts';

const base = {
  caseNo: 'JQ1',
  unit: '150102000000',
  unitName: null,
  status: 'open',
  openedAt: '2026-11-01T10:00:00Z',
  closedAt: null,
  finding: null,
  driver: { name: null, idNo: null, plate: null },
  tags: [],
  samples: [],
  comparison: null,
  alerts: [],
  chain: { size: 0, root: '', verified: true, auditSeq: null, problems: [] },
} satisfies Partial<CaseDto>;

describe('case adapters', () => {
  it('name step types without their prefix', () => {
    expect(stepType('alcohol.blood_drawn')).toBe('blood_drawn');
    expect(stepType('alcohol.unknown')).toBeNull();
  });

  it('list the breath test and each report in time order', () => {
    const c: CaseDto = {
      ...base,
      steps: [],
      breath: { value: 96, refused: false, source: 'device', deviceId: 'D1', at: '2026-11-01T10:05:00Z' },
      blood: { value: 88, labId: 'L1', labName: '甲', sampleNo: 'A', at: '2026-11-03T00:00:00Z' },
      reports: [
        { value: 88, labId: 'L1', labName: '甲', sampleNo: 'A', at: '2026-11-03T00:00:00Z' },
        { value: 90, labId: 'L2', labName: '乙', sampleNo: 'B', at: '2026-11-02T00:00:00Z' },
      ],
    };
    expect(measurements(c).map((m) => [m.kind, m.value])).toEqual([
      ['breath', 96],
      ['blood', 90],
      ['blood', 88],
    ]);
  });

  it('place only steps with a location, as lng/lat', () => {
    const step = (leafIndex: number, location: { lat: number; lng: number } | null) => ({
      leafIndex,
      eventId: `e${leafIndex}`,
      type: 'alcohol.breath_test',
      occurredAt: '2026-11-01T10:05:00Z',
      actor: null,
      actorName: null,
      unit: '150102000000',
      unitName: null,
      location,
      sampleNo: null,
      files: [],
      data: {},
    });
    const c: CaseDto = { ...base, breath: null, blood: null, reports: [], steps: [step(0, { lat: 40.8, lng: 111.7 }), step(1, null)] };
    expect(stepPoints(c).map((p) => p.value)).toEqual([[111.7, 40.8]]);
  });
});
