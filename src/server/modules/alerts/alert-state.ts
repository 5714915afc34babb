// The closed loop as a pure state machine (workflow.md): which step a caller may take on an alert now, and
// where it leads. Enforcement and the `allowedActions` of every response both come from `decide`, so no
// client re-derives the rules. No I/O, no clock.

export const STATUSES = ['new', 'verifying', 'rectifying', 'reviewing', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['sign', 'verify', 'rectify', 'submit', 'approve', 'reject', 'reassign', 'supervise', 'relevel', 'merge', 'comment'] as const;
export type Action = (typeof ACTIONS)[number];

export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];

/** roles of people (platform/access users.roles) that carry each kind of power */
export const HANDLING_ROLES = ['handler'] as const;
export const REVIEWING_ROLES = ['supervisor', 'reviewer'] as const;
export const SUPERVISING_ROLES = ['supervisor'] as const;

/** what the caller is with respect to one alert, worked out from the unit tree and the caller's roles */
export interface Standing {
  /** holds the `act` scope */
  canAct: boolean;
  /** named as the alert's subject: may never act on it */
  conflict: boolean;
  /** a handler of the responsible unit (or an `act` token of that unit) */
  handler: boolean;
  /** a reviewer of the unit that reviews this alert */
  reviewer: boolean;
  /** a supervisor of a unit strictly above the responsible unit */
  upper: boolean;
}

export interface AlertFacts {
  status: Status;
  /** a rectification has been recorded in the current rectifying round */
  rectified: boolean;
}

export type Decision = { ok: true } | { ok: false; status: 403 | 409; reason: string };

const allow: Decision = { ok: true };
const who = (reason: string): Decision => ({ ok: false, status: 403, reason });
const state = (reason: string): Decision => ({ ok: false, status: 409, reason });

export const STATUS_NAMES: Record<Status, string> = {
  new: '待签收',
  verifying: '核查中',
  rectifying: '整改中',
  reviewing: '待审核',
  closed: '已办结',
};

export const ACTION_NAMES: Record<Action, string> = {
  sign: '签收',
  verify: '核查',
  rectify: '整改',
  submit: '提交审核',
  approve: '审核通过',
  reject: '审核退回',
  reassign: '改派',
  supervise: '督办',
  relevel: '调整等级',
  merge: '合并重复预警',
  comment: '备注',
};

/** the state each handling step needs */
const STEP_STATE: Partial<Record<Action, Status>> = { sign: 'new', verify: 'verifying', rectify: 'rectifying', submit: 'rectifying', approve: 'reviewing', reject: 'reviewing' };

/**
 * May this caller take this step on this alert now? Order of refusals: no `act` scope, conflict of
 * interest, not the right person (403), then the wrong state (409).
 */
export function decide(action: Action, alert: AlertFacts, s: Standing): Decision {
  if (!s.canAct) return who('需要处置权限 (act scope)');
  if (s.conflict) return who('您是该预警涉及的当事人，须回避，不能处置或审核 (conflict of interest: you are named as its subject)');
  const closed = alert.status === 'closed';
  switch (action) {
    case 'sign':
    case 'verify':
    case 'rectify':
    case 'submit': {
      if (!s.handler) return who(`只有责任单位的处置人员可以${ACTION_NAMES[action]} (only handlers of the responsible unit)`);
      const need = STEP_STATE[action]!;
      if (alert.status !== need) return state(`预警当前为“${STATUS_NAMES[alert.status]}”，不能${ACTION_NAMES[action]} (needs status ${need})`);
      if (action === 'submit' && !alert.rectified) return state('请先填写整改情况再提交审核 (record the rectification first)');
      return allow;
    }
    case 'approve':
    case 'reject': {
      if (!s.reviewer) return who(`只有上一级单位的审核人员可以${ACTION_NAMES[action]}；红色预警须市级及以上单位审核 (only the unit above reviews; red needs city level)`);
      if (alert.status !== 'reviewing') return state(`预警当前为“${STATUS_NAMES[alert.status]}”，不在待审核状态 (needs status reviewing)`);
      return allow;
    }
    case 'reassign':
    case 'supervise':
    case 'relevel':
    case 'merge': {
      if (!s.upper) return who(`只有上级单位的监管人员可以${ACTION_NAMES[action]} (only supervisors of a unit above)`);
      if (closed) return state(`预警已办结，不能${ACTION_NAMES[action]} (the alert is closed)`);
      if (action === 'reassign' && alert.status === 'reviewing') return state('预警待审核，不能改派 (under review)');
      return allow;
    }
    case 'comment':
      // anyone with `act` who can see the alert (the responsible unit and the units above) may add a note
      return allow;
  }
}

export function allowedActions(alert: AlertFacts, s: Standing): Action[] {
  return ACTIONS.filter((a) => decide(a, alert, s).ok);
}

export type Stage = 'sign' | 'verify' | 'rectify' | 'review';

/** the step whose deadline runs in each open status */
export const STAGE_OF: Record<Exclude<Status, 'closed'>, Stage> = { new: 'sign', verifying: 'verify', rectifying: 'rectify', reviewing: 'review' };

export type Finding = 'substantiated' | 'unsubstantiated';

/** where a step leads; null: the status does not change */
export function nextStatus(action: Action, input: { finding?: Finding; to?: 'verifying' | 'rectifying' } = {}): Status | null {
  switch (action) {
    case 'sign':
      return 'verifying';
    case 'verify':
      return input.finding === 'substantiated' ? 'rectifying' : 'reviewing';
    case 'submit':
      return 'reviewing';
    case 'approve':
      return 'closed';
    case 'reject':
      return input.to ?? 'rectifying';
    case 'reassign':
      return 'new';
    case 'merge':
      return 'closed';
    default:
      return null;
  }
}

/** the unit the reject sends the alert back to by default: the step that was wrong */
export function defaultRejectTarget(finding: string | null): 'verifying' | 'rectifying' {
  return finding === 'substantiated' ? 'rectifying' : 'verifying';
}

export interface UnitRef {
  code: string;
  level: string;
}

const CITY_OR_ABOVE = new Set(['city', 'province']);

/**
 * The unit that reviews an alert: the one above the responsible unit; a red alert's closure needs the city
 * level, so below a city it goes up to the nearest city (a city's own red alert: the province). The top
 * unit, having nobody above, reviews its own.
 * `chain` is the responsible unit followed by its ancestors, nearest first.
 */
export function reviewUnitOf(chain: readonly UnitRef[], level: string): string {
  if (chain.length === 1) return chain[0].code;
  if (level !== 'red') return chain[1].code;
  for (let i = 1; i < chain.length; i++) if (CITY_OR_ABOVE.has(chain[i].level)) return chain[i].code;
  return chain[chain.length - 1].code;
}
