import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { overviewMessages } from './locales/index.ts';

export const overviewRoutes: PageRoute[] = [
  {
    path: '/',
    section: 'home',
    title: msg(overviewMessages, 'overviewTitle'),
    icon: HomeOutlined,
    page: lazy(() => import('./pages/OverviewPage.tsx')),
  },
];
