// 考核排名: the assessment score of a unit from its alert figures. Pure, so the weighting is pinned by tests.
import type { UnitFigures } from './reports.repository.ts';

export interface RankedUnit extends UnitFigures {
  /** closed / total; null when the unit had no alerts */
  closureRate: number | null;
  /** closed on or before the deadline / closed; null when none closed */
  onTimeRate: number | null;
  /** 0–100; null when the unit had no alerts in the period */
  score: number | null;
  /** 1 for the best; units without alerts share the last place after the ranked ones */
  rank: number;
}

/**
 * Score = 100 × (0.5 × closure rate + 0.3 × on-time closure rate + 0.2 × (1 − overdue share of all alerts)).
 * Closing what was found counts most, closing it in time next, and leaving alerts overdue pulls a unit down.
 */
export function score(f: UnitFigures): { closureRate: number | null; onTimeRate: number | null; score: number | null } {
  if (f.total === 0) return { closureRate: null, onTimeRate: null, score: null };
  const closureRate = f.closed / f.total;
  const onTimeRate = f.closed === 0 ? null : f.closedOnTime / f.closed;
  const overdueShare = f.overdue / f.total;
  const s = 100 * (0.5 * closureRate + 0.3 * (onTimeRate ?? 0) + 0.2 * (1 - overdueShare));
  return { closureRate, onTimeRate, score: Math.round(s * 10) / 10 };
}

/** rank by score (higher first), then fewer overdue, then shorter median time to close, then group key */
export function rankUnits(figures: readonly UnitFigures[]): RankedUnit[] {
  const scored = figures.map((f) => ({ ...f, ...score(f), rank: 0 }));
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.group.localeCompare(b.group) : 1) : -1;
    if (b.score !== a.score) return b.score - a.score;
    if (a.overdue !== b.overdue) return a.overdue - b.overdue;
    const am = a.medianHoursToClose ?? Infinity;
    const bm = b.medianHoursToClose ?? Infinity;
    if (am !== bm) return am - bm;
    return a.group.localeCompare(b.group);
  });
  let lastScored = 0;
  scored.forEach((u, i) => {
    if (u.score !== null) {
      const prev = scored[i - 1];
      u.rank = prev && prev.score === u.score && prev.overdue === u.overdue ? prev.rank : i + 1;
      lastScored = i + 1;
    } else u.rank = lastScored + 1;
  });
  return scored;
}
