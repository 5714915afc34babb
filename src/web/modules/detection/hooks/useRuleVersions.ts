import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listRuleVersions } from '../detection.api.ts';

/** every version of one rule's parameters, newest first; nothing is loaded while code is null */
export function useRuleVersions(code: string | null) {
  return useRequest(code ? `rule-versions:${code}` : null, async (signal) => (await listRuleVersions(code!, signal)).items);
}
