// 登录: username and password; the server's own message on 401, a wait hint on 429.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../shared/api/client.ts';
import { describeError } from '../shared/api/describe-error.ts';
import { LanguageSwitch } from '../shared/components/LanguageSwitch.tsx';
import { useLocale, useT } from '../shared/i18n/i18n.tsx';
import { useAuth } from './auth/AuthProvider.tsx';
import { appMessages } from './locales/index.ts';

interface Fields {
  username: string;
  password: string;
}

export default function LoginPage({ expired }: { expired: boolean }) {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const { login } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Fields) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setError(e.message || t('loginWrong'));
        form.setFieldValue('password', '');
        form.focusField('password');
      } else if (isApiError(e) && e.status === 429) {
        // the server's message usually says how long to wait; otherwise say it from Retry-After
        const wait = e.retryAfter ? ` ${t('loginRetryAfter', { seconds: e.retryAfter })}` : '';
        setError(e.message || t('loginTooMany') + wait);
      } else {
        setError(describeError(e, locale));
      }
      setBusy(false);
    }
  }

  return (
    <AntApp style={{ height: '100%' }}>
      <main className="bh-login">
        <div className="bh-login-card">
          <div className="bh-login-head">
            <div>
              <div className="bh-login-brand">
                <span className="bh-brand-mark" aria-hidden />
                <h1>{t('productName')}</h1>
              </div>
              <p className="bh-muted">{t('productTagline')}</p>
            </div>
            <LanguageSwitch label={t('language')} />
          </div>
          <h2 className="bh-login-title">{t('loginTitle')}</h2>
          <p className="bh-muted">{t('loginIntro')}</p>
          {expired && !error && <Alert type="warning" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form<Fields> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
            <Form.Item
              label={t('username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('loginSubmit')}
            </Button>
          </Form>
          <p className="bh-muted bh-login-footer">{t('loginFooter')}</p>
        </div>
      </main>
    </AntApp>
  );
}
