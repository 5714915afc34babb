// The access endpoints as the server sends them (DTOs); views are made in access.adapters.ts.
import { api, request } from '../../shared/api/client.ts';

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

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  unit: string | null;
  personNo: string | null;
  roles: string[];
  active: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  unit: string;
  roles: string[];
  password: string;
  personNo?: string;
}

export const listUsers = (unit: string | undefined, signal?: AbortSignal) => api.get<{ items: UserDto[] }>('/users', { query: { unit }, signal });
export const createUser = (body: NewUser) => api.post<UserDto>('/users', body);
export const setUserActive = (id: string, active: boolean) => request<UserDto>('PATCH', `/users/${encodeURIComponent(id)}`, { body: { active } });
