import { useCursorList } from '../../../shared/hooks/useCursorList.ts';
import { listAuditEntries } from '../audit.api.ts';
import { toAuditEntryView } from '../audit.adapters.ts';

const PAGE = 50;

/** audit entries, newest first, 50 at a time (`before` is the cursor) */
export function useAuditEntries() {
  return useCursorList('audit-entries', async (before, signal) => {
    const page = await listAuditEntries(before, PAGE, signal);
    return { items: page.items.map(toAuditEntryView), nextCursor: page.nextCursor ?? null };
  });
}
