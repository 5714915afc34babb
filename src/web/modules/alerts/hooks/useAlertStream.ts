// New alerts and notices as they arrive. One connection per tab, shared by every component that listens:
// the server's notification stream (server-sent events) when its API document lists one, otherwise a
// tick every POLL_SECONDS so listeners can check for themselves.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { findPath, loadApiPaths } from '../../../shared/api/api-paths.ts';

export const POLL_SECONDS = 20;

export type StreamMode = 'connecting' | 'live' | 'polling';
type Listener = (data: unknown) => void;

const listeners = new Set<Listener>();
const modeListeners = new Set<() => void>();
let mode: StreamMode = 'connecting';
let source: EventSource | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let starting = false;

function setMode(m: StreamMode) {
  mode = m;
  for (const l of modeListeners) l();
}

const emit = (data: unknown) => {
  for (const l of listeners) l(data);
};

function poll() {
  if (timer) return;
  setMode('polling');
  timer = setInterval(() => emit(null), POLL_SECONDS * 1000);
}

function start() {
  if (source || timer || starting) return;
  starting = true;
  void loadApiPaths()
    .then((paths) => {
      const p = findPath(paths, /stream/i);
      return p && !p.includes('{') ? `/api/v1${p}` : null;
    })
    .catch(() => null)
    .then((path) => {
      starting = false;
      if (listeners.size === 0) return;
      if (!path || typeof EventSource === 'undefined') return poll();
      const es = new EventSource(path, { withCredentials: true });
      source = es;
      es.onopen = () => setMode('live');
      es.onmessage = (e: MessageEvent<string>) => {
        let data: unknown = e.data;
        try {
          data = JSON.parse(e.data);
        } catch {
          // plain text
        }
        emit(data);
      };
      es.onerror = () => {
        // EventSource reconnects by itself (with Last-Event-ID); after a hard failure fall back to polling
        if (es.readyState === EventSource.CLOSED) {
          source = null;
          poll();
        } else setMode('connecting');
      };
    });
}

function stop() {
  source?.close();
  source = null;
  if (timer) clearInterval(timer);
  timer = null;
  setMode('connecting');
}

function subscribeMode(cb: () => void) {
  modeListeners.add(cb);
  return () => modeListeners.delete(cb);
}

/** calls `onSignal` with each pushed notice (parsed), or with null on each poll tick */
export function useAlertStream(onSignal: Listener): StreamMode {
  const cb = useRef(onSignal);
  cb.current = onSignal;
  useEffect(() => {
    const l: Listener = (d) => cb.current(d);
    listeners.add(l);
    start();
    return () => {
      listeners.delete(l);
      if (listeners.size === 0) stop();
    };
  }, []);
  return useSyncExternalStore(subscribeMode, () => mode);
}
