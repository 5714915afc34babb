import type { DeadLetterDto } from './ingest.api.ts';

export interface DeadLetterView {
  key: string;
  id: string;
  receivedAt: string;
  source: string;
  sourceUnit: string | null;
  ip: string | null;
  batchIndex: number | null;
  eventId: string | null;
  eventType: string | null;
  error: string;
  raw: unknown;
}

export function toDeadLetterView(d: DeadLetterDto): DeadLetterView {
  const id = String(d.id);
  return {
    key: id,
    id,
    receivedAt: d.receivedAt,
    source: d.source,
    sourceUnit: d.sourceUnit ?? null,
    ip: d.ip ?? null,
    batchIndex: d.batchIndex ?? null,
    eventId: d.eventId ?? null,
    eventType: d.eventType ?? null,
    error: typeof d.error === 'string' ? d.error : JSON.stringify(d.error),
    raw: d.raw,
  };
}
