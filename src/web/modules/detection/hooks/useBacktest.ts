import { useCallback, useState } from 'react';
import { backtestRule, type BacktestDto, type ParamValue } from '../detection.api.ts';
import { paramsKey } from '../detection.adapters.ts';

/** run a back-test of proposed parameters over a period; remembers which parameter set the result belongs to */
export function useBacktest(code: string) {
  const [state, setState] = useState<{ key: string; result: BacktestDto } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [running, setRunning] = useState(false);
  const run = useCallback(
    async (params: Record<string, ParamValue>, from: string, to: string) => {
      setRunning(true);
      setError(undefined);
      try {
        const result = await backtestRule(code, { params, from, to });
        setState({ key: paramsKey(params), result });
      } catch (e) {
        setError(e);
      } finally {
        setRunning(false);
      }
    },
    [code],
  );
  return { result: state?.result, resultKey: state?.key ?? null, error, running, run, clear: () => setState(null) };
}
