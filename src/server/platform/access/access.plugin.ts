// The one place that decides who is calling and whether the route's declared access is met. Routes state
// `config.access`; a route that states nothing requires a signed-in caller. Per-row checks (is this unit
// inside the caller's subtree) go through `canSeeUnit` so every module asks the same question.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, forbidden, unauthenticated } from '../errors.ts';
import type { AccessService } from './access.service.ts';
import { SESSION_COOKIE } from './access.service.ts';
import type { Caller } from './caller.ts';

export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthenticated();
  return request.caller;
}

async function accessPlugin(app: FastifyInstance, opts: { access: AccessService }) {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (request.routeOptions.url === undefined) return; // no route: the 404 handler answers
    if (access === 'public') return;
    // the web console's static files carry no access level and need none; the API always does
    if (access === undefined && !request.url.startsWith('/api/')) return;
    const ip = request.ip;
    const header = request.headers.authorization;
    let caller: Caller | null = null;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw unauthenticated('Authorization 头格式应为 "Bearer <token>" (malformed Authorization header)');
      caller = await opts.access.callerFromBearer(m[1], ip);
      if (!caller) throw unauthenticated('令牌无效或已吊销 (invalid or revoked token)');
    } else {
      const cookie = request.cookies?.[SESSION_COOKIE];
      if (cookie) caller = await opts.access.callerFromSession(cookie, ip);
      if (!caller) throw unauthenticated();
    }
    if (access !== undefined && access !== 'session' && !caller.scopes.has(access)) {
      throw forbidden(`需要 ${access} 权限 (this needs the "${access}" scope)`);
    }
    request.caller = caller;
  });
}

export const accessHook = fp(accessPlugin, { name: 'bihuan-access' });

/** true when the unit is the caller's own or below it */
export function canSeeUnit(access: AccessService, caller: Caller, unitCode: string | null): boolean {
  if (unitCode === null) return isRootCaller(access, caller);
  return caller.unitPath === '/' || access.units.within(caller.unitPath, unitCode);
}

export function assertCanSeeUnit(access: AccessService, caller: Caller, unitCode: string): void {
  if (!canSeeUnit(access, caller, unitCode)) throw new AppError('forbidden', `unit: 单位 ${unitCode} 不在您的管辖范围内 (outside your units)`);
}

/** the caller stands at the top of the unit tree (the root unit, or the platform administrator) */
export function isRootCaller(access: AccessService, caller: Caller): boolean {
  return caller.unitPath === '/' || access.units.get(caller.unitCode)?.depth === 0;
}
