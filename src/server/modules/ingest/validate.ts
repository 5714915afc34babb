// Validation of one incoming event against the ingest contract, before anything touches the database.
// This is the ingest hot path: the Ajv validators are compiled once at module load, the identity fields
// are found once from the schemas' formats, and nothing is copied unless a value is normalised.
// The checks that need the database (a known unit, the ingest token's units) are the caller's.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isIP } from 'node:net';
import type { TSchema } from '@sinclair/typebox';
import {
  actorRules,
  dataSchemas,
  EnvelopeSchema,
  eventTypes,
  patterns,
  type EventType,
  type IdentityFormat,
} from '../../../contract/events.ts';
import {
  checkAlcoholValue,
  checkIsoDate,
  checkPlate,
  checkPlatePrefix,
  checkResidentId,
  checkSubject,
  checkUnitCode,
  checkVin,
  isCalendarDate,
  normalizePlate,
  normalizeResidentId,
  normalizeSubject,
  normalizeVin,
  quote,
} from './identity.ts';

export type ValidEvent = {
  id: string;
  type: EventType;
  /** as sent */
  occurredAt: string;
  occurredAtMs: number;
  unit: string;
  actor: string | null;
  location: { lat: number; lng: number } | null;
  /** the event's data, with identities normalised (plates, VINs and the X of idNos upper-case) */
  data: Record<string, unknown>;
  /** the event to store: as received, with the normalised data; the input object itself if nothing changed */
  raw: Record<string, unknown>;
};

export type ValidationResult =
  | { ok: true; event: ValidEvent }
  | { ok: false; error: string; field: string | null; id: string | null; type: string | null };

/** Deepest nesting accepted, counting the event object itself as level 1. */
export const maxDepth = 16;
/** How far occurredAt may be ahead of the server's clock (clocks of source systems drift). */
export const maxFutureMs = 10 * 60_000;

// ---------------------------------------------------------------------------------------------------
// Compiled once

// strictRequired is off: the conditional requirements (then/else) name properties defined one level up.
const ajv = new Ajv({ allErrors: false, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
// The identity formats are checked after Ajv (identity.ts) because the checks need the clock and
// normalise the value; to Ajv they are annotations. occurredAt is parsed by parseOccurredAt.
for (const f of ['cn-resident-id', 'cn-plate', 'cn-plate-prefix', 'vin', 'cn-subject', 'date-time'] as const) {
  ajv.addFormat(f, true);
}
ajv.addFormat('alcohol-mg100ml', { type: 'number', validate: () => true });
ajv.addFormat('date', (s: string) => checkIsoDate(s) === null);
ajv.addFormat('ip', (s: string) => isIP(s) !== 0);

const validateEnvelope = ajv.compile(EnvelopeSchema);

type StringFormat = Exclude<IdentityFormat, 'alcohol-mg100ml'> | 'sha256';
const stringFormats: Record<StringFormat, { check(v: string, nowMs: number): string | null; normalize(v: string): string }> = {
  'cn-resident-id': { check: checkResidentId, normalize: normalizeResidentId },
  'cn-plate': { check: checkPlate, normalize: normalizePlate },
  'cn-plate-prefix': { check: checkPlatePrefix, normalize: normalizePlate },
  vin: { check: checkVin, normalize: normalizeVin },
  'cn-subject': { check: checkSubject, normalize: normalizeSubject },
  // Hashes are compared with the file store's lower-case names.
  sha256: { check: () => null, normalize: (v) => (/[A-F]/.test(v) ? v.toLowerCase() : v) },
};

type FieldSpec = { key: string; array: boolean; format: (typeof stringFormats)[StringFormat] };
type TypeEntry = { validate: ValidateFunction; fields: FieldSpec[] };

function formatOf(schema: TSchema | undefined): StringFormat | null {
  if (schema === undefined) return null;
  if (schema.pattern === patterns.sha256) return 'sha256';
  const f = schema.format as string | undefined;
  return f !== undefined && f in stringFormats ? (f as StringFormat) : null;
}

/** The top-level data fields holding identities, found from the schema so there is one list. */
function identityFields(schema: TSchema): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    const direct = formatOf(prop);
    if (direct !== null) out.push({ key, array: false, format: stringFormats[direct] });
    const item = prop.type === 'array' ? formatOf(prop.items as TSchema) : null;
    if (item !== null) out.push({ key, array: true, format: stringFormats[item] });
  }
  return out;
}

const types = new Map<string, TypeEntry>();
for (const t of eventTypes) {
  types.set(t, { validate: ajv.compile(dataSchemas[t]), fields: identityFields(dataSchemas[t]) });
}

