import { ExperimentOutlined, FileSearchOutlined, SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { alcoholMessages } from './locales/index.ts';

export const alcoholRoutes: PageRoute[] = [
  {
    path: '/alcohol/cases',
    section: 'alcohol',
    order: 10,
    title: msg(alcoholMessages, 'casesTitle'),
    icon: FileSearchOutlined,
    page: lazy(() => import('./pages/CasesPage.tsx')),
  },
  {
    path: '/alcohol/cases/:caseNo',
    section: 'alcohol',
    menu: false,
    title: msg(alcoholMessages, 'casesTitle'),
    page: lazy(() => import('./pages/CasePage.tsx')),
  },
  {
    path: '/alcohol/labs',
    section: 'alcohol',
    order: 20,
    title: msg(alcoholMessages, 'labsTitle'),
    icon: ExperimentOutlined,
    page: lazy(() => import('./pages/LabsPage.tsx')),
  },
  {
    path: '/alcohol/rooms',
    section: 'alcohol',
    order: 30,
    title: msg(alcoholMessages, 'roomsTitle'),
    icon: SafetyOutlined,
    page: lazy(() => import('./pages/RoomsPage.tsx')),
  },
];
