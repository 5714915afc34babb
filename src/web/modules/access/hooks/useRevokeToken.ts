import { useCallback } from 'react';
import { revokeToken } from '../access.api.ts';

/** DELETE /tokens/{id}; throws the ApiError for the caller's confirmation dialog to show */
export function useRevokeToken() {
  return useCallback((id: string) => revokeToken(id), []);
}
