import { useRequest } from '../../../shared/hooks/useRequest.ts';
import { getAuditRoot } from '../audit.api.ts';
import { toAuditRootView, type AuditRootView } from '../audit.adapters.ts';

/** the audit log's current size and root */
export function useAuditRoot() {
  return useRequest<AuditRootView>('audit-root', async (signal) => toAuditRootView(await getAuditRoot(signal)));
}
