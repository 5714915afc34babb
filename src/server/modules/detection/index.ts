// Owns detection: the rule catalogue (rules.md, one file per rule), versioned rule parameters, and the
// engine that turns events into findings for the alerts module.
export { ruleCatalogue } from './rules/index.ts';
export { RuleParamsService, type Params, type ParamVersion, type RuleInfo } from './params.service.ts';
export { detectionRoutes } from './detection.routes.ts';
export { DetectionEngine } from './engine.ts';
export { DetectionRunner, type RunSummary, type BacktestResult } from './runner.ts';
