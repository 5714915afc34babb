import { InboxOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { ingestMessages } from './locales/index.ts';

export const ingestRoutes: PageRoute[] = [
  {
    path: '/admin/dead-letters',
    section: 'admin',
    order: 30,
    scope: 'admin',
    title: msg(ingestMessages, 'deadLettersTitle'),
    icon: InboxOutlined,
    page: lazy(() => import('./pages/DeadLettersPage.tsx')),
  },
];
