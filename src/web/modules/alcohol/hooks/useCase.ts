import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getCase } from '../alcohol.api.ts';

/** one alcohol case with its steps, samples, comparison, alerts and custody chain (verified on read) */
export function useCase(caseNo: string, tick = 0) {
  return useRequest(`case:${caseNo}:${tick}`, (signal) => getCase(caseNo, signal));
}
