import { useSyncExternalStore } from 'react';

function subscribe(cb: () => void) {
  window.addEventListener('resize', cb);
  return () => window.removeEventListener('resize', cb);
}

/** the window's height less `reserved` pixels, never under `min` (for virtual tables' scroll.y) */
export function useViewportHeight(reserved: number, min = 320): number {
  const h = useSyncExternalStore(subscribe, () => window.innerHeight);
  return Math.max(min, h - reserved);
}
