// Which screen: checking the session, the login page, or the console shell.
import { Alert, Button, Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { describeError } from '../shared/api/describe-error.ts';
import { useLocale, useT } from '../shared/i18n/i18n.tsx';
import { navigate, safeLocalPath, useLocation } from '../shared/router.tsx';
import { useAuth } from './auth/AuthProvider.tsx';
import { sharedMessages } from '../shared/locales/index.ts';
import { appMessages } from './locales/index.ts';

const LoginPage = lazy(() => import('./LoginPage.tsx'));
const Shell = lazy(() => import('./Shell.tsx'));

// most visits are signed in: fetch the shell while the session is being checked, not after
if (window.location.pathname !== '/login') void import('./Shell.tsx');

const LOGIN = '/login';

function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <div className="bh-center" role="status" aria-live="polite">
      <Spin size="large" description={tip} />
    </div>
  );
}

export function App() {
  const { state, recheck } = useAuth();
  const t = useT(appMessages);
  const ts = useT(sharedMessages);
  const { locale } = useLocale();
  const loc = useLocation();

  const onLogin = loc.pathname === LOGIN;
  useEffect(() => {
    if (state.status === 'anonymous' && !onLogin) {
      const here = loc.pathname + loc.search.toString().replace(/^(?=.)/, '?');
      navigate(here === '/' ? LOGIN : `${LOGIN}?next=${encodeURIComponent(here)}`, { replace: true });
    }
    if (state.status === 'signedIn' && onLogin) {
      navigate(safeLocalPath(loc.search.get('next')) ?? '/', { replace: true });
    }
  }, [state.status, onLogin, loc]);

  useEffect(() => {
    if (state.status !== 'signedIn') document.title = `${t('loginTitle')} · ${t('productName')}`;
  }, [state.status, t]);

  switch (state.status) {
    case 'checking':
      return <FullPageSpin tip={t('sessionChecking')} />;
    case 'failed':
      return (
        <div className="bh-center">
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('sessionError')}
            description={describeError(state.error, locale)}
            action={
              <Button type="primary" onClick={recheck}>
                {ts('retry')}
              </Button>
            }
            style={{ width: 480 }}
          />
        </div>
      );
    case 'anonymous':
      return (
        <Suspense fallback={<FullPageSpin />}>
          <LoginPage expired={state.expired} />
        </Suspense>
      );
    case 'signedIn':
      return onLogin ? (
        <FullPageSpin />
      ) : (
        <Suspense fallback={<FullPageSpin />}>
          <Shell me={state.me} />
        </Suspense>
      );
  }
}
