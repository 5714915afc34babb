import { useCallback, useState } from 'react';
import { createToken, type CreatedTokenDto, type NewToken } from '../access.api.ts';

/** POST /tokens; the answer holds the only copy of the secret the console will ever see */
export function useCreateToken() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const create = useCallback(async (input: NewToken): Promise<CreatedTokenDto | null> => {
    setBusy(true);
    setError(undefined);
    try {
      return await createToken(input);
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => setError(undefined), []);
  return { create, busy, error, reset };
}
