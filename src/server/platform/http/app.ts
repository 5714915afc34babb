// The HTTP edge: one Fastify instance serving the API under /api/v1 and the built web console on the
// same port. Plugin order matters: parsers and the error handler first, then access, then routes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import { AppError, forbidden } from '../errors.ts';
import type { Database } from '../db/client.ts';
import type { Settings } from '../settings.ts';
import type { AccessService } from '../access/access.service.ts';
import { accessHook, isRootCaller, requireCaller } from '../access/access.plugin.ts';
import { accessRoutes } from '../access/access.routes.ts';
import { auditRoutes } from '../audit/index.ts';
import { ingestRoutes, NDJSON_TYPES, type IngestService } from '../../modules/ingest/index.ts';
import { eventJsonSchemas } from '../../../contract/events.ts';
import { alertRoutes, type AlertService } from '../../modules/alerts/index.ts';
import { detectionRoutes, type DetectionRunner, type RuleParamsService } from '../../modules/detection/index.ts';

export interface AppDeps {
  settings: Pick<Settings, 'bodyLimit' | 'jsonBodyLimit' | 'logLevel'>;
  database: Database;
  access: AccessService;
  ingest: IngestService;
  alerts: AlertService;
  ruleParams: RuleParamsService;
  runner: DetectionRunner;
  /** further modules' routes, each registered under /api/v1 after the platform's own */
  modules?: ReadonlyArray<(api: FastifyInstance) => Promise<void>>;
  /** folder of the built web console; absent in API-only tests */
  webRoot?: string;
  logger?: boolean;
}

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.settings.logLevel },
    bodyLimit: deps.settings.jsonBodyLimit,
    trustProxy: false,
    // a slow client must not hold a connection forever, a large NDJSON upload must be allowed to finish
    requestTimeout: 30 * 60_000,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
    }
    const fe = error as FastifyError & { validation?: { instancePath: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
    if (fe.validation) {
      const first = fe.validation[0];
      const missing = first?.params?.missingProperty as string | undefined;
      const field = `${fe.validationContext ?? 'body'}${first?.instancePath.replace(/\//g, '.') ?? ''}${missing ? `.${missing}` : ''}`;
      return reply.status(400).send({ error: { code: 'bad_request', message: `${field}: ${first?.message ?? 'invalid'}`, details: { field, errors: fe.validation } } });
    }
    const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : undefined;
    if (status) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'too_many_requests' : status === 404 ? 'not_found' : 'bad_request';
      return reply.status(status).send({ error: { code, message: fe.message, details: null } });
    }
    request.log.error({ err: error }, 'request failed');
    const dbDown = /ECONNREFUSED|Connection terminated|connection.*closed/i.test(String(error.message));
    return reply
      .status(dbDown ? 503 : 500)
      .send({ error: { code: dbDown ? 'unavailable' : 'internal', message: dbDown ? '数据库暂不可用 (database unavailable)' : '服务器内部错误 (internal error)', details: null } });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && deps.webRoot && fs.existsSync(path.join(deps.webRoot, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `没有这个接口 (no route ${request.method} ${request.url.split('?')[0]})`, details: null } });
  });

  // JSON: decode strictly (mis-encoded bytes are a 400, not replacement characters), parse with plain
  // JSON.parse — it never pollutes prototypes; `__proto__` keys are refused per event by validation.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: deps.settings.jsonBodyLimit }, (_req, body: Buffer, done) => {
    if (body.length === 0) return done(null, undefined);
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      return done(new AppError('bad_request', 'body: 不是有效的UTF-8编码 (body is not valid UTF-8)'), undefined);
    }
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new AppError('bad_request', `body: 不是合法的JSON (not valid JSON: ${(e as Error).message.slice(0, 200)})`), undefined);
    }
  });
  app.addContentTypeParser(NDJSON_TYPES, (_req, payload, done) => done(null, payload));

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'bihuan 闭环 — 交管业务监管平台 API', version: '1.0.0', description: 'HTTP API v1. Events: see components/schemas/event.* (generated from the validators the server uses).' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'bihuan_session' } },
        schemas: eventJsonSchemas() as never,
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(accessHook, { access: deps.access });

  await app.register(
    async (api) => {
      api.get('/health', { config: { access: 'public' }, schema: { tags: ['platform'], response: { 200: { type: 'object', properties: { status: { type: 'string' } } }, 503: { type: 'object', properties: { status: { type: 'string' } } } } } }, async (_req, reply) => {
        try {
          await deps.database.db.execute(sql`select 1`);
          return { status: 'ok' };
        } catch {
          return reply.status(503).send({ status: 'unavailable' });
        }
      });
      api.get(
        '/metrics',
        {
          config: { access: 'admin' },
          schema: {
            summary: '进程指标 (process figures for operators: memory in bytes, uptime in seconds)',
            tags: ['platform'],
            response: {
              200: {
                type: 'object',
                properties: {
                  engine: { type: 'string' },
                  uptimeSeconds: { type: 'number' },
                  memory: { type: 'object', properties: { rss: { type: 'number' }, heapUsed: { type: 'number' }, external: { type: 'number' }, arrayBuffers: { type: 'number' } } },
                  /** small posts committed in shared transactions, and how many transactions that took */
                  ingestGroups: { type: 'object', properties: { requests: { type: 'number' }, commits: { type: 'number' } } },
                },
              },
            },
          },
        },
        async (request) => {
          // the process serves the whole province: its figures are for the root unit's operators
          if (!isRootCaller(deps.access, requireCaller(request))) throw forbidden('仅限省级管理员 (root unit administrators only)');
          return { engine: deps.database.kind, uptimeSeconds: process.uptime(), memory: process.memoryUsage(), ingestGroups: deps.ingest.groupStats };
        },
      );
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      await api.register(accessRoutes, { access: deps.access, secureCookie: false });
      await api.register(auditRoutes, { database: deps.database });
      await api.register(ingestRoutes, { ingest: deps.ingest, database: deps.database, units: deps.access.units, bodyLimit: deps.settings.bodyLimit });
      await api.register(alertRoutes, { alerts: deps.alerts });
      await api.register(detectionRoutes, { params: deps.ruleParams, access: deps.access, runner: deps.runner });
      for (const plugin of deps.modules ?? []) await api.register(plugin);
    },
    { prefix: '/api/v1' },
  );

  if (deps.webRoot && fs.existsSync(deps.webRoot)) {
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      wildcard: false,
      index: ['index.html'],
      // the build writes .br and .gz next to each file; the smaller one the browser accepts is sent
      preCompressed: true,
      // hashed file names never change content: cache them for good; index.html is checked every time
      setHeaders: (res, filePath) => {
        if (/[\\/]assets[\\/]/.test(filePath)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
