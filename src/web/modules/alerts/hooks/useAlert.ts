import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getAlert } from '../alerts.api.ts';

/** one alert with its events and history; `tick` reloads it after an action */
export function useAlert(id: string, tick = 0) {
  return useRequest(`alert:${id}:${tick}`, (signal) => getAlert(id, signal));
}