// ---------------------------------------------------------------------------------------------------
// The validator

/**
 * `fromPlainText`: the value was parsed from JSON text holding no backslash, so none of its strings can
 * hold a NUL or a lone surrogate (only an escape writes them; raw, JSON forbids the one and UTF-8 the
 * other), and that check is skipped.
 */
export function validateEvent(raw: unknown, nowMs: number, fromPlainText = false): ValidationResult {
  try {
    return validate(raw, nowMs, fromPlainText);
  } catch {
    // Only an exotic object (a throwing getter, a Proxy) can get here; JSON input never does.
    return { ok: false, error: 'event: 无法校验 (could not be validated)', field: null, id: null, type: null };
  }
}

function validate(raw: unknown, nowMs: number, fromPlainText: boolean): ValidationResult {
  if (!isPlainObject(raw)) {
    return { ok: false, error: 'event: 不是JSON对象 (not a JSON object)', field: null, id: null, type: null };
  }
  const ev = raw;

  const unsafe = scan(ev, 1, fromPlainText ? noProblem : stringProblem);
  if (unsafe !== null) return failure(ev, formatPath(unsafe.path.reverse()), unsafe.reason);

  if (!validateEnvelope(ev)) return fromAjv(ev, validateEnvelope.errors, '', nowMs);
  const eventType = ev.type as EventType;
  const entry = types.get(eventType)!;

  const occurredAt = ev.occurredAt as string;
  const occurredAtMs = parseOccurredAt(occurredAt);
  if (typeof occurredAtMs === 'string') return failure(ev, 'occurredAt', occurredAtMs);
  if (occurredAtMs > nowMs + maxFutureMs) {
    return failure(ev, 'occurredAt', '晚于服务器时间超过10分钟 (more than 10 minutes in the future)');
  }

  const data = ev.data as Record<string, unknown>;
  if (!entry.validate(data)) return fromAjv(ev, entry.validate.errors, 'data', nowMs);

  const actor = (ev.actor ?? null) as string | null;
  const rule = actorRules[eventType];
  if (actor === null && rule.required !== 'never' && (rule.required === 'always' || data[rule.field] === rule.equals)) {
    const when = rule.required === 'when' ? `, when ${rule.field} is ${rule.equals}` : '';
    return failure(ev, 'actor', `缺少行为人：${rule.zh} (required for ${eventType}${when}: the ${rule.en})`);
  }

  let out = data;
  for (const f of entry.fields) {
    const v = data[f.key];
    if (v === undefined || v === null) continue;
    if (f.array) {
      const list = v as string[];
      let copy: string[] | null = null;
      for (let i = 0; i < list.length; i++) {
        const reason = f.format.check(list[i], nowMs);
        if (reason !== null) return failure(ev, `data.${f.key}[${i}]`, reason);
        const n = f.format.normalize(list[i]);
        if (n !== list[i]) (copy ??= list.slice())[i] = n;
      }
      if (copy !== null) (out === data ? (out = { ...data }) : out)[f.key] = copy;
    } else {
      const s = v as string;
      const reason = f.format.check(s, nowMs);
      if (reason !== null) return failure(ev, `data.${f.key}`, reason);
      const n = f.format.normalize(s);
      if (n !== s) (out === data ? (out = { ...data }) : out)[f.key] = n;
    }
  }

  const loc = ev.location as { lat: number; lng: number } | null | undefined;
  return {
    ok: true,
    event: {
      id: ev.id as string,
      type: eventType,
      occurredAt,
      occurredAtMs,
      unit: ev.unit as string,
      actor,
      location: loc == null ? null : { lat: loc.lat, lng: loc.lng },
      data: out,
      raw: out === data ? ev : { ...ev, data: out },
    },
  };
}

