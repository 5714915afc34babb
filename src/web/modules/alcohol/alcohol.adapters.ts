// Alcohol cases as the console shows them: step and status names, the breath/blood chart's series.
import type { CaseDto } from './alcohol.api.ts';

export const stepTypes = ['case_opened', 'breath_test', 'scene_evidence', 'blood_drawn', 'sample_stored', 'sample_retrieved', 'sample_sent', 'lab_report', 'case_closed', 'room_access'] as const;
export type StepType = (typeof stepTypes)[number];
/** `alcohol.blood_drawn` → `blood_drawn` when known */
export function stepType(type: string): StepType | null {
  const t = type.replace(/^alcohol\./, '');
  return (stepTypes as readonly string[]).includes(t) ? (t as StepType) : null;
}

export const knownTags = ['suspected_official', 'suspected_business_owner', 'refused_breath_test'] as const;
export type KnownTag = (typeof knownTags)[number];
export const isKnownTag = (t: string): t is KnownTag => (knownTags as readonly string[]).includes(t);

export const findings = ['drunk', 'drink', 'none', 'open'] as const;
export type Finding = (typeof findings)[number];
export const isFinding = (f: string | null): f is Finding => f !== null && (findings as readonly string[]).includes(f);

export const sampleStatuses = ['drawn', 'stored', 'retrieved', 'sent', 'reported'] as const;
export const isSampleStatus = (s: string): s is (typeof sampleStatuses)[number] => (sampleStatuses as readonly string[]).includes(s);

/** every measured value of the case in time order: the breath test, then each lab report */
export function measurements(c: CaseDto): { kind: 'breath' | 'blood'; at: string; value: number; label: string }[] {
  const out: { kind: 'breath' | 'blood'; at: string; value: number; label: string }[] = [];
  if (c.breath?.value !== null && c.breath?.value !== undefined) out.push({ kind: 'breath', at: c.breath.at, value: c.breath.value, label: c.breath.deviceId ?? '' });
  for (const r of c.reports) if (r.value !== null) out.push({ kind: 'blood', at: r.at, value: r.value, label: r.labName ?? r.labId ?? '' });
  if (!c.reports.length && c.blood?.value !== null && c.blood?.value !== undefined) out.push({ kind: 'blood', at: c.blood.at, value: c.blood.value, label: c.blood.labName ?? '' });
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

/** the steps that have a location, in time order, as [lng, lat] points */
export function stepPoints(c: CaseDto): { name: string; value: [number, number]; at: string; leafIndex: number }[] {
  return c.steps.filter((s) => s.location).map((s) => ({ name: s.type, value: [s.location!.lng, s.location!.lat] as [number, number], at: s.occurredAt, leafIndex: s.leafIndex }));
}
