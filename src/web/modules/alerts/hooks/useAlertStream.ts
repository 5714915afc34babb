// New alerts as they arrive. When the server offers a server-sent-events stream (found in its API
// document), it is used; otherwise the board checks for new alerts every POLL_SECONDS.
import { useEffect, useRef, useState } from 'react';
import { findPath, loadApiPaths } from '../../../shared/api/api-paths.ts';

export const POLL_SECONDS = 20;

function findStreamPath(): Promise<string | null> {
  return loadApiPaths()
    .then((paths) => {
      const p = findPath(paths, /stream/i);
      return p && !p.includes('{') ? `/api/v1${p}` : null;
    })
    .catch(() => null);
}

export type StreamMode = 'connecting' | 'live' | 'polling';

/**
 * Calls `onSignal` whenever something new may have arrived: on each pushed message (with its data
 * parsed when JSON), or on each poll tick.
 */
export function useAlertStream(onSignal: (data: unknown) => void): StreamMode {
  const [mode, setMode] = useState<StreamMode>('connecting');
  const cb = useRef(onSignal);
  cb.current = onSignal;
  useEffect(() => {
    let closed = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    const poll = () => {
      if (closed || timer) return;
      setMode('polling');
      timer = setInterval(() => cb.current(null), POLL_SECONDS * 1000);
    };
    void findStreamPath().then((path) => {
      if (closed) return;
      if (!path || typeof EventSource === 'undefined') return poll();
      source = new EventSource(path, { withCredentials: true });
      const handle = (e: MessageEvent<string>) => {
        let data: unknown = e.data;
        try {
          data = JSON.parse(e.data);
        } catch {
          // plain text message
        }
        cb.current(data);
      };
      source.onopen = () => setMode('live');
      source.onmessage = handle;
      for (const type of ['alert', 'alert.opened', 'alert.created', 'alert.updated', 'alert.overdue', 'supervision', 'notification']) source.addEventListener(type, handle);
      source.onerror = () => {
        // EventSource reconnects by itself; after a hard failure fall back to polling
        if (source && source.readyState === EventSource.CLOSED) {
          source = null;
          poll();
        }
      };
    });
    return () => {
      closed = true;
      source?.close();
      if (timer) clearInterval(timer);
    };
  }, []);
  return mode;
}
