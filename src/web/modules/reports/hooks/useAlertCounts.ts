import type { Query } from '../../../shared/api/client.ts';
import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getAlertCounts } from '../reports.api.ts';

/** alerts counted by level, rule, state and unit under the given filters; `tick` forces a reload */
export function useAlertCounts(query: Query, tick = 0) {
  return useRequest(`alert-counts:${JSON.stringify(query)}:${tick}`, (signal) => getAlertCounts(query, signal));
}
