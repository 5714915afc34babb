// Rule parameters as versioned configuration. Version 1 of each rule is its rules.md defaults, written
// at start; a change by the root unit's administrator adds a version, audited in the same transaction.
// Alerts record the version their finding was computed with.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { actorLabel } from '../../platform/access/caller.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { ruleParams } from './detection.tables.ts';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** what the parameter store needs to know of a rule */
export interface RuleInfo {
  code: string;
  name: string;
  defaults: Params;
  paramLabels: Record<string, string>;
}

export interface ParamVersion {
  version: number;
  params: Params;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export class RuleParamsService {
  private current = new Map<string, ParamVersion>();
  private readonly byCode: Map<string, RuleInfo>;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    rules: readonly RuleInfo[],
  ) {
    this.byCode = new Map(rules.map((r) => [r.code, r]));
  }

  /** Write version 1 (the defaults) of every rule that has none, and load the current versions. */
  async load(): Promise<void> {
    const at = this.clock.now();
    await inTransaction(this.database, async (tx) => {
      const have = await tx.select({ rule: ruleParams.rule }).from(ruleParams).groupBy(ruleParams.rule);
      const missing = [...this.byCode.values()].filter((r) => !have.some((h) => h.rule === r.code));
      if (missing.length === 0) return;
      await tx
        .insert(ruleParams)
        .values(missing.map((r) => ({ rule: r.code, version: 1, params: r.defaults, changedBy: 'system', changedAt: at.toISOString(), reason: 'rules.md 默认值 (defaults)' })))
        .onConflictDoNothing();
      await appendAudit(tx, { at, actor: 'system', unitCode: null, ip: null, action: 'rules.defaults', detail: { rules: missing.map((r) => r.code) } });
    });
    const rows = await asTx(this.database.db).execute<{ rule: string; version: number; params: Params; changed_by: string; changed_at: string; reason: string }>(sql`
      SELECT DISTINCT ON (rule) rule, version, params, changed_by, changed_at, reason FROM rule_params ORDER BY rule, version DESC`);
    this.current = new Map(rows.rows.map((r) => [r.rule, { version: r.version, params: r.params, changedBy: r.changed_by, changedAt: new Date(r.changed_at).toISOString(), reason: r.reason }]));
  }

  rules(): RuleInfo[] {
    return [...this.byCode.values()];
  }

  info(code: string): RuleInfo {
    const r = this.byCode.get(code);
    if (!r) throw notFound(`没有这个规则 (no rule ${code})`);
    return r;
  }

  /** the parameters in force, merged over the defaults so a parameter added later has its default */
  params(code: string): ParamVersion {
    const info = this.info(code);
    const v = this.current.get(code);
    if (!v) return { version: 1, params: { ...info.defaults }, changedBy: 'system', changedAt: new Date(0).toISOString(), reason: 'defaults' };
    return { ...v, params: { ...info.defaults, ...v.params } };
  }

  /** Check a proposed set of parameters: known names, the defaults' types, finite non-negative numbers. */
  validate(code: string, proposed: Record<string, unknown>): Params {
    const info = this.info(code);
    const out: Params = { ...this.params(code).params };
    for (const [k, v] of Object.entries(proposed)) {
      if (!(k in info.defaults)) throw badRequest(`params.${k}: 规则 ${code} 没有这个参数 (no such parameter)`, { field: `params.${k}` });
      const want = typeof info.defaults[k];
      if (typeof v !== want) throw badRequest(`params.${k}: 应为 ${want} (must be a ${want})`, { field: `params.${k}` });
      if (want === 'number' && (!Number.isFinite(v as number) || (v as number) < 0)) {
        throw badRequest(`params.${k}: 应为非负有限数 (must be a finite number ≥ 0)`, { field: `params.${k}` });
      }
      out[k] = v as ParamValue;
    }
    return out;
  }

  /** A new version of a rule's parameters; only an administrator of the root unit may change them. */
  async update(caller: Caller, isRoot: boolean, code: string, proposed: Record<string, unknown>, reason: string): Promise<ParamVersion> {
    if (!isRoot || !caller.scopes.has('admin')) throw forbidden("只有省级管理员可以修改规则参数 (only the root unit's administrators change rule parameters)");
    if (reason.trim().length < 2) throw badRequest('reason: 请说明修改原因 (say why)', { field: 'reason' });
    const params = this.validate(code, proposed);
    const at = this.clock.now().toISOString();
    const actor = actorLabel(caller);
    const saved = await inTransaction(this.database, async (tx) => {
      // serialise concurrent changes of one rule: the next version number is read under the lock
      await tx.execute(sql`select pg_advisory_xact_lock(7242004, hashtext(${code}))`);
      const [last] = await tx.select({ v: ruleParams.version }).from(ruleParams).where(eq(ruleParams.rule, code)).orderBy(desc(ruleParams.version)).limit(1);
      const version = (last?.v ?? 0) + 1;
      await tx.insert(ruleParams).values({ rule: code, version, params, changedBy: actor, changedAt: at, reason });
      await appendAudit(tx, { at: new Date(at), actor, unitCode: caller.unitCode || null, ip: caller.ip, action: 'rules.params', detail: { rule: code, version, params, reason } });
      return { version, params, changedBy: actor, changedAt: at, reason };
    });
    this.current.set(code, saved);
    return saved;
  }

  async versions(code: string): Promise<ParamVersion[]> {
    this.info(code);
    const rows = await asTx(this.database.db).select().from(ruleParams).where(and(eq(ruleParams.rule, code))).orderBy(desc(ruleParams.version));
    return rows.map((r) => ({ version: r.version, params: r.params as Params, changedBy: r.changedBy, changedAt: new Date(r.changedAt).toISOString(), reason: r.reason }));
  }

  /** a stored version, for replaying and back-testing with the parameters of the time */
  async version(tx: Tx, code: string, version: number): Promise<Params | undefined> {
    const [r] = await tx.select().from(ruleParams).where(and(eq(ruleParams.rule, code), eq(ruleParams.version, version))).limit(1);
    return r ? { ...this.info(code).defaults, ...(r.params as Params) } : undefined;
  }
}
