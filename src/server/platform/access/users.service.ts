// People who log in: listed within the caller's units; administrators create them in their subtree and
// disable or re-enable them. A disabled person's sessions stop working at once (the session lookup
// requires an active user), and every change is audited in the same transaction.
import { hash as argonHash } from '@node-rs/argon2';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { asTx, inTransaction } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../audit/index.ts';
import { users } from './access.tables.ts';
import { actorLabel, type Caller } from './caller.ts';
import type { UnitTree } from './unit-tree.ts';

export const userRoles = ['supervisor', 'handler', 'reviewer', 'approver', 'admin'] as const;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unit: string | null;
  personNo: string | null;
  roles: string[];
  active: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  unit: string;
  roles: string[];
  password: string;
  personNo?: string;
}

const present = (r: typeof users.$inferSelect): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  unit: r.unitCode,
  personNo: r.personNo,
  roles: r.roles,
  active: r.active,
  createdAt: new Date(r.createdAt).toISOString(),
});

export class UserService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitTree,
    private readonly clock: Clock,
  ) {}

  private inSubtree(caller: Caller, unitCode: string | null): boolean {
    if (caller.unitPath === '/') return true;
    if (unitCode === null) return false;
    return this.units.within(caller.unitPath, unitCode);
  }

  private isRoot(caller: Caller): boolean {
    return caller.unitPath === '/' || this.units.get(caller.unitCode)?.depth === 0;
  }

  /** people of the caller's units (the platform administrator only for the top of the tree), by unit then name */
  async list(caller: Caller, q: { unit?: string }): Promise<UserView[]> {
    let codes: string[] | null;
    if (q.unit !== undefined) {
      if (!this.inSubtree(caller, q.unit) || !this.units.has(q.unit)) throw notFound(`unit: 单位 ${q.unit} 不存在 (no such unit)`);
      codes = this.units.subtree(this.units.get(q.unit)!.path).map((u) => u.code);
    } else codes = caller.unitPath === '/' ? null : this.units.subtree(caller.unitPath).map((u) => u.code);
    const where =
      codes === null ? undefined : q.unit === undefined && this.isRoot(caller) ? or(inArray(users.unitCode, codes), isNull(users.unitCode)) : inArray(users.unitCode, codes);
    const rows = await asTx(this.database.db)
      .select()
      .from(users)
      .where(where)
      .orderBy(sql`${users.unitCode} nulls first`, asc(users.username));
    return rows.map(present);
  }

  async create(caller: Caller, input: NewUser): Promise<UserView> {
    if (!this.units.has(input.unit) || !this.inSubtree(caller, input.unit)) throw forbidden(`unit: 单位 ${input.unit} 不在您的管辖范围内 (outside your units)`);
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) throw badRequest('roles: 至少选择一个角色 (at least one role)', { field: 'roles' });
    const at = this.clock.now();
    const passwordHash = await argonHash(input.password);
    return inTransaction(this.database, async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ username: input.username, displayName: input.displayName, unitCode: input.unit, roles, passwordHash, personNo: input.personNo ?? null, createdAt: at.toISOString() })
        .onConflictDoNothing({ target: users.username })
        .returning();
      if (!row) throw new AppError('conflict', `username: 用户名 ${input.username} 已存在 (taken)`, { field: 'username' });
      await appendAudit(tx, {
        at,
        actor: actorLabel(caller),
        unitCode: input.unit,
        ip: caller.ip,
        action: 'user.create',
        detail: { userId: row.id, username: row.username, unitCode: input.unit, roles },
      });
      return present(row);
    });
  }

  /** disable or re-enable a person of the caller's units; nobody disables themself */
  async setActive(caller: Caller, id: string, active: boolean): Promise<UserView> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('用户不存在 (no such user)');
    const at = this.clock.now();
    return inTransaction(this.database, async (tx) => {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
      if (!row || !this.inSubtree(caller, row.unitCode) || (row.unitCode === null && !this.isRoot(caller))) throw notFound('用户不存在 (no such user)');
      if (caller.kind === 'user' && caller.id === id && !active) throw new AppError('conflict', '不能停用自己的账号 (you cannot disable yourself)');
      const [updated] = await tx.update(users).set({ active }).where(and(eq(users.id, id))).returning();
      await appendAudit(tx, {
        at,
        actor: actorLabel(caller),
        unitCode: row.unitCode,
        ip: caller.ip,
        action: active ? 'user.enable' : 'user.disable',
        detail: { userId: id, username: row.username },
      });
      return present(updated);
    });
  }
}
