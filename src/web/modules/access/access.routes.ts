import { ApartmentOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { accessMessages } from './locales/index.ts';

export const accessRoutes: PageRoute[] = [
  {
    path: '/admin/units',
    section: 'admin',
    order: 10,
    title: msg(accessMessages, 'unitsTitle'),
    icon: ApartmentOutlined,
    page: lazy(() => import('./pages/UnitsPage.tsx')),
  },
  {
    path: '/admin/people',
    section: 'admin',
    order: 15,
    title: msg(accessMessages, 'peopleTitle'),
    icon: TeamOutlined,
    page: lazy(() => import('./pages/PeoplePage.tsx')),
  },
  {
    path: '/admin/tokens',
    section: 'admin',
    order: 20,
    scope: 'admin',
    title: msg(accessMessages, 'tokensTitle'),
    icon: KeyOutlined,
    page: lazy(() => import('./pages/TokensPage.tsx')),
  },
];
