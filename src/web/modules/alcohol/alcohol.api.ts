// The alcohol-case endpoints as the server sends them.
import { api, type Query } from '../../shared/api/client.ts';
import type { AlertDto } from '../alerts/index.ts';

export interface StepDto {
  leafIndex: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actor: string | null;
  actorName: string | null;
  unit: string;
  unitName: string | null;
  location: { lat: number; lng: number } | null;
  sampleNo: string | null;
  files: { field: string; sha256: string; kind: string | null }[];
  data: Record<string, unknown>;
}

export interface SampleDto {
  sampleNo: string;
  label: string;
  sealNo: string | null;
  institution: string | null;
  drawnAt: string | null;
  status: string;
  roomId: string | null;
  labId: string | null;
  labName: string | null;
  since: string | null;
  overdue: boolean;
}

export interface ComparisonDto {
  breath: number;
  blood: number;
  hours: number;
  eliminationMgPerHour: number;
  lowestPossible: number;
  tolerance: number;
  lowLimit: number;
  highLimit: number;
  ratio: number | null;
  difference: number;
  verdict: 'consistent' | 'too_low' | 'too_high';
  crossesDrunkLine: boolean;
  paramVersion: number;
}

export interface ChainDto {
  size: number;
  root: string;
  verified: boolean;
  auditSeq: number | null;
  problems: { leafIndex?: number; problem: string }[];
}

export interface CaseDto {
  caseNo: string;
  unit: string;
  unitName: string | null;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  finding: string | null;
  driver: { name: string | null; idNo: string | null; plate: string | null };
  tags: string[];
  steps: StepDto[];
  samples: SampleDto[];
  breath: { value: number | null; refused: boolean; source: string | null; deviceId: string | null; at: string } | null;
  blood: { value: number | null; labId: string | null; labName: string | null; sampleNo: string | null; at: string } | null;
  reports: { value: number | null; labId: string | null; labName: string | null; sampleNo: string | null; at: string }[];
  comparison: ComparisonDto | null;
  alerts: AlertDto[];
  chain: ChainDto;
}

export interface ProofDto {
  caseNo: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  root: string;
  proof: string[];
  leafData: string;
}

export interface CaseSummaryDto {
  caseNo: string;
  unit: string;
  unitName: string | null;
  openedAt: string;
  closedAt: string | null;
  status: 'open' | 'closed';
  finding: string | null;
  plate: string | null;
  driverName: string | null;
  tags: string[];
  breath: number | null;
  refused: boolean;
  blood: number | null;
  ratio: number | null;
  labId: string | null;
  alertLevel: string | null;
  alertCount: number;
  steps: number;
}

export interface LabStatsDto {
  cases: number;
  reported: number;
  withRatio: number;
  meanRatio: number | null;
  otherLabsMeanRatio: number | null;
  meanTurnaroundHours: number | null;
  medianTurnaroundHours: number | null;
}

export interface LabSummaryDto {
  labId: string;
  name: string;
  status: 'filed' | 'suspended' | 'blacklisted';
  internal: boolean;
  statusSince: string | null;
  stats: LabStatsDto;
  biasAlert: { id: string; level: string; status: string } | null;
}

export interface LabDto extends LabSummaryDto {
  statusHistory: { at: string; status: string; previous: string | null; reason: string | null; actor: string | null; unit: string; eventId: string }[];
  monthly: { month: string; cases: number; meanRatio: number | null; meanTurnaroundHours: number | null }[];
  recentCases: { caseNo: string; unit: string; sentAt: string | null; reportAt: string | null; breath: number | null; blood: number | null; ratio: number | null }[];
  alerts: AlertDto[];
}

export interface CameraDto {
  deviceId: string;
  status: 'online' | 'offline' | 'abnormal_image' | 'unknown';
  since: string | null;
}

export interface RoomSummaryDto {
  roomId: string;
  unit: string;
  unitName: string | null;
  openHours: string;
  custodians: { personNo: string; name: string | null }[];
  inventory: number;
  overdue: number;
  cameras: CameraDto[];
  lastAccessAt: string | null;
}

export interface RoomSampleDto {
  sampleNo: string;
  caseNo: string;
  label: string;
  status: string;
  drawnAt: string | null;
  storedAt: string | null;
  since: string | null;
  hoursSinceDraw: number | null;
  overdue: boolean;
}

export interface RoomDto extends RoomSummaryDto {
  samples: RoomSampleDto[];
  overdueSamples: RoomSampleDto[];
  register: {
    at: string;
    kind: 'enter' | 'exit' | 'sample_stored' | 'sample_retrieved';
    personNo: string | null;
    personName: string | null;
    custodian: boolean;
    withinOpenHours: boolean;
    sampleNo: string | null;
    caseNo: string | null;
    purpose: string | null;
    eventId: string;
  }[];
  alerts: AlertDto[];
}

const enc = encodeURIComponent;
export const listCases = (query: Query, signal?: AbortSignal) => api.get<{ items: CaseSummaryDto[]; nextCursor: string | null; total: number }>('/alcohol/cases', { query, signal });
export const getCase = (caseNo: string, signal?: AbortSignal) => api.get<CaseDto>(`/alcohol/cases/${enc(caseNo)}`, { signal });
export const getCaseProof = (caseNo: string, step: number, signal?: AbortSignal) => api.get<ProofDto>(`/alcohol/cases/${enc(caseNo)}/proof`, { query: { step }, signal });
export const listLabs = (signal?: AbortSignal) => api.get<{ items: LabSummaryDto[] }>('/alcohol/labs', { signal });
export const getLab = (labId: string, signal?: AbortSignal) => api.get<LabDto>(`/alcohol/labs/${enc(labId)}`, { signal });
export const listRooms = (signal?: AbortSignal) => api.get<{ items: RoomSummaryDto[] }>('/alcohol/rooms', { signal });
export const getRoom = (roomId: string, signal?: AbortSignal) => api.get<RoomDto>(`/alcohol/rooms/${enc(roomId)}`, { signal });
