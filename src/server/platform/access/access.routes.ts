// Sessions, the unit tree and machine tokens over HTTP. Thin: schemas, access level, one service call.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AccessService } from './access.service.ts';
import { SESSION_COOKIE } from './access.service.ts';
import { requireCaller } from './access.plugin.ts';
import { scopes } from './caller.ts';

const MeSchema = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  roles: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
});

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  scopes: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const accessRoutes: FastifyPluginAsync<{ access: AccessService; secureCookie: boolean }> = async (app, { access, secureCookie }) => {
  app.post(
    '/session',
    {
      config: {
        access: 'public',
        // per address and user name: guessing one account's password is slowed down, while the people of
        // a unit behind one gateway address can still all log in at the start of a shift
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').slice(0, 64)}`,
        },
      },
      schema: {
        summary: '登录 (log in with a password)',
        tags: ['access'],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ user: MeSchema }) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const { cookie, caller, displayName } = await access.login(username, password, request.ip);
      reply.setCookie(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie, maxAge: 12 * 3600 });
      return { user: access.me(caller, displayName) };
    },
  );

  app.get(
    '/session',
    { config: { access: 'session' }, schema: { summary: '当前用户 (who am I)', tags: ['access'], response: { 200: Type.Object({ user: MeSchema }) } } },
    async (request) => {
      const caller = requireCaller(request);
      const displayName = caller.kind === 'user' ? await access.displayName(caller.id) : caller.name;
      return { user: access.me(caller, displayName) };
    },
  );

  app.delete(
    '/session',
    { config: { access: 'session' }, schema: { summary: '退出登录 (log out)', tags: ['access'] } },
    async (request, reply) => {
      const caller = requireCaller(request);
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && caller.kind === 'user') await access.logout(cookie, caller);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/units',
    {
      config: { access: 'read' },
      schema: {
        summary: '本单位及下级单位 (the caller\'s unit subtree)',
        tags: ['access'],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), depth: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      return { items: access.units.subtree(caller.unitPath) };
    },
  );

  app.get(
    '/tokens',
    { config: { access: 'admin' }, schema: { summary: '令牌列表 (tokens of your units)', tags: ['access'], response: { 200: Type.Object({ items: Type.Array(TokenSchema) }) } } },
    async (request) => ({ items: await access.listTokens(requireCaller(request)) }),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: '创建令牌 (create a bearer token; shown once)',
        tags: ['access'],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          unit: Type.String({ pattern: '^[0-9]{12}$' }),
          scopes: Type.Array(Type.Union(scopes.map((s) => Type.Literal(s))), { minItems: 1, maxItems: 4 }),
        }),
        response: { 200: Type.Object({ id: Type.String(), token: Type.String() }) },
      },
    },
    async (request) => access.createToken(requireCaller(request), request.body as { name: string; unit: string; scopes: (typeof scopes)[number][] }),
  );

  app.delete(
    '/tokens/:id',
    { config: { access: 'admin' }, schema: { summary: '吊销令牌 (revoke a token)', tags: ['access'], params: Type.Object({ id: Type.String() }) } },
    async (request, reply) => {
      await access.revokeToken(requireCaller(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
};
