// The synthetic demo province (内蒙古): reference data and a stream of realistic events with planted anomalies.
// Owns no tables; it only produces events in the ingest contract's shape, and the users who may log in.
export { createDemo, generateDemo, plantedAnomalies, type DemoOptions, type DemoRun } from './generate-demo.ts';
export { demoUsers, type DemoUser } from './demo-users.ts';
export {
  DEMO_EVENT_TYPES, type DemoEvent, type DemoEventType, type PlantedAnomaly, type RuleCode, type SubjectKind,
} from './demo-core.ts';
export { idCheckChar } from './demo-identity.ts';
export { ROOT_CODE as DEMO_ROOT_UNIT } from './demo-world.ts';
