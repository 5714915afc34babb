import type { Query } from '../../../shared/api/client.ts';
import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getUnitRanking } from '../reports.api.ts';

/** the units one level below the chosen one, scored and ranked */
export function useUnitRanking(query: Query) {
  return useRequest(`unit-ranking:${JSON.stringify(query)}`, (signal) => getUnitRanking(query, signal));
}
