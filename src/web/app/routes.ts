// Every page of the console. A module lists its pages in `<module>.routes.ts`; adding a module is one
// import and one spread here.
import { accessRoutes } from '../modules/access/access.routes.ts';
import { alcoholRoutes } from '../modules/alcohol/alcohol.routes.ts';
import { alertRoutes } from '../modules/alerts/alerts.routes.ts';
import { detectionRoutes } from '../modules/detection/detection.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { ingestRoutes } from '../modules/ingest/ingest.routes.ts';
import { overviewRoutes } from '../modules/overview/overview.routes.ts';
import { matchPath, type PageRoute } from '../shared/router.tsx';

export const routes: readonly PageRoute[] = [...overviewRoutes, ...alertRoutes, ...alcoholRoutes, ...reportRoutes, ...accessRoutes, ...detectionRoutes, ...ingestRoutes, ...auditRoutes];

export function matchRoute(pathname: string): { route: PageRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

export function mayOpen(route: PageRoute, scopes: ReadonlySet<string>): boolean {
  return !route.scope || scopes.has(route.scope);
}
