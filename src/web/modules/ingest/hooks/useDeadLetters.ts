import { useCursorList } from '../../../shared/hooks/useCursorList.ts';
import { toDeadLetterView } from '../ingest.adapters.ts';
import { listDeadLetters } from '../ingest.api.ts';

const PAGE = 50;

/** dead letters of the caller's units, newest first, 50 at a time */
export function useDeadLetters() {
  return useCursorList('dead-letters', async (cursor, signal) => {
    const page = await listDeadLetters(cursor, PAGE, signal);
    return { items: page.items.map(toDeadLetterView), nextCursor: page.nextCursor ?? null };
  });
}
