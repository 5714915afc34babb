import { useCallback, useState } from 'react';
import { getInclusionProof } from '../audit.api.ts';
import type { AuditEntryView, AuditRootView } from '../audit.adapters.ts';
import { checkInclusion, type VerifyOutcome } from '../audit.verify.ts';

export type CheckState = { status: 'verifying' } | { status: 'done'; outcome: VerifyOutcome } | { status: 'error'; error: unknown };

/** per-entry inclusion checks: fetch the proof, verify it here, remember the outcome by seq */
export function useInclusionCheck(published: AuditRootView | undefined) {
  const [checks, setChecks] = useState<ReadonlyMap<number, CheckState>>(new Map());
  const set = (seq: number, s: CheckState) => setChecks((prev) => new Map(prev).set(seq, s));

  const check = useCallback(
    async (entry: AuditEntryView) => {
      set(entry.seq, { status: 'verifying' });
      try {
        const proof = await getInclusionProof(entry.seq);
        set(entry.seq, { status: 'done', outcome: await checkInclusion(entry, proof, published) });
      } catch (error) {
        set(entry.seq, { status: 'error', error });
      }
    },
    [published],
  );
  return { checks, check };
}
