// The home page: the caller's unit, its subtree by level, the audit log's head. Owns no data of its own;
// it reads through the access and audit modules.
export { overviewRoutes } from './overview.routes.ts';
