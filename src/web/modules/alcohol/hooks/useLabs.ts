import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listLabs } from '../alcohol.api.ts';

/** the lab registry with filing status and figures over the caller's cases */
export function useLabs() {
  return useRequest('labs', async (signal) => (await listLabs(signal)).items);
}
