// A minimal history router: the server answers every non-/api path with index.html, so real paths work
// on reload and in new tabs. Links are real <a href> elements (middle-click, copy link, keyboard).
import { useSyncExternalStore, type AnchorHTMLAttributes, type ComponentType, type LazyExoticComponent, type MouseEvent } from 'react';
import type { LocalizedText } from './i18n/i18n.tsx';

const listeners = new Set<() => void>();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  window.addEventListener('popstate', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('popstate', cb);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

let cached: Location | null = null;
function current(): Location {
  const href = snapshot();
  if (!cached || cached.href !== href) {
    cached = { href, pathname: window.location.pathname, search: new URLSearchParams(window.location.search) };
  }
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const l of listeners) l();
}

/** only same-origin absolute paths; guards `?next=` against being sent elsewhere */
export function safeLocalPath(p: string | null | undefined): string | null {
  if (!p || !p.startsWith('/') || p.startsWith('//') || p.startsWith('/\\')) return null;
  return p;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** `/alerts/:id` against `/alerts/42` → {id: '42'}; null when it does not match */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const norm = (s: string) => (s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s);
  const a = norm(pattern).split('/');
  const b = norm(pathname).split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(b[i]!);
      } catch {
        return null;
      }
    } else if (seg !== b[i]) return null;
  }
  return params;
}

/** the menu sections of the console, in display order; a page names the one it belongs to */
export type Section = 'home' | 'alerts' | 'alcohol' | 'stats' | 'admin';

export interface PageProps {
  params: Record<string, string>;
}

/**
 * One page of a module. A module exports an array of these from `<module>.routes.ts`; the app's route
 * table concatenates the arrays, so adding a module's pages is one import there.
 */
export interface PageRoute {
  path: string;
  section: Section;
  /** menu label and document title */
  title: LocalizedText;
  /** an @ant-design/icons component for the menu */
  icon?: ComponentType;
  /** the scope the caller needs; without it the page is hidden from the menu and answers 403 */
  scope?: string;
  /** order within the section */
  order?: number;
  /** false for detail pages reached from a list (e.g. `/alerts/:id`) */
  menu?: boolean;
  page: LazyExoticComponent<ComponentType<PageProps>>;
}
