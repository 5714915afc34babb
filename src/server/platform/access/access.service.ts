// People and machines: password login with sessions, bearer tokens, and the resolution of either into
// a Caller. Every write here is audited in the same transaction.
import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../audit/index.ts';
import { apiTokens, sessions, users } from './access.tables.ts';
import { actorLabel, scopes as allScopes, type Caller, type Scope } from './caller.ts';
import type { UnitTree } from './unit-tree.ts';

export const SESSION_COOKIE = 'bihuan_session';
const SESSION_HOURS = 12;
const ROOT_PATH = '/';

export const sha256hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomSecret = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

/** what a person's roles let them do through the API */
export function scopesForRoles(roles: readonly string[]): Set<Scope> {
  const s = new Set<Scope>(['read']);
  if (roles.some((r) => ['supervisor', 'handler', 'reviewer', 'approver', 'admin'].includes(r))) s.add('act');
  if (roles.includes('admin')) {
    s.add('admin');
    s.add('ingest');
  }
  return s;
}

export interface Me {
  username: string;
  displayName: string;
  unit: { code: string; name: string; level: string };
  roles: string[];
  scopes: string[];
}

export class AccessService {
  /** short cache of token lookups: ingest posts thousands a second with the same token */
  private tokenCache = new Map<string, { caller: Omit<Caller, 'ip'> | null; until: number }>();

  constructor(
    private readonly database: Database,
    readonly units: UnitTree,
    private readonly clock: Clock,
    private readonly adminToken: string | undefined,
  ) {}

  private pathFor(unitCode: string | null): string | null {
    if (unitCode === null) return ROOT_PATH;
    return this.units.get(unitCode)?.path ?? null;
  }

  rootCaller(ip: string, name = 'token:BIHUAN_ADMIN_TOKEN'): Caller {
    return {
      kind: 'token',
      id: 'admin-token',
      name,
      unitCode: this.units.root()?.code ?? '',
      unitPath: ROOT_PATH,
      scopes: new Set(allScopes),
      roles: [],
      personNo: null,
      ip,
    };
  }

