// The content-addressed file store: bytes under <dataDir>/files/ab/cd/<sha256>, one row per file, one row per
// uploading unit. Who may read a file is not the store's question: modules that cite files register a
// reader check (the alerts module: "may the caller see an alert citing it").
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { asTx, inTransaction } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Caller } from '../access/caller.ts';
import { actorLabel } from '../access/caller.ts';
import type { UnitTree } from '../access/unit-tree.ts';
import { appendAudit } from '../audit/index.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { fileUploads, files } from './files.tables.ts';

export const FILE_LIMIT = 20 * 1024 * 1024;
export const SHA256_RE = /^[0-9a-f]{64}$/;

/** types a browser would run if served back: refused outright */
const REFUSED = new Set(['text/html', 'application/xhtml+xml', 'image/svg+xml', 'application/javascript', 'text/javascript', 'application/ecmascript', 'text/xml', 'application/xml']);

/** declared types whose first bytes are checked */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
};

/** inline display is safe for these; anything else is served as a download */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'video/mp4', 'text/plain']);

export type FileReadCheck = (tx: Tx, caller: Caller, sha256: string) => Promise<boolean>;

export interface StoredFile {
  sha256: string;
  size: number;
  contentType: string;
}

export function normaliseType(raw: string | undefined): string {
  const t = (raw ?? '').split(';')[0].trim().toLowerCase();
  return t === '' ? 'application/octet-stream' : t;
}

/** 415 for a type that may not be stored, or bytes that are not what the type says */
export function checkType(contentType: string, body: Buffer): void {
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(contentType)) throw new AppError('unsupported_media_type', `Content-Type: 无法识别的类型 (unrecognised type ${contentType.slice(0, 80)})`);
  if (REFUSED.has(contentType)) throw new AppError('unsupported_media_type', `Content-Type: 不接受 ${contentType} 类型的附件 (this type is not accepted)`);
  const magic = MAGIC[contentType];
  if (magic && !magic(body)) throw new AppError('unsupported_media_type', `Content-Type: 文件内容与声明的类型 ${contentType} 不符 (content does not match the declared type)`);
}

export class FileStore {
  private readonly checks: FileReadCheck[] = [];
  readonly dir: string;

  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
    dataDir: string,
  ) {
    this.dir = path.join(dataDir, 'files');
  }

  /** modules that cite files say who may read them */
  addReadCheck(check: FileReadCheck): void {
    this.checks.push(check);
  }

  pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(caller: Caller, body: Buffer, rawType: string | undefined): Promise<StoredFile> {
    if (body.length === 0) throw badRequest('body: 文件为空 (empty file)', { field: 'body' });
    if (body.length > FILE_LIMIT) throw new AppError('payload_too_large', '文件超过 20 MB (file larger than 20 MB)');
    const contentType = normaliseType(rawType);
    checkType(contentType, body);
    const sha256 = crypto.createHash('sha256').update(body).digest('hex');
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // write aside and rename: a reader never sees half a file, and two writers of one hash agree
      const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      await fs.promises.writeFile(tmp, body, { flag: 'wx' });
      await fs.promises.rename(tmp, target);
    }
    const at = this.clock.now();
    await inTransaction(this.database, async (tx) => {
      await tx.insert(files).values({ sha256, size: body.length, contentType, createdAt: at.toISOString() }).onConflictDoNothing();
      await tx.insert(fileUploads).values({ sha256, unitCode: caller.unitCode, uploadedBy: actorLabel(caller), uploadedAt: at.toISOString() }).onConflictDoNothing();
      await appendAudit(tx, { at, actor: actorLabel(caller), unitCode: caller.unitCode || null, ip: caller.ip, action: 'files.upload', detail: { sha256, size: body.length, contentType } });
    });
    const [row] = await asTx(this.database.db).select().from(files).where(eq(files.sha256, sha256));
    return { sha256, size: row.size, contentType: row.contentType };
  }

  /** the stored files among these hashes */
  async existing(tx: Tx, hashes: readonly string[]): Promise<Set<string>> {
    const valid = hashes.filter((h) => SHA256_RE.test(h));
    if (!valid.length) return new Set();
    const rows = await tx.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, [...new Set(valid)]));
    return new Set(rows.map((r) => r.sha256));
  }

  /** a file for a caller who may read it; everyone else is told it does not exist */
  async open(caller: Caller, sha256: string): Promise<StoredFile & { stream: fs.ReadStream }> {
    const missing = () => notFound('文件不存在 (no such file)');
    if (!SHA256_RE.test(sha256)) throw missing();
    const tx = asTx(this.database.db);
    const [row] = await tx.select().from(files).where(eq(files.sha256, sha256));
    if (!row) throw missing();
    if (!(await this.mayRead(tx, caller, sha256))) throw missing();
    const p = this.pathOf(sha256);
    if (!fs.existsSync(p)) throw missing();
    return { sha256, size: row.size, contentType: row.contentType, stream: fs.createReadStream(p) };
  }

  private async mayRead(tx: Tx, caller: Caller, sha256: string): Promise<boolean> {
    if (caller.unitPath === '/') return true;
    // the uploading unit (or one above it) holds the bytes already
    const ups = await tx.select({ unitCode: fileUploads.unitCode }).from(fileUploads).where(and(eq(fileUploads.sha256, sha256)));
    if (ups.some((u) => this.units.within(caller.unitPath, u.unitCode))) return true;
    for (const check of this.checks) if (await check(tx, caller, sha256)) return true;
    return false;
  }

  inline(contentType: string): boolean {
    return INLINE.has(contentType);
  }
}
