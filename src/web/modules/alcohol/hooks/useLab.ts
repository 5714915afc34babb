import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getLab } from '../alcohol.api.ts';

/** one lab with its status history, monthly figures, recent cases and bias alerts; nothing while null */
export function useLab(labId: string | null) {
  return useRequest(labId ? `lab:${labId}` : null, (signal) => getLab(labId!, signal));
}
