import type { Query } from '../../../shared/api/client.ts';
import { api } from '../../../shared/api/client.ts';
import { findPath, loadApiPaths } from '../../../shared/api/api-paths.ts';
import { useRequest } from '../../../shared/hooks/useRequest.ts';

export interface HighRiskFigures {
  cases: number;
  highRisk: number;
  red: number;
  orange: number;
  rate: number | null;
}

export interface HighRiskDto {
  unit: string;
  unitName: string | null;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  current: HighRiskFigures;
  previous: HighRiskFigures;
  change: { highRiskPct: number | null; ratePoints: number | null; ratePct: number | null };
}

/**
 * The alcohol module's high-risk case rate against the previous period (a custom period when dates are
 * given, else the current month); `null` when the server does not serve it.
 */
export function useHighRiskRate(query: Query) {
  return useRequest(`high-risk:${JSON.stringify(query)}`, async (signal) => {
    const path = findPath(await loadApiPaths(), /^\/alcohol\/high-risk$/);
    if (!path) return null;
    const custom = query.from && query.to;
    return api.get<HighRiskDto>(path, { query: { unit: query.unit, period: custom ? 'custom' : 'month', from: custom ? query.from : undefined, to: custom ? query.to : undefined }, signal });
  });
}
