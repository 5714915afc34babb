// The file store: by content hash, size and type limits, and served only to those who may see a citing alert.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/client.ts';
import { testPlatform, UNITS, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
const tokens: Record<string, string> = {};
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function fetchFile(hash: string, who: string) {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/files/${hash}`, headers: { authorization: `Bearer ${tokens[who]}` } });
  return res;
}

beforeAll(async () => {
  p = await testPlatform();
  for (const [name, unit, scopes] of [
    ['xc', UNITS.xincheng, ['read', 'act']],
    ['hm', UNITS.huimin, ['read', 'act']],
    ['hh', UNITS.hohhot, ['read']],
    ['dh', UNITS.donghe, ['read', 'act']],
    ['xcRead', UNITS.xincheng, ['read']],
  ] as const) {
    tokens[name] = (await p.post('/api/v1/tokens', { name: `f-${name}`, unit, scopes: [...scopes] })).json.token;
  }
});
afterAll(async () => p?.close());

describe('files', () => {
  it('are stored by SHA-256 under the data folder, once however often uploaded', async () => {
    const a = await p.post('/api/v1/files', PNG, { token: tokens.xc, contentType: 'image/png' });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ sha256: sha(PNG), size: PNG.length, contentType: 'image/png' });
    const again = await p.post('/api/v1/files', PNG, { token: tokens.xc, contentType: 'image/png' });
    expect(again.json.sha256).toBe(a.json.sha256);
    expect(fs.readFileSync(p.files.pathOf(a.json.sha256)).equals(PNG)).toBe(true);
    // uploading needs the act scope
    expect((await p.post('/api/v1/files', PNG, { token: tokens.xcRead, contentType: 'image/png' })).status).toBe(403);
  });

  it('refuse more than 20 MB with 413, and refused or mislabelled types with 415', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    const tooBig = await p.post('/api/v1/files', big, { token: tokens.xc, contentType: 'application/octet-stream' });
    expect(tooBig.status).toBe(413);
    const exactly = await p.post('/api/v1/files', big.subarray(0, 20 * 1024 * 1024), { token: tokens.xc, contentType: 'application/octet-stream' });
    expect(exactly.status).toBe(200);
    expect((await p.post('/api/v1/files', '<script>alert(1)</script>', { token: tokens.xc, contentType: 'text/html' })).status).toBe(415);
    expect((await p.post('/api/v1/files', '<svg/>', { token: tokens.xc, contentType: 'image/svg+xml' })).status).toBe(415);
    const fake = await p.post('/api/v1/files', Buffer.from('not a png at all'), { token: tokens.xc, contentType: 'image/png' });
    expect(fake.status).toBe(415);
    expect(fake.json.error.code).toBe('unsupported_media_type');
    expect((await p.post('/api/v1/files', Buffer.from('%PDF-1.7 ok'), { token: tokens.xc, contentType: 'application/pdf' })).status).toBe(200);
    expect((await p.post('/api/v1/files', Buffer.alloc(0), { token: tokens.xc, contentType: 'application/pdf' })).status).toBe(400);
  });

  it('are served to whoever may see an alert citing them, and to the uploading unit; a foreign county gets 404', async () => {
    const proof = Buffer.from(`%PDF-1.4 核查记录 ${crypto.randomUUID()}`);
    const up = await p.post('/api/v1/files', proof, { token: tokens.xc, contentType: 'application/pdf' });
    const hash = up.json.sha256 as string;
    // before any alert cites it: the uploader's unit (and the root) only
    expect((await fetchFile(hash, 'xc')).statusCode).toBe(200);
    expect((await fetchFile(hash, 'hh')).statusCode).toBe(200); // 新城区 is below 呼和浩特: it uploaded there
    expect((await fetchFile(hash, 'hm')).statusCode).toBe(404);
    const [alert] = (
      await inTransaction(p.database, (tx) =>
        p.alerts.recordFindings(
          tx,
          [{ rule: 'ALC_REFUSED_BREATH', subjectKind: 'case', subjectId: 'JQ-F-1', level: 'blue', unitCode: UNITS.xincheng, title: '拒绝呼气式检测', figures: {}, eventIds: [], paramVersion: 1 }],
          p.clock.now(),
        ),
      )
    ).opened;
    const act = (body: Record<string, unknown>) => p.post(`/api/v1/alerts/${alert.id}/actions`, body, { token: tokens.xc });
    expect((await act({ action: 'sign' })).status).toBe(200);
    // an unsubstantiated finding needs proof; the proof must have been uploaded
    expect((await act({ action: 'verify', finding: 'unsubstantiated', account: '不属实' })).status).toBe(400);
    expect((await act({ action: 'verify', finding: 'unsubstantiated', account: '不属实', attachments: ['0'.repeat(64)] })).status).toBe(400);
    const v = await act({ action: 'verify', finding: 'unsubstantiated', account: '经核查不属实', attachments: [hash] });
    expect(v.status).toBe(200);
    const detail = await p.get(`/api/v1/alerts/${alert.id}`);
    expect(detail.json.history.at(-1).detail.attachments).toEqual([hash]);

    const served = await fetchFile(hash, 'hh');
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(proof)).toBe(true);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    // another county of the same city, and a county of another city: the file does not exist for them
    expect((await fetchFile(hash, 'hm')).statusCode).toBe(404);
    expect((await fetchFile(hash, 'dh')).statusCode).toBe(404);
    expect((await fetchFile('f'.repeat(64), 'xc')).statusCode).toBe(404);
    expect((await fetchFile('not-a-hash', 'xc')).statusCode).toBe(404);
    // a non-image type is served as a download
    const bin = await p.post('/api/v1/files', Buffer.from([1, 2, 3, 4]), { token: tokens.xc, contentType: 'application/octet-stream' });
    expect((await fetchFile(bin.json.sha256, 'xc')).headers['content-disposition']).toMatch(/^attachment/);
  });
});
