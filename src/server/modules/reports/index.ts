// Owns the figures of the dashboards (统计分析) and the alert board's counts: read-only aggregates over
// the alerts, scoped to the caller's units. It stores nothing of its own.
export { ReportService, type ReportQuery } from './reports.service.ts';
export { reportRoutes } from './reports.routes.ts';
export { rankUnits, score, type RankedUnit } from './ranking.ts';
