// GET /alerts, GET /alerts/{id} and POST /alerts/{id}/actions as api.md fixes them; deadlines, notifications
// (list and server push) and the daily digest.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireCaller } from '../../platform/access/access.plugin.ts';
import { ALERT_SORTS, type AlertQuery, type AlertService } from './alerts.service.ts';
import type { ActionInput } from './act-on-alert.ts';
import { ACTIONS } from './alert-state.ts';
import type { NotificationView } from './notifications.ts';

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
  closedAt: Nullable(Type.String()),
  finding: Nullable(Type.String()),
  missedDeadlines: Type.Integer(),
  escalatedTo: Nullable(Type.String()),
  supervised: Type.Boolean(),
  mergedInto: Nullable(Type.String()),
  allowedActions: Type.Array(Type.Union(ACTIONS.map((a) => Type.Literal(a))), { description: 'the steps this caller may take on the alert now' }),
});

const OrderSchema = Type.Object({
  id: Type.String(),
  unit: Type.String(),
  targetUnit: Type.String(),
  issuedBy: Type.String(),
  issuedAt: Type.String(),
  dueAt: Type.String(),
  note: Type.String(),
  status: Type.String({ description: 'open, fulfilled, missed, superseded, closed' }),
  closedAt: Nullable(Type.String()),
});

const Sha = Type.String({ pattern: '^[0-9a-fA-F]{64}$' });
const Text = (max = 4000) => Type.Optional(Type.String({ maxLength: max }));

const ActionBody = Type.Object(
  {
    action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
    finding: Type.Optional(Type.Union([Type.Literal('substantiated'), Type.Literal('unsubstantiated')])),
    account: Text(),
    attachments: Type.Optional(Type.Array(Sha, { maxItems: 50 })),
    measures: Text(),
    accountability: Type.Optional(Type.Union(['none', 'criticism', 'conduct_deduction', 'disciplinary'].map((a) => Type.Literal(a)))),
    personNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    points: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    note: Text(),
    reason: Text(),
    to: Type.Optional(Type.Union([Type.Literal('verifying'), Type.Literal('rectifying')])),
    unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    level: Type.Optional(Level),
    text: Text(),
    into: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { description: 'the fields of each action as api.md lists them; others are ignored' },
);

const LevelHours = Type.Object({ red: Type.Number(), orange: Type.Number(), yellow: Type.Number(), blue: Type.Number() });
const DeadlineConfigSchema = Type.Object({
  default: Type.Object({ sign: LevelHours, verify: LevelHours, rectify: LevelHours, review: LevelHours }),
  rules: Type.Record(Type.String(), Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()))),
});
const DeadlineVersionSchema = Type.Object({ version: Type.Integer(), config: DeadlineConfigSchema, changedBy: Type.String(), changedAt: Type.String(), reason: Type.String() });

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  unit: Type.String(),
  kind: Type.String({ description: 'alert.new, alert.raised, alert.reassigned, supervision, overdue, escalated, unreachable' }),
  alertId: Nullable(Type.String()),
  level: Nullable(Type.String()),
  title: Type.String(),
  detail: Type.Unknown(),
});

const time = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