function failure(ev: Record<string, unknown>, path: string, reason: string): ValidationResult {
  return { ok: false, error: `${path}: ${reason}`, field: path, id: safeId(ev.id), type: safeId(ev.type) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const safeIdShape = new RegExp(patterns.eventId);
/** id and type go back to the sender and into the dead letters: only when they are harmless. */
function safeId(v: unknown): string | null {
  return typeof v === 'string' && safeIdShape.test(v) ? v : null;
}

// ---------------------------------------------------------------------------------------------------
// occurredAt

function notIsoDateTime(s: string): string {
  return `时间格式应为带时区的ISO 8601，如 2026-11-01T23:15:00+08:00 (must be ISO 8601 with an offset, e.g. 2026-11-01T23:15:00+08:00; got ${quote(s)})`;
}

/** The value of the digits s[from..to), or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * ISO 8601 with an offset (Z or ±HH:MM), seconds and fraction optional: epoch milliseconds, or the reason
 * it is not. Stricter than Date.parse, which turns 02-30 into 03-02 and guesses a missing offset; and
 * limited to what PostgreSQL's timestamptz reads the same way (no leap seconds, years from 1900).
 * Hand-written rather than a regular expression: it runs once per event on the ingest path.
 */
export function parseOccurredAt(s: string): number | string {
    const len = s.length;
  if (len < 17 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':') return notIsoDateTime(s);
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0) return notIsoDateTime(s);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s[i] === ':') {
    sec = digits(s, 17, 19);
    if (sec < 0 || len < 20) return notIsoDateTime(s);
    i = 19;
    if (s[i] === '.') {
      let j = i + 1;
      while (j < len && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      const n = j - i - 1;
      if (n < 1 || n > 9) return notIsoDateTime(s);
      ms = digits(s, i + 1, Math.min(j, i + 4)) * (n >= 3 ? 1 : n === 2 ? 10 : 100);
      i = j;
    }
  }
  let offsetMin = 0;
  if (s[i] === 'Z' && len === i + 1) {
    // UTC
  } else if ((s[i] === '+' || s[i] === '-') && len === i + 6 && s[i + 3] === ':') {
    const oh = digits(s, i + 1, i + 3);
    const om = digits(s, i + 4, i + 6);
    if (oh < 0 || om < 0) return notIsoDateTime(s);
    if (oh > 14 || om > 59) return `时区偏移无效 (offset out of range: ${quote(s)})`;
    offsetMin = (s[i] === '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return notIsoDateTime(s);
  }
  if (!isCalendarDate(y, mo, d)) return `日期无效 (not a calendar date: ${quote(s)})`;
  if (y < 1900) return `年份早于1900 (year before 1900: ${quote(s)})`;
  if (h > 23 || mi > 59 || sec > 59) return `时刻无效 (not a time of day: ${quote(s)})`;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

// ---------------------------------------------------------------------------------------------------
// What PostgreSQL's jsonb and a JavaScript object cannot safely hold

type Problem = { path: (string | number)[]; reason: string };
const suspectChars = /[\u0000\uD800-\uDFFF]/;

function stringProblem(s: string): string | null {
  if (!suspectChars.test(s)) return null;
  if (s.includes('\u0000')) return '含有NUL字符 (contains a NUL character, \\u0000)';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return '含有不成对的UTF-16代理项 (contains a lone UTF-16 surrogate)';
  }
  return null;
}

const noProblem = (): string | null => null;

/** The first problem found, its path in reverse (segments are pushed while unwinding). */
function scan(v: unknown, level: number, stringProblem: (s: string) => string | null): Problem | null {
  switch (typeof v) {
    case 'string': {
      const reason = stringProblem(v);
      return reason === null ? null : { path: [], reason };
    }
    case 'number':
      return Number.isFinite(v) ? null : { path: [], reason: '数值无效 (not a finite number)' };
    case 'boolean':
      return null;
    case 'object':
      break;
    default:
      return { path: [], reason: `不是JSON值 (not a JSON value: ${typeof v})` };
  }
  if (v === null) return null;
  if (level > maxDepth) return { path: [], reason: `嵌套超过${maxDepth}层 (nested deeper than ${maxDepth} levels)` };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = scan(v[i], level + 1, stringProblem);
      if (p !== null) {
        p.path.push(i);
        return p;
      }
    }
    return null;
  }
  if (!isPlainObject(v)) return { path: [], reason: '不是JSON对象 (not a JSON object)' };
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') return { path: [k], reason: `禁止使用的键名 (forbidden key ${quote(k)})` };
    const keyReason = stringProblem(k);
    if (keyReason !== null) return { path: [k], reason: `键名${keyReason}` };
    const value = v[k];
    // A property set to undefined is absent, as JSON.stringify and Ajv's `required` both read it.
    if (value === undefined) continue;
    const p = scan(value, level + 1, stringProblem);
    if (p !== null) {
      p.path.push(k);
      return p;
    }
  }
  return null;
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
/** data.tags[2]; a key that is not a plain name is quoted, JSON-escaped and shortened. */
function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (plainKey.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${quote(seg)}]`;
  }
  return out === '' ? 'event' : out;
}

// ---------------------------------------------------------------------------------------------------
// Ajv's first error, as a path and a reason a sender can act on

const patternReasons: Record<string, (v: unknown) => string> = {
  [patterns.eventId]: () => '应为1–64位字母、数字或 ._:- (1–64 characters of A–Z a–z 0–9 . _ : -)',
  [patterns.unitCode]: (v) => checkUnitCode(String(v)) ?? '单位代码应为12位数字 (a unit code is 12 digits)',
  [patterns.identifier]: () => '应为1–64个字符且不含空白或控制字符 (1–64 characters without spaces or control characters)',
  [patterns.sha256]: () => '应为64位十六进制的SHA-256 (a SHA-256 is 64 hex characters)',
  [patterns.openHours]: () => '开放时间格式应为HH:MM-HH:MM (opening hours are HH:MM-HH:MM, e.g. 08:00-18:00)',
};

const typeNames: Record<string, string> = {
  string: '应为字符串 (must be a string)',
  number: '应为数值 (must be a number)',
  integer: '应为整数 (must be an integer)',
  boolean: '应为 true 或 false (must be true or false)',
  object: '应为JSON对象 (must be an object)',
  array: '应为数组 (must be an array)',
  null: '应为null (must be null)',
};

function show(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function fromAjv(
  ev: Record<string, unknown>,
  errors: ErrorObject[] | null | undefined,
  prefix: string,
  nowMs: number,
): ValidationResult {
  const err = errors?.[0];
  if (err === undefined) return failure(ev, prefix === '' ? 'event' : prefix, '无效 (invalid)');
  const segments: (string | number)[] = prefix === '' ? [] : [prefix];
  for (const s of err.instancePath.split('/').slice(1)) segments.push(/^[0-9]+$/.test(s) ? Number(s) : s);
  if (err.keyword === 'required') segments.push((err.params as { missingProperty: string }).missingProperty);
  const path = formatPath(segments);
  return failure(ev, path, reasonOf(err, path, nowMs));
}

function reasonOf(err: ErrorObject, path: string, nowMs: number): string {
  const schema = (err.parentSchema ?? {}) as Record<string, unknown>;
  const p = err.params as Record<string, unknown>;
  // A condition (then/else) explains itself in its description: "required unless refused is true".
  const conditional = /\/(then|else)\//.test(`${err.schemaPath}/`) && typeof schema.description === 'string';
  if (conditional && (err.keyword === 'required' || err.keyword === 'type')) return schema.description as string;
  switch (err.keyword) {
    case 'required':
      return '缺少必填字段 (required field missing)';
    case 'type':
      return typeNames[String(p.type)] ?? `类型错误 (must be ${String(p.type)})`;
    case 'enum':
      if (path === 'type') return `未知事件类型 (unknown event type ${show(err.data)})`;
      return `取值无效 (must be one of ${(p.allowedValues as unknown[]).join(', ')}; got ${show(err.data)})`;
  }
  // An identity field answers with its own checker's reason, whatever keyword caught it.
  const format = schema.format as string | undefined;
  if (format === 'alcohol-mg100ml') {
    const r = checkAlcoholValue(err.data);
    if (r !== null) return r;
  }
  if (format !== undefined && format in stringFormats && typeof err.data === 'string') {
    const r = stringFormats[format as StringFormat].check(err.data, nowMs);
    if (r !== null) return r;
  }
  switch (err.keyword) {
    case 'pattern': {
      const reason = patternReasons[String(p.pattern)];
      return reason !== undefined ? reason(err.data) : `格式无效 (must match ${String(p.pattern)})`;
    }
    case 'format':
      if (p.format === 'date') return checkIsoDate(String(err.data)) ?? '日期无效 (invalid date)';
      if (p.format === 'ip') return `应为IPv4或IPv6地址 (must be an IPv4 or IPv6 address, got ${show(err.data)})`;
      return `格式无效 (must be ${String(p.format)})`;
    case 'minLength':
      return p.limit === 1 ? '不能为空 (must not be empty)' : `长度至少${p.limit}个字符 (at least ${p.limit} characters)`;
    case 'maxLength':
      return `长度不超过${p.limit}个字符 (at most ${p.limit} characters)`;
    case 'minimum':
      return `应不小于${p.limit} (must be ≥ ${p.limit}, got ${show(err.data)})`;
    case 'maximum':
      return `应不大于${p.limit} (must be ≤ ${p.limit}, got ${show(err.data)})`;
    case 'exclusiveMinimum':
      return `应大于${p.limit} (must be > ${p.limit}, got ${show(err.data)})`;
    case 'exclusiveMaximum':
      return `应小于${p.limit} (must be < ${p.limit}, got ${show(err.data)})`;
    case 'maxItems':
      return `元素不超过${p.limit}个 (at most ${p.limit} items)`;
    case 'minItems':
      return `元素至少${p.limit}个 (at least ${p.limit} items)`;
    default:
      return `无效 (${err.message ?? 'invalid'})`;
  }
}
