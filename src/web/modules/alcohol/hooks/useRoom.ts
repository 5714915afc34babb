import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getRoom } from '../alcohol.api.ts';

/** one evidence room with its register, samples in it, overdue samples and cameras; nothing while null */
export function useRoom(roomId: string | null) {
  return useRequest(roomId ? `room:${roomId}` : null, (signal) => getRoom(roomId!, signal));
}