export const alertRoutes: FastifyPluginAsync<{ alerts: AlertService }> = async (app, { alerts }) => {
  app.get(
    '/alerts',
    {
      config: { access: 'read' },
      schema: {
        summary: '预警列表 (alerts of your units, newest first or in the order `sort` asks)',
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
          escalatedTo: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'alerts that missed deadlines put on this unit\'s board' })),
          sort: Type.Optional(
            Type.String({
              maxLength: 16,
              default: '-createdAt',
              examples: [...ALERT_SORTS],
              description:
                `one of ${ALERT_SORTS.join(', ')}; a leading - means descending. level: by severity (-level: red first); ` +
                'dueAt: soonest deadline first, alerts without one last; rule, unit: by code. Ties by createdAt desc, then id desc',
            }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
          cursor: Type.Optional(Type.String({ maxLength: 400, description: 'nextCursor of the previous page, with the same sort' })),
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
              supervisionOrders: Type.Array(OrderSchema),
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

  app.post(
    '/alerts/:id/actions',
    {
      config: { access: 'act' },
      schema: {
        summary: '处置步骤 (a workflow step; 403 not yours to take, 409 not in this state; returns the updated alert)',
        tags: ['alerts'],
        params: Type.Object({ id: Type.String() }),
        body: ActionBody,
        response: { 200: AlertSchema },
      },
    },
    async (request) => alerts.act(requireCaller(request), (request.params as { id: string }).id, request.body as ActionInput),
  );

  app.get(
    '/deadlines',
    {
      config: { access: 'read' },
      schema: {
        summary: '处置期限配置 (deadlines in hours per step and level, and per rule, in force)',
        tags: ['alerts'],
        response: { 200: DeadlineVersionSchema },
      },
    },
    async () => alerts.deadlines.current(),
  );

  app.put(
    '/deadlines',
    {
      config: { access: 'admin' },
      schema: {
        summary: '修改处置期限 (a new version of the deadlines; root unit administrators only; applies to steps begun after it)',
        tags: ['alerts'],
        body: Type.Object({
          config: Type.Object({ default: Type.Unknown(), rules: Type.Optional(Type.Unknown()) }),
          reason: Type.String({ minLength: 1, maxLength: 2000 }),
        }),
        response: { 200: DeadlineVersionSchema },
      },
    },
    async (request) => {
      const body = request.body as { config: { default?: unknown; rules?: unknown }; reason: string };
      return alerts.updateDeadlines(requireCaller(request), body.config, body.reason);
    },
  );

  app.get(
    '/deadlines/versions',
    {
      config: { access: 'read' },
      schema: {
        summary: '处置期限的历史版本 (every version of the deadlines, newest first)',
        tags: ['alerts'],
        response: { 200: Type.Object({ items: Type.Array(DeadlineVersionSchema) }) },
      },
    },
    async () => ({ items: await alerts.deadlines.versions() }),
  );

  app.get(
    '/notifications',
    {
      config: { access: 'read' },
      schema: {
        summary: '通知 (notices addressed to your units, newest first)',
        tags: ['alerts'],
        querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: { 200: Type.Object({ items: Type.Array(NotificationSchema), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (request) => alerts.notices(requireCaller(request), request.query as { before?: number; limit: number }),
  );

  app.get(
    '/notifications/stream',
    {
      config: { access: 'read' },
      schema: {
        summary: '通知推送 (server-sent events: new red/orange alerts, supervision orders, overdue and unreachable notices for your units; resumes after Last-Event-ID)',
        tags: ['alerts'],
        querystring: Type.Object({
          maxSeconds: Type.Integer({ minimum: 0, maximum: 86400, default: 3600, description: 'close the stream after this long (the client reconnects); 0: send the backlog and close' }),
          lastEventId: Type.Optional(Type.Integer({ minimum: 0, description: 'as the Last-Event-ID header' })),
        }),
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const q = request.query as { maxSeconds: number; lastEventId?: number };
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      const lastId = fromHeader ?? q.lastEventId ?? null;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      raw.write('retry: 5000\n\n');
      // unnamed events reach every EventSource's onmessage; the kind is in the data
      const send = (n: NotificationView) => raw.write(`id: ${n.id}\ndata: ${JSON.stringify(n)}\n\n`);
      let ended = false;
      const unsubscribe = await alerts.hub.subscribe(caller.unitPath, lastId, send, () => end());
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(ping);
        clearTimeout(stop);
        unsubscribe();
        raw.end();
      };
      const ping = setInterval(() => raw.write(': ping\n\n'), 20_000);
      const stop = setTimeout(end, q.maxSeconds * 1000);
      request.raw.on('close', end);
      if (q.maxSeconds === 0) end();
    },
  );

  app.get(
    '/digest',
    {
      config: { access: 'read' },
      schema: {
        summary: '每日摘要 (one Asia/Shanghai day for your units: alerts opened and closed, notices, alerts overdue)',
        tags: ['alerts'],
        querystring: Type.Object({
          date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
          unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
        }),
        response: {
          200: Type.Object({
            date: Type.String(),
            from: Type.String(),
            to: Type.String(),
            unit: Type.String(),
            opened: Type.Object({ red: Type.Integer(), orange: Type.Integer(), yellow: Type.Integer(), blue: Type.Integer(), total: Type.Integer() }),
            closed: Type.Object({ total: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() }),
            notifications: Type.Object({ counts: Type.Record(Type.String(), Type.Integer()), items: Type.Array(NotificationSchema) }),
            overdue: Type.Object({ asOf: Type.String(), total: Type.Integer(), items: Type.Array(AlertSchema) }),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { date: string; unit?: string };
      return alerts.digest(requireCaller(request), q.date, q.unit);
    },
  );
};
