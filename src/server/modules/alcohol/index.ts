// Owns alcohol cases: the case model and custody chain (an RFC 6962 tree per case, kept in the ingest
// transaction), the lab registry, evidence rooms, the high-risk rate and re-test draws.
export { AlcoholService } from './alcohol.service.ts';
export { AlcoholRegistryService } from './registry.service.ts';
export { alcoholRoutes } from './alcohol.routes.ts';
