import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { msg } from '../../shared/i18n/i18n.tsx';
import type { PageRoute } from '../../shared/router.tsx';
import { auditMessages } from './locales/index.ts';

export const auditRoutes: PageRoute[] = [
  {
    path: '/admin/audit',
    section: 'admin',
    order: 40,
    scope: 'admin',
    title: msg(auditMessages, 'auditTitle'),
    icon: AuditOutlined,
    page: lazy(() => import('./pages/AuditPage.tsx')),
  },
];
