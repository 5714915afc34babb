// Who is calling, as decided once per request by the access plugin (access.plugin.ts).
export const scopes = ['ingest', 'read', 'act', 'admin'] as const;
export type Scope = (typeof scopes)[number];

/** What a route needs: `public` (no caller), `session` (any caller), or one scope. */
export type RouteAccess = 'public' | 'session' | Scope;

export interface Caller {
  kind: 'user' | 'token';
  /** user id or token id */
  id: string;
  /** username, or `token:<name>` */
  name: string;
  unitCode: string;
  /** materialized path of the caller's unit, '/root/…/unit/' — a unit is visible when its path starts with this */
  unitPath: string;
  scopes: ReadonlySet<Scope>;
  /** people only: supervisor, handler, admin, reviewer, approver */
  roles: readonly string[];
  personNo: string | null;
  ip: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** actor label used in audit entries and dead letters */
export function actorLabel(caller: Caller): string {
  return caller.kind === 'user' ? `user:${caller.name}` : `token:${caller.id}`;
}
