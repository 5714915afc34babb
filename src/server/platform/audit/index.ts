// Owns the audit log: every write to the platform appends one entry, in the same transaction as the
// change, as a leaf of an RFC 6962 Merkle tree (root, inclusion and consistency proofs).
export type { AuditEntry } from './audit.service.ts';
export { appendAudit, appendAudits, auditRoot } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
