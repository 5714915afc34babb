import { fromBase64, toBase64 } from '../../shared/crypto/sha256.ts';
import type { AuditEntryDto, AuditRootDto } from './audit.api.ts';

export interface AuditEntryView {
  key: string;
  seq: number;
  at: string;
  actor: string;
  unitCode: string | null;
  ip: string | null;
  action: string;
  detail: unknown;
  /** base64, whatever encoding the server used */
  leafHash: string;
}

export interface AuditRootView {
  size: number;
  root: string;
}

/** hashes are base64 in the API; accept hex too so a change of encoding cannot fake a mismatch */
export function normalizeHash(h: string): string {
  if (/^[0-9a-f]{64}$/i.test(h)) {
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) bytes[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
    return toBase64(bytes);
  }
  try {
    return toBase64(fromBase64(h));
  } catch {
    return h;
  }
}

export function toAuditEntryView(e: AuditEntryDto): AuditEntryView {
  return {
    key: String(e.seq),
    seq: Number(e.seq),
    at: e.at,
    actor: e.actor,
    unitCode: e.unitCode ?? null,
    ip: e.ip ?? null,
    action: e.action,
    detail: e.detail,
    leafHash: normalizeHash(e.leafHash),
  };
}

export function toAuditRootView(r: AuditRootDto): AuditRootView {
  return { size: Number(r.size), root: r.size > 0 ? normalizeHash(r.root) : r.root };
}
