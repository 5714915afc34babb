import { useCallback, useState } from 'react';
import { setUserActive } from '../access.api.ts';

/** PATCH /users/{id}: disable (ends their sessions) or re-enable */
export function useSetUserActive() {
  const [busy, setBusy] = useState<string | null>(null);
  const set = useCallback(async (id: string, active: boolean) => {
    setBusy(id);
    try {
      return await setUserActive(id, active);
    } finally {
      setBusy(null);
    }
  }, []);
  return { set, busy };
}
