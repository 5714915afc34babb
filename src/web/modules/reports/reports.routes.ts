import { BarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { reportMessages } from './locales/index.ts';

export const reportRoutes: PageRoute[] = [
  {
    path: '/stats',
    section: 'stats',
    order: 10,
    title: msg(reportMessages, 'dashboardTitle'),
    icon: BarChartOutlined,
    page: lazy(() => import('./pages/DashboardPage.tsx')),
  },
];
