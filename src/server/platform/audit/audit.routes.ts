// The audit log over HTTP: the root and proofs for anyone who may read, the entries for admins of
// their own units. Thin: schemas, access level, one service call.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { asTx, type Database } from '../db/client.ts';
import { requireCaller } from '../access/access.plugin.ts';
import { auditRoot, consistencyProof, inclusionProof, listEntries } from './audit.service.ts';

const Base64 = Type.String({ description: 'SHA-256, base64' });
const Size = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

const RootSchema = Type.Object({ size: Type.Integer(), root: Base64 });

const InclusionQuery = Type.Object({
  index: Size('leaf index (seq)'),
  size: Type.Optional(Size('tree size; default: the current size')),
});

const InclusionSchema = Type.Object({
  leafIndex: Type.Integer(),
  treeSize: Type.Integer(),
  leafHash: Base64,
  root: Base64,
  proof: Type.Array(Base64),
});

const ConsistencyQuery = Type.Object({
  from: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the earlier tree size' }),
  to: Type.Optional(Size('the later tree size; default: the current size')),
});

const ConsistencySchema = Type.Object({
  size1: Type.Integer(),
  size2: Type.Integer(),
  root1: Base64,
  root2: Base64,
  proof: Type.Array(Base64),
});

const EntriesQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  before: Type.Optional(Size('cursor: entries with seq below this (nextCursor of the previous page)')),
});

const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  leafHash: Base64,
});

const EntriesSchema = Type.Object({
  items: Type.Array(EntrySchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});

export const auditRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const tx = () => asTx(database.db);

  app.get(
    '/audit/root',
    {
      config: { access: 'read' },
      schema: { summary: '审计日志当前根哈希 (current size and Merkle root of the audit log)', tags: ['audit'], response: { 200: RootSchema } },
    },
    async () => auditRoot(tx()),
  );

  app.get(
    '/audit/proof/inclusion',
    {
      config: { access: 'read' },
      schema: {
        summary: '审计条目存在性证明 (RFC 6962 inclusion proof of one entry)',
        tags: ['audit'],
        querystring: InclusionQuery,
        response: { 200: InclusionSchema },
      },
    },
    async (request) => {
      const q = request.query as Static<typeof InclusionQuery>;
      return inclusionProof(tx(), q.index, q.size);
    },
  );

  app.get(
    '/audit/proof/consistency',
    {
      config: { access: 'read' },
      schema: {
        summary: '审计日志一致性证明 (RFC 6962 consistency proof between two sizes)',
        tags: ['audit'],
        querystring: ConsistencyQuery,
        response: { 200: ConsistencySchema },
      },
    },
    async (request) => {
      const q = request.query as Static<typeof ConsistencyQuery>;
      return consistencyProof(tx(), q.from, q.to);
    },
  );

  app.get(
    '/audit/entries',
    {
      config: { access: 'admin' },
      schema: {
        summary: '本单位及下级单位的审计条目 (audit entries of your units, newest first)',
        tags: ['audit'],
        querystring: EntriesQuery,
        response: { 200: EntriesSchema },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const q = request.query as Static<typeof EntriesQuery>;
      return listEntries(tx(), { limit: q.limit, beforeSeq: q.before, unitPathPrefix: caller.unitPath });
    },
  );
};
