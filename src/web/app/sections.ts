// The console's menu sections in display order. A section shows only when one of its pages exists and
// the caller may open it.
import type { Section } from '../shared/router.tsx';
import type { AppMessages } from './locales/zh-CN.ts';

export const sections: readonly { key: Section; label: keyof AppMessages }[] = [
  { key: 'home', label: 'sectionHome' },
  { key: 'alerts', label: 'sectionAlerts' },
  { key: 'alcohol', label: 'sectionAlcohol' },
  { key: 'stats', label: 'sectionStats' },
  { key: 'admin', label: 'sectionAdmin' },
];
