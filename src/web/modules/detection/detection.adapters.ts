// Rule parameters: what changed between two versions, and whether a back-test still matches the form.
import type { ParamValue } from './detection.api.ts';

export interface ParamChange {
  key: string;
  from: ParamValue | undefined;
  to: ParamValue | undefined;
}

export function diffParams(before: Record<string, ParamValue> | undefined, after: Record<string, ParamValue>): ParamChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort();
  return keys.filter((k) => before?.[k] !== after[k]).map((k) => ({ key: k, from: before?.[k], to: after[k] }));
}

/** a stable text of a parameter set, to tell whether the back-tested set is still the one in the form */
export const paramsKey = (p: Record<string, ParamValue>) =>
  JSON.stringify(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
