// Deadlines of the closed loop as configuration: hours per step and level, overridable per rule. Version 1
// is the workflow.md defaults, written at start; the root unit's administrator adds versions (who, when,
// why), audited in the same transaction. A new version applies to steps that begin after it.
import { desc, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.ts';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Caller } from '../../platform/access/caller.ts';
import { actorLabel } from '../../platform/access/caller.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import { LEVELS, type Level, type Stage } from './alert-state.ts';
import { alertDeadlines } from './alerts.tables.ts';

export const STAGES: readonly Stage[] = ['sign', 'verify', 'rectify', 'review'];

export type LevelHours = Record<Level, number>;
export interface DeadlineConfig {
  /** hours per step and level */
  default: Record<Stage, LevelHours>;
  /** per rule code: hours that differ from the default */
  rules: Record<string, Partial<Record<Stage, Partial<LevelHours>>>>;
}

/** sign and verify from workflow.md; rectify and review are this platform's defaults */
export const DEFAULT_DEADLINES: DeadlineConfig = {
  default: {
    sign: { red: 1, orange: 4, yellow: 24, blue: 72 },
    verify: { red: 24, orange: 72, yellow: 168, blue: 360 },
    rectify: { red: 72, orange: 168, yellow: 360, blue: 720 },
    review: { red: 24, orange: 48, yellow: 72, blue: 72 },
  },
  rules: {},
};

export function hoursFor(cfg: DeadlineConfig, rule: string, stage: Stage, level: string): number {
  const l = (LEVELS as readonly string[]).includes(level) ? (level as Level) : 'blue';
  return cfg.rules[rule]?.[stage]?.[l] ?? cfg.default[stage][l];
}

export function dueFrom(cfg: DeadlineConfig, rule: string, stage: Stage, level: string, from: Date): Date {
  return new Date(from.getTime() + hoursFor(cfg, rule, stage, level) * 3600_000);
}

const MAX_HOURS = 24 * 366;

function hoursOf(v: unknown, field: string, partial: boolean): Partial<LevelHours> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${field}: 应为按等级的小时数 (an object of hours per level)`, { field });
  const out: Partial<LevelHours> = {};
  for (const [k, h] of Object.entries(v)) {
    if (!(LEVELS as readonly string[]).includes(k)) throw badRequest(`${field}.${k}: 没有这个等级 (no such level)`, { field: `${field}.${k}` });
    if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > MAX_HOURS) {
      throw badRequest(`${field}.${k}: 应为 0 到 ${MAX_HOURS} 之间的小时数 (hours in (0, ${MAX_HOURS}])`, { field: `${field}.${k}` });
    }
    out[k as Level] = h;
  }
  if (!partial) for (const l of LEVELS) if (out[l] === undefined) throw badRequest(`${field}.${l}: 缺少 (missing)`, { field: `${field}.${l}` });
  return out;
}

function stagesOf(v: unknown, field: string, partial: boolean) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${field}: 应为按步骤的期限 (an object of steps)`, { field });
  const out: Partial<Record<Stage, Partial<LevelHours>>> = {};
  for (const [k, h] of Object.entries(v)) {
    if (!(STAGES as readonly string[]).includes(k)) throw badRequest(`${field}.${k}: 没有这个步骤 (no such step; sign, verify, rectify, review)`, { field: `${field}.${k}` });
    out[k as Stage] = hoursOf(h, `${field}.${k}`, partial);
  }
  if (!partial) for (const s of STAGES) if (!out[s]) throw badRequest(`${field}.${s}: 缺少 (missing)`, { field: `${field}.${s}` });
  return out;
}

/** check a proposed configuration: every step and level by default, any subset per rule */
export function validateDeadlines(input: { default?: unknown; rules?: unknown }, knownRules?: ReadonlySet<string>): DeadlineConfig {
  const def = stagesOf(input.default, 'config.default', false) as Record<Stage, LevelHours>;
  const rules: DeadlineConfig['rules'] = {};
  const r = input.rules ?? {};
  if (r === null || typeof r !== 'object' || Array.isArray(r)) throw badRequest('config.rules: 应为按规则的期限 (an object keyed by rule)', { field: 'config.rules' });
  for (const [code, v] of Object.entries(r)) {
    if (knownRules && !knownRules.has(code)) throw badRequest(`config.rules.${code}: 没有这个规则 (no such rule)`, { field: `config.rules.${code}` });
    rules[code] = stagesOf(v, `config.rules.${code}`, true);
  }
  return { default: def, rules };
}

