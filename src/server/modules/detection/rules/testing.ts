// Test support for the rule files: events as the engine hands them over, at local (Asia/Shanghai) times.
import type { Finding, RuleEvent } from '../rule.ts';
import type { PersonRef } from './inputs.ts';

let seq = 0;

/** epoch ms of a local time written `2026-11-01 23:15` or `2026-11-01 23:15:07` */
export const t = (local: string): number => {
  const ms = Date.parse(`${local.replace(' ', 'T')}${local.length === 16 ? ':00' : ''}+08:00`);
  if (Number.isNaN(ms)) throw new Error(`bad local time ${local}`);
  return ms;
};

export interface EventOpts {
  id?: string;
  unit?: string;
  actor?: string | null;
  location?: { lat: number; lng: number } | null;
}

/** an event of `type` at a local time (or epoch ms) with its data */
export function ev(type: string, at: string | number, data: Record<string, unknown>, opts: EventOpts = {}): RuleEvent {
  const ms = typeof at === 'number' ? at : t(at);
  return {
    id: opts.id ?? `${type}-${++seq}`,
    type,
    occurredAt: new Date(ms).toISOString(),
    at: ms,
    unit: opts.unit ?? '150102000000',
    actor: opts.actor === undefined ? null : opts.actor,
    location: opts.location ?? null,
    data,
  };
}

/** `Date` of a local time, for `now` */
export const at = (local: string): Date => new Date(t(local));

/** the one finding of a call, failing the test when there is not exactly one */
export function only(findings: Finding[]): Finding {
  if (findings.length !== 1) throw new Error(`expected one finding, got ${findings.length}: ${JSON.stringify(findings, null, 1)}`);
  return findings[0];
}

/** a reference person row */
export function person(personNo: string, kind: PersonRef['kind'], over: Partial<PersonRef> = {}): PersonRef {
  return { personNo, name: '张三', kind, unitCode: '150102000000', roles: [], confidentialitySigned: true, eventId: `ref-${personNo}`, ...over };
}
