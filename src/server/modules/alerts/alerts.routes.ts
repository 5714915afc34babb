// GET /alerts and GET /alerts/{id}, as api.md fixes them.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireCaller } from '../../platform/access/access.plugin.ts';
import type { AlertQuery, AlertService } from './alerts.service.ts';

const Level = Type.Union(['blue', 'yellow', 'orange', 'red'].map((l) => Type.Literal(l)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AlertSchema = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  level: Level,
  status: Type.String(),
  unit: Type.String(),
  subject: Type.Object({ kind: Type.String(), id: Type.String() }),
  title: Type.String(),
  evidence: Type.Object({ figures: Type.Record(Type.String(), Type.Unknown()), eventIds: Type.Array(Type.String()) }),
  paramVersion: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  dueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

const time = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

export const alertRoutes: FastifyPluginAsync<{ alerts: AlertService }> = async (app, { alerts }) => {
  app.get(
    '/alerts',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警列表 (alerts of your units, newest first)',
        tags: ['alerts'],
        querystring: Type.Object({
          rule: Type.Optional(Type.String({ description: 'rule code, or several separated by commas' })),
          level: Type.Optional(Type.String({ pattern: '^(blue|yellow|orange|red)(,(blue|yellow|orange|red))*$' })),
          status: Type.Optional(Type.String()),
          unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'this unit and the units below it' })),
          subjectKind: Type.Optional(Type.String()),
          subjectId: Type.Optional(Type.String()),
          from: time('created at or after'),
          to: time('created at or before'),
          overdue: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AlertSchema), nextCursor: Nullable(Type.String()), total: Type.Integer() }) },
      },
    },
    async (request) => alerts.list(requireCaller(request), request.query as AlertQuery),
  );

  app.get(
    '/alerts/:id',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警详情 (one alert with its evidence, its events and its history)',
        tags: ['alerts'],
        params: Type.Object({ id: Type.String() }),
        response: {
          200: Type.Intersect([
            AlertSchema,
            Type.Object({
              events: Type.Array(
                Type.Object({ id: Type.String(), type: Type.String(), occurredAt: Type.String(), unit: Type.String(), body: Type.Record(Type.String(), Type.Unknown()) }),
              ),
              history: Type.Array(
                Type.Object({
                  at: Type.String(),
                  kind: Type.String(),
                  actor: Type.String(),
                  unit: Nullable(Type.String()),
                  level: Nullable(Type.String()),
                  text: Nullable(Type.String()),
                  detail: Type.Unknown(),
                }),
              ),
            }),
          ]),
        },
      },
    },
    async (request) => alerts.get(requireCaller(request), (request.params as { id: string }).id),
  );
};
