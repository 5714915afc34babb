// What a detection rule is: a value, not a branch in a switch. A rule turns an input assembled by the
// engine (the events about one subject, or a window of events for statistical rules) into findings with
// figures; the engine does the storing, one open alert per (rule, subject), routing and levels.
// Rule logic never reads the wall clock: it is given `now`.

export const levels = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof levels)[number];

export const subjectKinds = ['case', 'staff', 'citizen', 'plate', 'vin', 'lab', 'device', 'violation', 'exam_site', 'station', 'record', 'unit'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export interface Subject {
  kind: SubjectKind;
  id: string;
}

/** a figure shown to the reviewer: a number (rounded for display by the UI), a text, a flag */
export type Figure = number | string | boolean | null;

export interface Finding {
  rule: string;
  subject: Subject;
  level: Level;
  /** the unit named on the causing events: the alert goes there, and its upper units see it */
  unit: string;
  /** Chinese, understandable without a database, e.g. 呼气196与血检62差值异常 */
  title: string;
  figures: Record<string, Figure>;
  /** ids of the events behind the finding */
  eventIds: string[];
}

/** an event as the engine hands it to rules (the stored envelope, data normalised at ingest) */
export interface RuleEvent {
  id: string;
  type: string;
  occurredAt: string;
  /** epoch milliseconds of occurredAt */
  at: number;
  unit: string;
  actor: string | null;
  location: { lat: number; lng: number } | null;
  data: Record<string, unknown>;
}

export type Trigger = 'arrival' | 'time' | 'scheduled';

export interface Rule<Input, Params extends Record<string, number | string | boolean>> {
  code: string;
  /** Chinese name shown in the UI */
  name: string;
  subjectKind: SubjectKind | SubjectKind[];
  trigger: Trigger;
  /** for scheduled rules: the calendar window, in Asia/Shanghai */
  schedule?: 'daily' | 'weekly' | 'monthly';
  /** every number of rules.md, as a named parameter with its default */
  defaults: Params;
  /** Chinese description of each parameter, for the administration page */
  paramLabels: Record<keyof Params & string, string>;
  evaluate(input: Input, params: Params, now: Date): Finding[];
}

const order: Record<Level, number> = { blue: 0, yellow: 1, orange: 2, red: 3 };
export const levelRank = (l: Level) => order[l];
export const maxLevel = (a: Level, b: Level): Level => (order[a] >= order[b] ? a : b);
/** one level up, red stays red (ALC_KEY_PERSON raises a case's other alerts this way) */
export const raiseLevel = (l: Level): Level => levels[Math.min(order[l] + 1, 3)];
