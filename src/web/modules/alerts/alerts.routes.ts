import { AlertOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { alertMessages } from './locales/index.ts';

export const alertRoutes: PageRoute[] = [
  {
    path: '/alerts',
    section: 'alerts',
    order: 10,
    title: msg(alertMessages, 'boardTitle'),
    icon: AlertOutlined,
    page: lazy(() => import('./pages/AlertBoardPage.tsx')),
  },
  {
    path: '/alerts/:id',
    section: 'alerts',
    menu: false,
    title: msg(alertMessages, 'detailTitle'),
    page: lazy(() => import('./pages/AlertDetailPage.tsx')),
  },
];
