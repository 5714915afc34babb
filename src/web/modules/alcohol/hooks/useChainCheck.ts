// Checks a case's custody chain in the browser: for every step, the leaf hash is recomputed from the
// step's canonical JSON and the server's inclusion proof is walked up to the chain's root.
import { useCallback, useState } from 'react';
import { hashLeaf, verifyInclusionProof } from '../../../shared/crypto/merkle.ts';
import { bytesEqual, fromBase64 } from '../../../shared/crypto/sha256.ts';
import { getCaseProof } from '../alcohol.api.ts';

export interface StepCheck {
  leafIndex: number;
  ok: boolean;
  reason?: string;
}

export function useChainCheck(caseNo: string, expectedRoot: string) {
  const [results, setResults] = useState<StepCheck[] | null>(null);
  const [running, setRunning] = useState(false);
  const run = useCallback(
    async (size: number) => {
      setRunning(true);
      const out: StepCheck[] = [];
      try {
        for (let i = 0; i < size; i++) {
          try {
            const p = await getCaseProof(caseNo, i);
            const leaf = await hashLeaf(new TextEncoder().encode(p.leafData));
            if (!bytesEqual(leaf, fromBase64(p.leafHash))) {
              out.push({ leafIndex: i, ok: false, reason: 'leaf' });
              continue;
            }
            const v = await verifyInclusionProof(p);
            if (!v.ok) out.push({ leafIndex: i, ok: false, reason: v.reason });
            else out.push({ leafIndex: i, ok: p.root === expectedRoot, reason: p.root === expectedRoot ? undefined : 'root' });
          } catch (e) {
            out.push({ leafIndex: i, ok: false, reason: e instanceof Error ? e.message : String(e) });
          }
        }
      } finally {
        setResults(out);
        setRunning(false);
      }
    },
    [caseNo, expectedRoot],
  );
  return { results, running, run };
}
