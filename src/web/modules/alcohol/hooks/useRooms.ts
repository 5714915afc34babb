import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listRooms } from '../alcohol.api.ts';

/** evidence rooms of the caller's units */
export function useRooms() {
  return useRequest('rooms', async (signal) => (await listRooms(signal)).items);
}
