// The alert endpoints as the server sends them (DTOs); views are made in alerts.adapters.ts.
import { api, apiUrl, ApiError, type Query } from '../../shared/api/client.ts';

export interface AlertDto {
  id: string;
  rule: string;
  level: string;
  status: string;
  unit: string;
  subject: { kind: string; id: string };
  title: string;
  evidence: { figures: Record<string, unknown>; eventIds: string[] };
  paramVersion?: number;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  overdue: boolean;
  /** the workflow steps this caller may take now (absent until the closed loop is served) */
  allowedActions?: string[];
  closedAt?: string | null;
  finding?: string | null;
  missedDeadlines?: number;
  escalatedTo?: string | null;
  supervised?: boolean;
  mergedInto?: string | null;
}

export interface SupervisionOrderDto {
  id: string;
  unit: string;
  targetUnit: string;
  issuedBy: string;
  issuedAt: string;
  dueAt: string;
  note: string;
  status: string;
  closedAt: string | null;
}

export interface NotificationDto {
  id: number;
  at: string;
  unit: string;
  kind: string;
  alertId: string | null;
  level: string | null;
  title: string;
  detail: unknown;
}

export const listNotifications = (signal?: AbortSignal) => api.get<{ items: NotificationDto[]; nextBefore: number | null }>('/notifications', { query: { limit: 30 }, signal });

export interface AlertEventDto {
  id: string;
  type: string;
  occurredAt: string;
  unit: string;
  body: Record<string, unknown>;
}

export interface AlertHistoryDto {
  at: string;
  kind: string;
  actor: string;
  unit: string | null;
  level: string | null;
  text: string | null;
  detail: unknown;
}

export interface AlertDetailDto extends AlertDto {
  supervisionOrders?: SupervisionOrderDto[];
  events: AlertEventDto[];
  history: AlertHistoryDto[];
}

export interface AlertPageDto {
  items: AlertDto[];
  nextCursor: string | null;
  total: number;
}

export const listAlerts = (query: Query, signal?: AbortSignal) => api.get<AlertPageDto>('/alerts', { query, signal });
export const getAlert = (id: string, signal?: AbortSignal) => api.get<AlertDetailDto>(`/alerts/${encodeURIComponent(id)}`, { signal });
export const postAlertAction = (id: string, body: { action: string } & Record<string, unknown>) =>
  api.post<AlertDto>(`/alerts/${encodeURIComponent(id)}/actions`, body);

/** an attachment, stored by content hash: the raw bytes are the body */
export async function uploadFile(file: Blob, signal?: AbortSignal): Promise<{ sha256: string }> {
  let res: Response;
  try {
    res = await fetch(apiUrl('/files'), {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '');
  }
  const body = (await res.json().catch(() => null)) as { sha256?: string; error?: { code?: string; message?: string } } | null;
  if (!res.ok || !body?.sha256) throw new ApiError(res.status, body?.error?.code ?? 'bad_response', body?.error?.message ?? '');
  return { sha256: body.sha256 };
}
