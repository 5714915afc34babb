// Detection as the console sees it: the rule catalogue (names for every page), parameter versions and
// the back-test preview.
export { detectionRoutes } from './detection.routes.ts';
export { useRules, type RuleIndex } from './hooks/useRules.ts';
