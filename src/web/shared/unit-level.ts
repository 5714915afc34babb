// Unit levels as the glossary names them, and how the console labels and colours them.

import type { SharedMessages } from './locales/zh-CN.ts';

export const unitLevels = ['province', 'city', 'county', 'squad'] as const;
export type UnitLevel = (typeof unitLevels)[number];

export function isUnitLevel(s: string): s is UnitLevel {
  return (unitLevels as readonly string[]).includes(s);
}

const labelKey = {
  province: 'levelProvince',
  city: 'levelCity',
  county: 'levelCounty',
  squad: 'levelSquad',
} as const satisfies Record<UnitLevel, keyof SharedMessages>;

export function unitLevelKey(level: string): keyof SharedMessages | null {
  return isUnitLevel(level) ? labelKey[level] : null;
}

export const unitLevelColor: Record<UnitLevel, string> = {
  province: 'red',
  city: 'orange',
  county: 'blue',
  squad: 'cyan',
};
