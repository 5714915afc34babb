import { api } from '../../shared/api/client.ts';

export interface DeadLetterDto {
  id: string | number;
  receivedAt: string;
  /** token:<id> or user:<username> */
  source: string;
  sourceUnit: string | null;
  ip: string | null;
  batchIndex: number | null;
  eventId: string | null;
  eventType: string | null;
  error: string | unknown;
  /** the rejected event's text as received */
  raw: string | unknown;
}

export const listDeadLetters = (cursor: string | null, limit: number, signal?: AbortSignal) =>
  api.get<{ items: DeadLetterDto[]; nextCursor: string | null }>('/dead-letters', { query: { limit, cursor }, signal });
