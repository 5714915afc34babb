import { ControlOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { detectionMessages } from './locales/index.ts';

export const detectionRoutes: PageRoute[] = [
  {
    path: '/admin/rules',
    section: 'admin',
    order: 25,
    title: msg(detectionMessages, 'rulesTitle'),
    icon: ControlOutlined,
    page: lazy(() => import('./pages/RulesPage.tsx')),
  },
];
