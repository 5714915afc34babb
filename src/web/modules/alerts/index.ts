// Alerts: the board (counts, filters, live arrival), one alert's page with its closed-loop actions.
export { alertRoutes } from './alerts.routes.ts';
export { LevelTag } from './components/LevelTag.tsx';
export { StatusTag } from './components/StatusTag.tsx';
export { alertLevels, levelColor, isLevel, type AlertLevel } from './alerts.adapters.ts';
export { listAlerts, type AlertDto } from './alerts.api.ts';
export { alertMessages } from './locales/index.ts';
export { NotificationBell } from './components/NotificationBell.tsx';
