import { api } from '../../shared/api/client.ts';
import type { InclusionProof } from '../../shared/crypto/merkle.ts';

export interface AuditRootDto {
  size: number;
  /** base64 RFC 6962 root */
  root: string;
}

export interface AuditEntryDto {
  seq: number;
  at: string;
  actor: string;
  unitCode: string | null;
  ip: string | null;
  action: string;
  detail: unknown;
  /** base64 SHA-256(0x00 ‖ canonical JSON of the entry) */
  leafHash: string;
}

export const getAuditRoot = (signal?: AbortSignal) => api.get<AuditRootDto>('/audit/root', { signal });

export const listAuditEntries = (before: string | null, limit: number, signal?: AbortSignal) =>
  api.get<{ items: AuditEntryDto[]; nextCursor: string | null }>('/audit/entries', { query: { limit, before }, signal });

export const getInclusionProof = (index: number, signal?: AbortSignal) =>
  api.get<InclusionProof>('/audit/proof/inclusion', { query: { index }, signal });
