// Rule catalogue and versioned parameters over HTTP.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { isRootCaller, requireCaller } from '../../platform/access/access.plugin.ts';
import type { AccessService } from '../../platform/access/access.service.ts';
import type { RuleParamsService } from './params.service.ts';

const ParamsSchema = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]));
const VersionSchema = Type.Object({ version: Type.Integer(), params: ParamsSchema, changedBy: Type.String(), changedAt: Type.String(), reason: Type.String() });

export const detectionRoutes: FastifyPluginAsync<{ params: RuleParamsService; access: AccessService }> = async (app, { params, access }) => {
  app.get(
    '/rules',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警规则及其参数 (the rules with the parameters in force)',
        tags: ['detection'],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                defaults: ParamsSchema,
                paramLabels: Type.Record(Type.String(), Type.String()),
                current: VersionSchema,
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: params.rules().map((r) => ({ code: r.code, name: r.name, defaults: r.defaults, paramLabels: r.paramLabels, current: params.params(r.code) })) }),
  );

  app.put(
    '/rules',
    {
      config: { access: 'admin' },
      schema: {
        summary: '修改规则参数 (a new version of one rule\'s parameters; root unit administrators only)',
        tags: ['detection'],
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), params: Type.Record(Type.String(), Type.Unknown()), reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
        response: { 200: VersionSchema },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const body = request.body as { code: string; params: Record<string, unknown>; reason: string };
      return params.update(caller, isRootCaller(access, caller), body.code, body.params, body.reason);
    },
  );

  app.get(
    '/rules/:code/versions',
    {
      config: { access: 'read' },
      schema: {
        summary: '规则参数的历史版本 (every version of a rule\'s parameters, newest first)',
        tags: ['detection'],
        params: Type.Object({ code: Type.String() }),
        response: { 200: Type.Object({ items: Type.Array(VersionSchema) }) },
      },
    },
    async (request) => ({ items: await params.versions((request.params as { code: string }).code) }),
  );
};
