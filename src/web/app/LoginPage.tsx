// 登录: username and password; the server's own message on 401, a wait hint on 429.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, Typography } from 'antd';
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
        const wait = e.retryAfter ? ` ${t('loginRetryAfter', { seconds: e.retryAfter })}` : '';
        setError((e.message || t('loginTooMany')) + wait);
      } else {
        setError(describeError(e, locale));
      }
      setBusy(false);
    }
  }

  return (
    <AntApp style={{ height: '100%' }}>
    <main className="bh-login">
      <Card className="bh-login-card">
        <Flex justify="space-between" align="start">
          <div>
            <div className="bh-login-brand">
              <span className="bh-brand-mark" aria-hidden />
              <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
                {t('productName')}
              </Typography.Title>
            </div>
            <Typography.Text type="secondary">{t('productTagline')}</Typography.Text>
          </div>
          <LanguageSwitch label={t('language')} />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 18, margin: '24px 0 4px' }}>
          {t('loginTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('loginIntro')}</Typography.Paragraph>
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
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('loginFooter')}
        </Typography.Paragraph>
      </Card>
    </main>
    </AntApp>
  );
}
