import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listNotifications } from '../alerts.api.ts';

/** the latest notices for the caller's units, newest first; nothing is loaded while `open` is false */
export function useNotifications(open: boolean, tick: number) {
  return useRequest(open ? `notifications:${tick}` : null, async (signal) => (await listNotifications(signal)).items);
}
