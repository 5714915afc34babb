import { useCallback, useState } from 'react';
import { postAlertAction, type AlertDto } from '../alerts.api.ts';

/** take one workflow step on an alert; the server decides whether it is allowed */
export function useAlertAction(id: string) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async (action: string, fields: Record<string, unknown> = {}): Promise<AlertDto> => {
      setBusy(action);
      try {
        return await postAlertAction(id, { ...fields, action });
      } finally {
        setBusy(null);
      }
    },
    [id],
  );
  return { run, busy };
}
