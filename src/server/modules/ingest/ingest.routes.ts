// POST /events (JSON or NDJSON, streamed) and the dead-letter list for administrators.
import type { FastifyPluginAsync } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { requireCaller } from '../../platform/access/access.plugin.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/client.ts';
import { asTx } from '../../platform/db/client.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import type { IngestService } from './ingest.service.ts';
import { listDeadLetters } from './ingest.repository.ts';

export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

const SummarySchema = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), id: Type.Union([Type.String(), Type.Null()]), error: Type.String() })),
});

export const ingestRoutes: FastifyPluginAsync<{ ingest: IngestService; database: Database; units: UnitTree; bodyLimit: number }> = async (
  app,
  { ingest, database, units, bodyLimit },
) => {
  app.post(
    '/events',
    {
      config: { access: 'ingest' },
      schema: {
        summary: '上报业务事件 (report events: one JSON event, a JSON array, or NDJSON one event a line)',
        description:
          'Content-Type application/json (an event or an array) or application/x-ndjson (streamed). Every event is validated against its type\'s schema (components/schemas/event.*); rejected events are listed with their index and kept as dead letters; an id already accepted counts as a duplicate.',
        tags: ['ingest'],
        response: { 200: SummarySchema },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const body = request.body as unknown;
      if (isStream(body)) {
        const declared = Number(request.headers['content-length'] ?? NaN);
        if (declared > bodyLimit) throw new AppError('payload_too_large', `请求体超过上限 ${bodyLimit} 字节 (body larger than ${bodyLimit} bytes)`);
        return ingest.ingestNdjson(body, caller, bodyLimit);
      }
      if (body === undefined || body === null) throw badRequest('body: 请求体为空 (empty body: send an event, an array of events, or NDJSON)', { field: 'body' });
      return ingest.ingestValues(Array.isArray(body) ? body : [body], caller);
    },
  );

  app.get(
    '/dead-letters',
    {
      config: { access: 'admin' },
      schema: {
        summary: '被拒事件 (rejected events kept for inspection, newest first)',
        tags: ['ingest'],
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }), cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$' })) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                receivedAt: Type.String(),
                source: Type.String(),
                sourceUnit: Type.Union([Type.String(), Type.Null()]),
                ip: Type.Union([Type.String(), Type.Null()]),
                batchIndex: Type.Integer(),
                eventId: Type.Union([Type.String(), Type.Null()]),
                eventType: Type.Union([Type.String(), Type.Null()]),
                error: Type.String(),
                raw: Type.String(),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const q = request.query as { limit: number; cursor?: string };
      const visible = caller.unitPath === '/' ? null : units.subtree(caller.unitPath).map((u) => u.code);
      const rows = await listDeadLetters(asTx(database.db), { limit: q.limit, before: q.cursor ? Number(q.cursor) : undefined, units: visible });
      return { items: rows, nextCursor: rows.length === q.limit ? String(rows[rows.length - 1].id) : null };
    },
  );
};

function isStream(v: unknown): v is Readable {
  return typeof v === 'object' && v !== null && typeof (v as Readable).pipe === 'function' && typeof (v as Readable).on === 'function';
}
