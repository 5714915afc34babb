// Which endpoints this server offers, from its own API document (fetched once). Pages use it to show a
// feature only when the server serves it, rather than failing on a 404.
import { api } from './client.ts';

export type ApiPaths = ReadonlyMap<string, ReadonlySet<string>>;

let cached: Promise<ApiPaths> | null = null;

/** path (as written in the document, without /api/v1, e.g. `/rules/{code}/backtest`) → its methods */
export function loadApiPaths(): Promise<ApiPaths> {
  cached ??= api
    .get<{ paths?: Record<string, Record<string, unknown>> }>('/openapi.json')
    .then((doc) => {
      const out = new Map<string, Set<string>>();
      for (const [p, ops] of Object.entries(doc.paths ?? {})) out.set(p.replace(/^\/api\/v1/, ''), new Set(Object.keys(ops).map((m) => m.toUpperCase())));
      return out as ApiPaths;
    })
    .catch((e: unknown) => {
      cached = null;
      throw e;
    });
  return cached;
}

/** the first path matching `pattern` that answers `method` */
export function findPath(paths: ApiPaths, pattern: RegExp, method = 'GET'): string | null {
  for (const [p, methods] of paths) if (pattern.test(p) && methods.has(method)) return p;
  return null;
}
