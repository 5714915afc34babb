// 酒检案件: cases with their custody chain, the lab registry and the evidence rooms.
export { alcoholRoutes } from './alcohol.routes.ts';
