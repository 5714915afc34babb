import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listRules, type RuleDto } from '../detection.api.ts';

export interface RuleIndex {
  list: RuleDto[];
  byCode: ReadonlyMap<string, RuleDto>;
  /** the rule's Chinese name, or its code when unknown */
  name: (code: string) => string;
}

/** the rule catalogue with the parameters in force */
export function useRules() {
  return useRequest<RuleIndex>('rules', async (signal) => {
    const { items } = await listRules(signal);
    const byCode = new Map(items.map((r) => [r.code, r]));
    return { list: items, byCode, name: (code) => byCode.get(code)?.name ?? code };
  });
}
