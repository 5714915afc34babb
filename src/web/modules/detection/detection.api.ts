// The rule catalogue and its versioned parameters (detection module), and the back-test preview.
import { api, request } from '../../shared/api/client.ts';

export type ParamValue = number | string | boolean;

export interface RuleVersionDto {
  version: number;
  params: Record<string, ParamValue>;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export interface RuleDto {
  code: string;
  name: string;
  defaults: Record<string, ParamValue>;
  paramLabels: Record<string, string>;
  current: RuleVersionDto;
}

export const listRules = (signal?: AbortSignal) => api.get<{ items: RuleDto[] }>('/rules', { signal });
export const listRuleVersions = (code: string, signal?: AbortSignal) =>
  api.get<{ items: RuleVersionDto[] }>(`/rules/${encodeURIComponent(code)}/versions`, { signal });
export const updateRule = (body: { code: string; params: Record<string, ParamValue>; reason: string }) => request<RuleVersionDto>('PUT', '/rules', { body });
/** what the proposed parameters would have found over the stored events, against what was found */
export interface BacktestSubject {
  kind: string;
  id: string;
}
export interface BacktestDto {
  rule: string;
  from: string;
  to: string;
  params: Record<string, ParamValue>;
  found: number;
  wouldOpen: { subject: BacktestSubject; level: string; title: string; unit: string }[];
  wouldNotOpen: { id: string; subject: BacktestSubject; level: string; title: string }[];
  levelChanges: { id: string; subject: BacktestSubject; from: string; to: string }[];
}
export const backtestRule = (code: string, body: { params: Record<string, ParamValue>; from: string; to: string }, signal?: AbortSignal) =>
  api.post<BacktestDto>(`/rules/${encodeURIComponent(code)}/backtest`, body, { signal });
