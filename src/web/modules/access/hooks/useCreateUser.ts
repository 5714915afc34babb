import { useCallback, useState } from 'react';
import { createUser, type NewUser } from '../access.api.ts';

/** POST /users */
export function useCreateUser() {
  const [busy, setBusy] = useState(false);
  const create = useCallback(async (input: NewUser) => {
    setBusy(true);
    try {
      return await createUser(input);
    } finally {
      setBusy(false);
    }
  }, []);
  return { create, busy };
}
