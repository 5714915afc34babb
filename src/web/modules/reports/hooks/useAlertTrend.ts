import type { Query } from '../../../shared/api/client.ts';
import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getAlertTrend } from '../reports.api.ts';

/** alerts per day or week (Beijing time) by level and by rule */
export function useAlertTrend(query: Query) {
  return useRequest(`alert-trend:${JSON.stringify(query)}`, (signal) => getAlertTrend(query, signal));
}
