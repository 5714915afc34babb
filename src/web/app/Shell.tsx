// The console frame after login: header (product, unit, user, sign-out), the menu built from the route
// table, and the current page, code-split and guarded by its scope.
import { LogoutOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Layout, Menu, Spin, type MenuProps } from 'antd';
import { createElement, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../shared/api/describe-error.ts';
import { LanguageSwitch } from '../shared/components/LanguageSwitch.tsx';
import { ForbiddenPage, NotFoundPage, PageErrorBoundary } from '../shared/components/StatusPages.tsx';
import { UnitLevelTag } from '../shared/components/UnitLevelTag.tsx';
import { useLocale, useT } from '../shared/i18n/i18n.tsx';
import { sharedMessages } from '../shared/locales/index.ts';
import { Link, navigate, useLocation } from '../shared/router.tsx';
import { NotificationBell } from '../modules/alerts/index.ts';
import { useAuth } from './auth/AuthProvider.tsx';
import type { Me } from './auth/session.api.ts';
import { appMessages } from './locales/index.ts';
import { matchRoute, mayOpen, routes } from './routes.ts';
import { sections } from './sections.ts';

type MenuItem = Required<MenuProps>['items'][number];

function useMenuItems(me: Me): MenuItem[] {
  const { locale } = useLocale();
  const t = useT(appMessages);
  return useMemo(() => {
    const items: MenuItem[] = [];
    for (const section of sections) {
      const pages = routes
        .filter((r) => r.section === section.key && r.menu !== false && mayOpen(r, me.scopes))
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
        .map((r) => ({
          key: r.path,
          icon: r.icon ? createElement(r.icon) : undefined,
          label: (
            <Link to={r.path} tabIndex={-1}>
              {r.title(locale)}
            </Link>
          ),
        }));
      if (pages.length === 0) continue;
      if (section.key === 'home') items.push(...pages);
      else items.push({ key: `section:${section.key}`, label: t(section.label), type: 'group', children: pages });
    }
    return items;
  }, [me.scopes, locale, t]);
}

function Header({ me }: { me: Me }) {
  const t = useT(appMessages);
  const ts = useT(sharedMessages);
  const { locale } = useLocale();
  const { logout } = useAuth();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <header className="bh-header">
      <Link to="/" className="bh-brand">
        <span className="bh-brand-mark" aria-hidden />
        <span>
          {t('productName')} <span className="bh-brand-tagline">· {t('productTagline')}</span>
        </span>
      </Link>
      <div className="bh-header-right" aria-label={t('userMenu')} role="group">
        <span className="bh-header-unit">
          {me.unit ? (
            <>
              <span>{me.unit.name}</span>
              <UnitLevelTag level={me.unit.level} />
            </>
          ) : (
            <span>{ts('levelPlatform')}</span>
          )}
        </span>
        <span aria-hidden style={{ opacity: 0.4 }}>|</span>
        <span title={me.username}>{me.displayName}</span>
        {me.scopes.has('read') && <NotificationBell />}
        <LanguageSwitch label={t('language')} />
        <Button
          ghost
          size="small"
          icon={<LogoutOutlined />}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await logout();
              navigate('/login', { replace: true });
            } catch (e) {
              message.error(`${t('logoutFailed')}: ${describeError(e, locale)}`);
              setBusy(false);
            }
          }}
        >
          {t('logout')}
        </Button>
      </div>
    </header>
  );
}

export default function Shell({ me }: { me: Me }) {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const loc = useLocation();
  const items = useMenuItems(me);
  const matched = matchRoute(loc.pathname);
  const allowed = matched ? mayOpen(matched.route, me.scopes) : false;
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    const title = matched && allowed ? matched.route.title(locale) : null;
    document.title = title ? `${title} · ${t('productName')}` : `${t('productName')} · ${t('productTagline')}`;
  }, [matched, allowed, locale, t]);

  // after navigating, put keyboard focus at the start of the new page and scroll to its top
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [loc.pathname]);

  let content;
  if (!matched) content = <NotFoundPage />;
  else if (!allowed) content = <ForbiddenPage />;
  else content = createElement(matched.route.page, { params: matched.params });

  return (
    <AntApp style={{ height: '100%' }}>
      <Layout style={{ minHeight: '100%' }}>
        <a className="bh-skip" href="#main">
          {t('skipToContent')}
        </a>
        <Header me={me} />
        <Layout>
          <Layout.Sider width={216} className="bh-sider" theme="light">
            <nav aria-label={t('mainNav')}>
              <Menu
                mode="inline"
                items={items}
                selectedKeys={matched ? [matched.route.path] : []}
                onClick={({ key }) => navigate(key)}
              />
            </nav>
          </Layout.Sider>
          <Layout.Content>
            <main id="main" className="bh-main" ref={mainRef} tabIndex={-1}>
              <PageErrorBoundary resetKey={loc.pathname}>
                <Suspense
                  fallback={
                    <div style={{ padding: 48, textAlign: 'center' }} role="status">
                      <Spin />
                    </div>
                  }
                >
                  {content}
                </Suspense>
              </PageErrorBoundary>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
