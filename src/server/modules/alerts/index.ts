// Owns alerts: the store (one open alert per rule and subject), their history, and reading them within
// the caller's units. The closed loop (workflow.md) will live here too.
export { AlertService, presentAlert, type AlertView } from './alerts.service.ts';
export { alertRoutes, AlertSchema } from './alerts.routes.ts';
export { subjectAlertLevels, type FindingInput } from './alerts.repository.ts';