export interface DeadlineVersion {
  version: number;
  config: DeadlineConfig;
  changedBy: string;
  changedAt: string;
  reason: string;
}

/**
 * Alerts opened before deadlines existed wait for signing without one: give them the sign deadline of their
 * level, counted from when they were opened. Runs at start; finds nothing to do once done.
 */
export async function backfillSignDeadlines(database: Database, cfg: DeadlineConfig, at: Date): Promise<number> {
  return inTransaction(database, async (tx) => {
    const hours = sql.join(
      LEVELS.map((l) => sql`when ${l} then ${cfg.default.sign[l]}::float8`),
      sql` `,
    );
    const res = await tx.execute<{ id: string }>(sql`
      UPDATE alerts SET due_at = created_at + make_interval(secs => 3600 * (case level ${hours} else ${cfg.default.sign.blue}::float8 end)),
                        stage_started_at = created_at
       WHERE due_at IS NULL AND status = 'new'
      RETURNING id`);
    if (res.rows.length) {
      await appendAudit(tx, { at, actor: 'system', unitCode: null, ip: null, action: 'alerts.deadlines_backfill', detail: { alerts: res.rows.length } });
    }
    return res.rows.length;
  });
}

export class DeadlineService {
  private cur: DeadlineVersion = { version: 1, config: DEFAULT_DEADLINES, changedBy: 'system', changedAt: new Date(0).toISOString(), reason: 'workflow.md 默认值 (defaults)' };

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** write version 1 (the defaults) when there is none, then load the version in force */
  async load(): Promise<void> {
    const at = this.clock.now();
    await inTransaction(this.database, async (tx) => {
      const [have] = await tx.select({ v: alertDeadlines.version }).from(alertDeadlines).limit(1);
      if (have) return;
      await tx.insert(alertDeadlines).values({ version: 1, config: DEFAULT_DEADLINES, changedBy: 'system', changedAt: at.toISOString(), reason: this.cur.reason }).onConflictDoNothing();
      await appendAudit(tx, { at, actor: 'system', unitCode: null, ip: null, action: 'alerts.deadlines', detail: { version: 1, config: DEFAULT_DEADLINES } });
    });
    const [row] = await asTx(this.database.db).select().from(alertDeadlines).orderBy(desc(alertDeadlines.version)).limit(1);
    if (row) this.cur = toVersion(row);
  }

  current(): DeadlineVersion {
    return this.cur;
  }

  get config(): DeadlineConfig {
    return this.cur.config;
  }

  async update(caller: Caller, isRoot: boolean, input: { default?: unknown; rules?: unknown }, reason: string, knownRules?: ReadonlySet<string>): Promise<DeadlineVersion> {
    if (!isRoot || !caller.scopes.has('admin')) throw forbidden('只有省级管理员可以修改处置期限 (only the root unit\'s administrators change deadlines)');
    if (reason.trim().length < 2) throw badRequest('reason: 请说明修改原因 (say why)', { field: 'reason' });
    const config = validateDeadlines(input, knownRules);
    const at = this.clock.now();
    const actor = actorLabel(caller);
    const saved = await inTransaction(this.database, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7242006, 0)`);
      const [last] = await tx.select({ v: alertDeadlines.version }).from(alertDeadlines).orderBy(desc(alertDeadlines.version)).limit(1);
      const version = (last?.v ?? 0) + 1;
      const row = { version, config, changedBy: actor, changedAt: at.toISOString(), reason };
      await tx.insert(alertDeadlines).values(row);
      await appendAudit(tx, { at, actor, unitCode: caller.unitCode || null, ip: caller.ip, action: 'alerts.deadlines', detail: { version, config, reason } });
      return row;
    });
    this.cur = saved;
    return saved;
  }

  async versions(): Promise<DeadlineVersion[]> {
    const rows = await asTx(this.database.db).select().from(alertDeadlines).orderBy(desc(alertDeadlines.version));
    return rows.map(toVersion);
  }
}

function toVersion(r: typeof alertDeadlines.$inferSelect): DeadlineVersion {
  return { version: r.version, config: r.config as DeadlineConfig, changedBy: r.changedBy, changedAt: new Date(r.changedAt).toISOString(), reason: r.reason };
}
