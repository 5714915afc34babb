import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listTokens, type TokenDto } from '../access.api.ts';

/** the tokens of the caller's units (raw; joined with unit names by the page through toTokenViews) */
export function useTokens() {
  return useRequest<TokenDto[]>('tokens', async (signal) => (await listTokens(signal)).items);
}
