// GET /reports/alert-counts, /reports/alert-trend and /reports/unit-ranking: the figures of the alert
// board and the 统计分析 dashboards, within the caller's units.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireCaller } from '../../platform/access/access.plugin.ts';
import type { ReportQuery, ReportService } from './reports.service.ts';

const time = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));
const Filters = {
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'this unit and the units below it (default: your own unit)' })),
  rule: Type.Optional(Type.String({ description: 'rule code, or several separated by commas' })),
  level: Type.Optional(Type.String({ pattern: '^(blue|yellow|orange|red)(,(blue|yellow|orange|red))*$' })),
  status: Type.Optional(Type.String()),
  from: time('created at or after'),
  to: time('created at or before'),
  overdue: Type.Optional(Type.Boolean({ description: 'only alerts open past their deadline' })),
};
const Count = Type.Object({ key: Type.String(), n: Type.Integer() });
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const UnitRow = Type.Object({
  unit: Type.String(),
  name: Type.String(),
  level: Type.String(),
  /** the unit's own alerts, not those of the units below it */
  self: Type.Boolean(),
  total: Type.Integer(),
  closed: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  closedOnTime: Type.Integer(),
  medianHoursToClose: Nullable(Type.Number()),
  closureRate: Nullable(Type.Number()),
  onTimeRate: Nullable(Type.Number()),
  score: Nullable(Type.Number()),
  rank: Type.Integer(),
});

export const reportRoutes: FastifyPluginAsync<{ reports: ReportService }> = async (app, { reports }) => {
  app.get(
    '/reports/alert-counts',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警计数 (alerts counted by level, rule, status and unit one level below; the board\'s figures)',
        tags: ['reports'],
        querystring: Type.Object(Filters),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            overdue: Type.Integer(),
            byLevel: Type.Array(Count),
            byRule: Type.Array(Count),
            byStatus: Type.Array(Count),
            byUnit: Type.Array(Type.Object({ unit: Type.String(), name: Type.String(), n: Type.Integer() })),
            asOf: Type.String(),
          }),
        },
      },
    },
    async (request) => reports.counts(requireCaller(request), request.query as ReportQuery),
  );

  app.get(
    '/reports/alert-trend',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警趋势 (alerts per day or week of creation, China Standard Time, by level and by rule)',
        tags: ['reports'],
        querystring: Type.Object({ ...Filters, bucket: Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' }) }),
        response: {
          200: Type.Object({
            bucket: Type.String(),
            byLevel: Type.Array(Type.Object({ bucket: Type.String(), key: Type.String(), n: Type.Integer() })),
            byRule: Type.Array(Type.Object({ bucket: Type.String(), key: Type.String(), n: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => reports.trend(requireCaller(request), request.query as ReportQuery & { bucket: 'day' | 'week' }),
  );

  app.get(
    '/reports/unit-ranking',
    {
      config: { access: 'read' },
      schema: {
        summary: '考核排名 (the units one level below, scored on closure, timeliness and overdue alerts)',
        tags: ['reports'],
        querystring: Type.Object(Filters),
        response: {
          200: Type.Object({
            unit: Type.Union([Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }), Type.Null()]),
            overall: Type.Union([UnitRow, Type.Null()]),
            items: Type.Array(UnitRow),
          }),
        },
      },
    },
    async (request) => reports.ranking(requireCaller(request), request.query as ReportQuery),
  );
};
