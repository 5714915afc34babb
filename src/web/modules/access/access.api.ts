// The access endpoints as the server sends them (DTOs); views are made in access.adapters.ts.
import { api } from '../../shared/api/client.ts';

export interface UnitDto {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  depth: number;
}

export interface TokenDto {
  id: string;
  name: string;
  unit: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  unit: string;
  scopes: string[];
}

export interface CreatedTokenDto {
  id: string;
  token: string;
}

export const listUnits = (signal?: AbortSignal) => api.get<{ items: UnitDto[] }>('/units', { signal });
export const listTokens = (signal?: AbortSignal) => api.get<{ items: TokenDto[] }>('/tokens', { signal });
export const createToken = (body: NewToken) => api.post<CreatedTokenDto>('/tokens', body);
export const revokeToken = (id: string) => api.delete(`/tokens/${encodeURIComponent(id)}`);
