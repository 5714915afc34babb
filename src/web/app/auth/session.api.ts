// The session endpoints and the signed-in user as the console sees it.
import { api } from '../../shared/api/client.ts';

export interface MeDto {
  username: string;
  displayName: string;
  /** null for the platform's root administrator, who stands above the whole unit tree */
  unit: { code: string; name: string; level: string } | null;
  roles: string[];
  scopes: string[];
}

export interface Me {
  username: string;
  displayName: string;
  unit: { code: string; name: string; level: string } | null;
  roles: readonly string[];
  scopes: ReadonlySet<string>;
}

export function toMe(dto: MeDto): Me {
  return {
    username: dto.username,
    displayName: dto.displayName || dto.username,
    unit: dto.unit ?? null,
    roles: dto.roles ?? [],
    scopes: new Set(dto.scopes ?? []),
  };
}

export async function getSession(signal?: AbortSignal): Promise<Me> {
  const res = await api.get<{ user: MeDto }>('/session', { signal, quiet401: true });
  return toMe(res.user);
}

export async function createSession(username: string, password: string): Promise<Me> {
  const res = await api.post<{ user: MeDto }>('/session', { username, password }, { quiet401: true });
  return toMe(res.user);
}

export async function deleteSession(): Promise<void> {
  await api.delete('/session', { quiet401: true });
}
