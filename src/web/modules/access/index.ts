// Units and machine tokens: the caller's unit tree (used by every page that names or picks a unit) and
// the administration of ingest/API tokens.
export { useUnits } from './hooks/useUnits.ts';
export { countByLevel, type LevelCounts, type UnitIndex, type UnitView } from './access.adapters.ts';
export { UnitPicker } from './components/UnitPicker.tsx';
export { accessRoutes } from './access.routes.ts';
