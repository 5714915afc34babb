// One page of the board's table. The API pages by opaque cursor, so the cursors of the pages already
// seen are kept: back and forward work, and a jump goes at most to the next unseen page.
import { useCallback, useEffect, useState } from 'react';
import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { listAlerts } from '../alerts.api.ts';
import { filtersKey, filtersToQuery, type BoardFilters } from '../alerts.adapters.ts';

export function useAlertPage(filters: BoardFilters, pageSize: number) {
  const key = filtersKey(filters);
  const [state, setState] = useState<{ key: string; page: number; cursors: (string | null)[] }>({ key, page: 0, cursors: [null] });
  const [tick, setTick] = useState(0);
  // new filters start again at the first page
  const current = state.key === key && state.cursors.length ? state : { key, page: 0, cursors: [null] };
  useEffect(() => {
    if (state.key !== key) setState({ key, page: 0, cursors: [null] });
  }, [key, state.key]);
  const cursor = current.cursors[current.page] ?? null;
  const req = useRequest(`alerts:${key}:${pageSize}:${current.page}:${cursor}:${tick}`, (signal) =>
    listAlerts({ ...filtersToQuery(filters), limit: pageSize, cursor }, signal),
  );
  const next = req.data?.nextCursor ?? null;
  useEffect(() => {
    if (next && current.cursors[current.page + 1] !== next) {
      setState((s) => (s.key === key ? { ...s, cursors: [...s.cursors.slice(0, s.page + 1), next] } : s));
    }
  }, [next, key, current.page, current.cursors]);
  const goTo = useCallback(
    (page: number) => setState((s) => ({ ...s, page: Math.max(0, Math.min(page, s.cursors.length - 1)) })),
    [],
  );
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const reset = useCallback(() => {
    setState({ key, page: 0, cursors: [null] });
    setTick((n) => n + 1);
  }, [key]);
  return { ...req, page: current.page, reachable: current.cursors.length, goTo, refresh, reset };
}
