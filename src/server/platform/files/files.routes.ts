// POST /files (raw body, any accepted type up to 20 MB) and GET /files/{sha256}.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireCaller } from '../access/access.plugin.ts';
import { badRequest } from '../errors.ts';
import { FILE_LIMIT, type FileStore } from './files.store.ts';

const Stored = Type.Object({ sha256: Type.String(), size: Type.Integer(), contentType: Type.String() });

export const fileRoutes: FastifyPluginAsync<{ files: FileStore }> = async (app, { files }) => {
  // this plugin's routes take the body as raw bytes, whatever its type
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_req, body, done) => done(null, body));

  app.post(
    '/files',
    {
      config: { access: 'act' },
      bodyLimit: FILE_LIMIT,
      schema: {
        summary: '上传附件 (store a file by its SHA-256; raw body, up to 20 MB; 413 beyond, 415 for refused or mislabelled types)',
        tags: ['files'],
        response: { 200: Stored },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw badRequest('body: 请以原始字节上传文件 (send the file as the raw body)', { field: 'body' });
      return files.put(requireCaller(request), body, request.headers['content-type']);
    },
  );

  app.get(
    '/files/:sha256',
    {
      config: { access: 'read' },
      schema: {
        summary: '下载附件 (a stored file, for callers who may see an alert citing it)',
        tags: ['files'],
        params: Type.Object({ sha256: Type.String() }),
        response: { 200: Type.Unknown({ description: 'the file, with its stored Content-Type' }) },
      },
    },
    async (request, reply) => {
      const f = await files.open(requireCaller(request), (request.params as { sha256: string }).sha256);
      return reply
        .header('content-type', f.contentType)
        .header('content-length', f.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${f.sha256}"`)
        .header('content-disposition', `${files.inline(f.contentType) ? 'inline' : 'attachment'}; filename="${f.sha256}"`)
        .send(f.stream);
    },
  );
};
