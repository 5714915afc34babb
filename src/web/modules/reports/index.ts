// Dashboards (统计分析) and the alert board's counts, from the server's reports module.
export { reportRoutes } from './reports.routes.ts';
export { useAlertCounts } from './hooks/useAlertCounts.ts';