  async callerFromBearer(token: string, ip: string): Promise<Caller | null> {
    if (this.adminToken && token.length === this.adminToken.length) {
      if (crypto.timingSafeEqual(Buffer.from(token), Buffer.from(this.adminToken))) return this.rootCaller(ip);
    }
    const key = sha256hex(token);
    const now = Date.now();
    const cached = this.tokenCache.get(key);
    if (cached && cached.until > now) return cached.caller ? { ...cached.caller, ip } : null;
    const [row] = await this.database.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, key), isNull(apiTokens.revokedAt)))
      .limit(1);
    let caller: Omit<Caller, 'ip'> | null = null;
    const path = row ? this.pathFor(row.unitCode) : null;
    if (row && path) {
      caller = {
        kind: 'token',
        id: row.id,
        name: `token:${row.name}`,
        unitCode: row.unitCode,
        unitPath: path,
        scopes: new Set(row.scopes as Scope[]),
        roles: [],
        personNo: null,
      };
    }
    if (this.tokenCache.size > 10_000) this.tokenCache.clear();
    this.tokenCache.set(key, { caller, until: now + 5_000 });
    return caller ? { ...caller, ip } : null;
  }

  async callerFromSession(cookie: string, ip: string): Promise<Caller | null> {
    const nowIso = this.clock.now().toISOString();
    const [row] = await this.database.db
      .select({ user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(eq(sessions.idHash, sha256hex(cookie)), isNull(sessions.endedAt), gt(sessions.expiresAt, nowIso), eq(users.active, true)),
      )
      .limit(1);
    if (!row) return null;
    const u = row.user;
    const path = this.pathFor(u.unitCode);
    if (!path) return null;
    return {
      kind: 'user',
      id: u.id,
      name: u.username,
      unitCode: u.unitCode ?? this.units.root()?.code ?? '',
      unitPath: path,
      scopes: scopesForRoles(u.roles),
      roles: u.roles,
      personNo: u.personNo,
      ip,
    };
  }

  me(caller: Caller, displayName?: string): Me {
    const unit = this.units.get(caller.unitCode);
    return {
      username: caller.name,
      displayName: displayName ?? caller.name,
      unit: unit
        ? { code: unit.code, name: unit.name, level: unit.level }
        : { code: caller.unitCode, name: '全平台', level: 'province' },
      roles: [...caller.roles],
      scopes: [...caller.scopes],
    };
  }

  async displayName(userId: string): Promise<string | undefined> {
    const [u] = await this.database.db.select({ d: users.displayName }).from(users).where(eq(users.id, userId));
    return u?.d;
  }

  /** Verify a password and open a session. Wrong user and wrong password answer alike. */
  async login(username: string, password: string, ip: string): Promise<{ cookie: string; caller: Caller; displayName: string }> {
    const [u] = await this.database.db.select().from(users).where(eq(users.username, username)).limit(1);
    // hash anyway when the user is unknown, so timing does not reveal which user names exist
    const ok = u && u.active ? await argonVerify(u.passwordHash, password) : (await argonHash(password), false);
    const now = this.clock.now();
    if (!u || !ok) {
      await inTransaction(this.database, (tx) =>
        appendAudit(tx, { at: now, actor: `user:${username}`, unitCode: u?.unitCode ?? null, ip, action: 'session.login_failed', detail: { username } }),
      );
      throw new AppError('unauthenticated', '用户名或密码错误 (wrong user name or password)');
    }
    const cookie = randomSecret();
    await inTransaction(this.database, async (tx) => {
      await tx.insert(sessions).values({
        idHash: sha256hex(cookie),
        userId: u.id,
        ip,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      });
      await appendAudit(tx, { at: now, actor: `user:${u.username}`, unitCode: u.unitCode, ip, action: 'session.login', detail: {} });
    });
    const caller = await this.callerFromSession(cookie, ip);
    if (!caller) throw new AppError('forbidden', '该用户的单位不存在 (the user\'s unit is unknown)');
    return { cookie, caller, displayName: u.displayName };
  }

  async logout(cookie: string, caller: Caller): Promise<void> {
    const now = this.clock.now();
    await inTransaction(this.database, async (tx) => {
      await tx.update(sessions).set({ endedAt: now.toISOString() }).where(eq(sessions.idHash, sha256hex(cookie)));
      await appendAudit(tx, { at: now, actor: actorLabel(caller), unitCode: caller.unitCode || null, ip: caller.ip, action: 'session.logout', detail: {} });
    });
  }

  async createToken(caller: Caller, input: { name: string; unit: string; scopes: Scope[] }): Promise<{ id: string; token: string }> {
    if (!this.units.has(input.unit)) throw badRequest(`unit: 单位不存在 (unknown unit ${input.unit})`, { field: 'unit' });
    if (!this.units.within(caller.unitPath, input.unit)) throw forbidden('unit: 只能为本单位及下级单位创建令牌 (only for your unit or units below it)');
    const scopes = [...new Set(input.scopes)];
    for (const s of scopes) if (!caller.scopes.has(s)) throw forbidden(`scopes: 不能授予自己没有的权限 (you do not hold scope ${s})`);
    const token = `bh_${randomSecret()}`;
    const now = this.clock.now();
    const id = await inTransaction(this.database, async (tx) => {
      const [row] = await tx
        .insert(apiTokens)
        .values({ name: input.name, unitCode: input.unit, scopes, tokenHash: sha256hex(token), createdBy: actorLabel(caller), createdAt: now.toISOString() })
        .returning({ id: apiTokens.id });
      await appendAudit(tx, {
        at: now,
        actor: actorLabel(caller),
        unitCode: caller.unitCode || null,
        ip: caller.ip,
        action: 'token.create',
        detail: { tokenId: row.id, name: input.name, unit: input.unit, scopes },
      });
      return row.id;
    });
    return { id, token };
  }

  async listTokens(caller: Caller) {
    const rows = await this.database.db.select().from(apiTokens).orderBy(sql`${apiTokens.createdAt} desc`);
    return rows
      .filter((r) => this.units.within(caller.unitPath, r.unitCode))
      .map((r) => ({ id: r.id, name: r.name, unit: r.unitCode, scopes: r.scopes, createdBy: r.createdBy, createdAt: r.createdAt, revokedAt: r.revokedAt }));
  }

  async revokeToken(caller: Caller, id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('令牌不存在 (no such token)');
    const now = this.clock.now();
    await inTransaction(this.database, async (tx) => {
      const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
      // a token outside the caller's units does not exist for the caller
      if (!row || !this.units.within(caller.unitPath, row.unitCode)) throw notFound('令牌不存在 (no such token)');
      if (row.revokedAt === null) {
        await tx.update(apiTokens).set({ revokedAt: now.toISOString() }).where(eq(apiTokens.id, id));
      }
      await appendAudit(tx, { at: now, actor: actorLabel(caller), unitCode: caller.unitCode || null, ip: caller.ip, action: 'token.revoke', detail: { tokenId: id } });
    });
    this.tokenCache.clear();
  }

  /** Create or reset a person who logs in; used at start for `admin` and the demo people. */
  async upsertUser(
    tx: Tx,
    u: { username: string; displayName: string; unitCode: string | null; roles: string[]; password: string; personNo?: string | null },
    audit: { actor: string; at: Date },
  ): Promise<void> {
    const passwordHash = await argonHash(u.password);
    await tx
      .insert(users)
      .values({ username: u.username, displayName: u.displayName, unitCode: u.unitCode, roles: u.roles, passwordHash, personNo: u.personNo ?? null })
      .onConflictDoUpdate({ target: users.username, set: { passwordHash, roles: u.roles, unitCode: u.unitCode, displayName: u.displayName, active: true } });
    await appendAudit(tx, { at: audit.at, actor: audit.actor, unitCode: u.unitCode, ip: null, action: 'user.upsert', detail: { username: u.username, unitCode: u.unitCode, roles: u.roles } });
  }

  async userExists(username: string): Promise<boolean> {
    const [u] = await this.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
    return u !== undefined;
  }
}
