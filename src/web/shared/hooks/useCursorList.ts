// The primitive under list hooks with opaque cursors ("load more" appends the next page).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorListState<T> {
  items: T[];
  error: unknown;
  /** first page loading */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

export function useCursorList<T>(
  key: string,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): CursorListState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const ctlRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    ctlRef.current?.abort();
    ctlRef.current = ctl;
    setLoading(true);
    setLoadingMore(false);
    setError(undefined);
    fetchRef.current(null, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key, tick]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const ctl = new AbortController();
    ctlRef.current = ctl;
    setLoadingMore(true);
    setError(undefined);
    fetchRef.current(cursor, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        setItems((prev) => prev.concat(page.items));
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  useEffect(() => () => ctlRef.current?.abort(), []);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, error, loading, loadingMore, hasMore: cursor !== null, loadMore, reload };
}
