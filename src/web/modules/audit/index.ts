// The audit log as the console sees it: size and root of the Merkle tree, the entries, and in-browser
// verification of an entry's inclusion proof.
export { useAuditRoot } from './hooks/useAuditRoot.ts';
export { TreeHeadCard } from './components/TreeHeadCard.tsx';
export { auditRoutes } from './audit.routes.ts';
