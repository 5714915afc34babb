// Rule catalogue and versioned parameters over HTTP.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { isRootCaller, requireCaller } from '../../platform/access/access.plugin.ts';
import type { AccessService } from '../../platform/access/access.service.ts';
import type { RuleParamsService } from './params.service.ts';
import type { DetectionRunner } from './runner.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';

const ParamsSchema = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]));
const VersionSchema = Type.Object({ version: Type.Integer(), params: ParamsSchema, changedBy: Type.String(), changedAt: Type.String(), reason: Type.String() });

const Subject = Type.Object({ kind: Type.String(), id: Type.String() });
const rootOnly = (access: AccessService, request: Parameters<typeof requireCaller>[0]) => {
  if (!isRootCaller(access, requireCaller(request))) throw forbidden('仅限省级单位 (root unit only)');
};

export const detectionRoutes: FastifyPluginAsync<{ params: RuleParamsService; access: AccessService; runner: DetectionRunner }> = async (app, { params, access, runner }) => {
  app.post(
    '/detection/run',
    {
      config: { access: 'admin' },
      schema: {
        summary: '立即运行时限与定期规则 (run the time-dependent and scheduled rules now, or as of a past time to replay history; root unit only)',
        tags: ['detection'],
        body: Type.Object({
          asOf: Type.Optional(Type.String({ format: 'date-time', description: 'judge as of this time (default: now)' })),
          rules: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'only these rules' })),
          since: Type.Optional(Type.String({ format: 'date-time', description: 'judge every calendar window that ended after this time, not only the latest' })),
        }),
        response: {
          200: Type.Object({
            asOf: Type.String(),
            rules: Type.Array(Type.String()),
            opened: Type.Integer(),
            updated: Type.Integer(),
            byRule: Type.Record(Type.String(), Type.Object({ opened: Type.Integer(), updated: Type.Integer() })),
            windows: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      rootOnly(access, request);
      const body = (request.body ?? {}) as { asOf?: string; rules?: string[]; since?: string };
      const asOf = body.asOf ? new Date(body.asOf) : runner.now();
      if (asOf.getTime() > runner.now().getTime() + 10 * 60_000) throw badRequest('asOf: 不能晚于当前时间 (asOf cannot be in the future)', { field: 'asOf' });
      const since = body.since ? new Date(body.since) : undefined;
      if (since && since.getTime() >= asOf.getTime()) throw badRequest('since: 须早于 asOf (since must be before asOf)', { field: 'since' });
      if (since && asOf.getTime() - since.getTime() > 400 * 86_400_000) throw badRequest('since: 回放区间不超过400天 (at most 400 days at once)', { field: 'since' });
      return runner.run({ asOf, rules: body.rules, since });
    },
  );

  app.post(
    '/rules/:code/backtest',
    {
      config: { access: 'read' },
      schema: {
        summary: '回测规则参数 (what a rule with proposed parameters would open and not open over stored history; writes nothing; root unit only)',
        tags: ['detection'],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object({
          params: Type.Record(Type.String(), Type.Unknown()),
          from: Type.String({ format: 'date-time' }),
          to: Type.String({ format: 'date-time' }),
        }),
        response: {
          200: Type.Object({
            rule: Type.String(),
            from: Type.String(),
            to: Type.String(),
            params: ParamsSchema,
            found: Type.Integer(),
            wouldOpen: Type.Array(Type.Object({ subject: Subject, level: Type.String(), title: Type.String(), unit: Type.String() })),
            wouldNotOpen: Type.Array(Type.Object({ id: Type.String(), subject: Subject, level: Type.String(), title: Type.String() })),
            levelChanges: Type.Array(Type.Object({ id: Type.String(), subject: Subject, from: Type.String(), to: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      rootOnly(access, request);
      const body = request.body as { params: Record<string, unknown>; from: string; to: string };
      return runner.backtest((request.params as { code: string }).code, body.params, new Date(body.from), new Date(body.to));
    },
  );

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
