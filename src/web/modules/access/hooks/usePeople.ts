import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listUsers } from '../access.api.ts';

/** people of the caller's units (or of one unit and those below it) */
export function usePeople(unit: string | undefined, tick = 0) {
  return useRequest(`people:${unit ?? ''}:${tick}`, async (signal) => (await listUsers(unit, signal)).items);
}
