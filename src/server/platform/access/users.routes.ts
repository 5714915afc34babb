// GET /users (people of the caller's units), POST /users and PATCH /users/{id} (administrators, within
// their subtree). Thin: schemas, access level, one service call.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireCaller } from './access.plugin.ts';
import { userRoles, type NewUser, type UserService } from './users.service.ts';

const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  unit: Type.Union([Type.String(), Type.Null()]),
  personNo: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
});

export const userRoutes: FastifyPluginAsync<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/users',
    {
      config: { access: 'read' },
      schema: {
        summary: '人员列表 (people of your units)',
        tags: ['access'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'this unit and the units below it' })) }),
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
      },
    },
    async (request) => ({ items: await users.list(requireCaller(request), request.query as { unit?: string }) }),
  );

  app.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: '新建人员 (create a person who logs in, in your units)',
        tags: ['access'],
        body: Type.Object({
          username: Type.String({ pattern: '^[A-Za-z0-9_.-]{3,64}$' }),
          displayName: Type.String({ minLength: 1, maxLength: 100 }),
          unit: Type.String({ pattern: '^[0-9]{12}$' }),
          roles: Type.Array(Type.Union(userRoles.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 5 }),
          password: Type.String({ minLength: 8, maxLength: 256 }),
          personNo: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        }),
        response: { 200: UserSchema },
      },
    },
    async (request) => users.create(requireCaller(request), request.body as NewUser),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: '停用或启用人员 (disable or re-enable a person)',
        tags: ['access'],
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({ active: Type.Boolean() }),
        response: { 200: UserSchema },
      },
    },
    async (request) => users.setActive(requireCaller(request), (request.params as { id: string }).id, (request.body as { active: boolean }).active),
  );
};
