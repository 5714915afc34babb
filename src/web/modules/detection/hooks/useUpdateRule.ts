import { useCallback, useState } from 'react';
import { updateRule, type ParamValue } from '../detection.api.ts';

/** save a new version of one rule's parameters */
export function useUpdateRule() {
  const [saving, setSaving] = useState(false);
  const save = useCallback(async (code: string, params: Record<string, ParamValue>, reason: string) => {
    setSaving(true);
    try {
      return await updateRule({ code, params, reason });
    } finally {
      setSaving(false);
    }
  }, []);
  return { save, saving };
}
