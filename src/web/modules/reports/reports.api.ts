// The reports module's figures: the board's counts, the trend and the unit ranking (考核排名).
import { api, type Query } from '../../shared/api/client.ts';

export interface CountDto {
  key: string;
  n: number;
}

export interface AlertCountsDto {
  total: number;
  overdue: number;
  byLevel: CountDto[];
  byRule: CountDto[];
  byStatus: CountDto[];
  byUnit: { unit: string; name: string; n: number }[];
  asOf: string;
}

export interface TrendDto {
  bucket: string;
  byLevel: { bucket: string; key: string; n: number }[];
  byRule: { bucket: string; key: string; n: number }[];
}

export interface RankedUnitDto {
  unit: string;
  name: string;
  level: string;
  self: boolean;
  total: number;
  closed: number;
  open: number;
  overdue: number;
  closedOnTime: number;
  medianHoursToClose: number | null;
  closureRate: number | null;
  onTimeRate: number | null;
  score: number | null;
  rank: number;
}

export interface RankingDto {
  unit: { code: string; name: string; level: string } | null;
  overall: RankedUnitDto | null;
  items: RankedUnitDto[];
}

export const getAlertCounts = (query: Query, signal?: AbortSignal) => api.get<AlertCountsDto>('/reports/alert-counts', { query, signal });
export const getAlertTrend = (query: Query, signal?: AbortSignal) => api.get<TrendDto>('/reports/alert-trend', { query, signal });
export const getUnitRanking = (query: Query, signal?: AbortSignal) => api.get<RankingDto>('/reports/unit-ranking', { query, signal });
