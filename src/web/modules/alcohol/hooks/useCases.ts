import type { Query } from '../../../shared/api/client.ts';
import { useCursorList } from '../../../shared/hooks/useCursorList.ts';
import { listCases } from '../alcohol.api.ts';

/** alcohol cases of the caller's units under the filters, newest first, 50 at a time */
export function useCases(query: Query) {
  return useCursorList(`cases:${JSON.stringify(query)}`, (cursor, signal) => listCases({ ...query, limit: 50, cursor }, signal));
}
