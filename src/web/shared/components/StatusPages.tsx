import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { navigate } from '../router.tsx';
import { useT } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';

export function ForbiddenPage() {
  const t = useT(sharedMessages);
  return (
    <Result
      status="403"
      title={<h1 className="bh-result-title">{t('forbiddenTitle')}</h1>}
      subTitle={t('forbiddenText')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('backHome')}</Button>}
    />
  );
}

export function NotFoundPage() {
  const t = useT(sharedMessages);
  return (
    <Result
      status="404"
      title={<h1 className="bh-result-title">{t('notFoundTitle')}</h1>}
      subTitle={t('notFoundText')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('backHome')}</Button>}
    />
  );
}

function ChunkFailed() {
  const t = useT(sharedMessages);
  return (
    <Result
      status="warning"
      title={t('chunkFailed')}
      extra={<Button type="primary" onClick={() => window.location.reload()}>{t('reload')}</Button>}
    />
  );
}

/** a page that throws while rendering, or whose code chunk fails to load, must not blank the console */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }
  override render() {
    return this.state.error ? <ChunkFailed /> : this.props.children;
  }
}
