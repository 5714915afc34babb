// 令牌: the machine tokens of the caller's units; create (secret shown once) and revoke.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useMe } from '../../../app/auth/AuthProvider.tsx';
import { describeError } from '../../../shared/api/describe-error.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import type { CreatedTokenDto } from '../access.api.ts';
import { toTokenViews, type TokenView } from '../access.adapters.ts';
import { CreateTokenModal } from '../components/CreateTokenModal.tsx';
import { ScopeTags } from '../components/ScopeTags.tsx';
import { TokenSecretModal } from '../components/TokenSecretModal.tsx';
import { useRevokeToken } from '../hooks/useRevokeToken.ts';
import { useTokens } from '../hooks/useTokens.ts';
import { useUnits } from '../hooks/useUnits.ts';
import { accessMessages } from '../locales/index.ts';

export default function TokensPage() {
  const t = useT(accessMessages);
  const ts = useT(sharedMessages);
  const { locale } = useLocale();
  const me = useMe();
  const { modal, message } = App.useApp();
  const tokens = useTokens();
  const units = useUnits();
  const revoke = useRevokeToken();
  const [showRevoked, setShowRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ created: CreatedTokenDto; name: string } | null>(null);

  const rows = useMemo(() => {
    const all = toTokenViews(tokens.data ?? [], units.data);
    return showRevoked ? all : all.filter((r) => r.active);
  }, [tokens.data, units.data, showRevoked]);

  function confirmRevoke(row: TokenView) {
    modal.confirm({
      title: t('revokeTitle', { name: row.name }),
      content: t('revokeText'),
      okText: t('revokeOk'),
      okButtonProps: { danger: true },
      cancelText: ts('cancel'),
      focusable: { autoFocusButton: 'cancel' },
      onOk: async () => {
        try {
          await revoke(row.id);
          message.success(t('revokeDone', { name: row.name }));
          tokens.reload();
        } catch (e) {
          message.error(`${t('revokeFailed')}: ${describeError(e, locale)}`);
        }
      },
    });
  }

  const columns: TableColumnsType<TokenView> = [
    { title: t('colTokenName'), dataIndex: 'name', width: 180 },
    {
      title: t('colTokenUnit'),
      key: 'unit',
      render: (_, r) => (
        <span>
          {r.unitName ?? t('unknownUnit')} <span className="bh-mono bh-muted">{r.unitCode}</span>
        </span>
      ),
    },
    { title: t('colTokenScopes'), dataIndex: 'scopes', width: 170, render: (s: string[]) => <ScopeTags scopes={s} /> },
    { title: t('colTokenCreatedBy'), dataIndex: 'createdBy', width: 90, ellipsis: true },
    { title: t('colTokenCreatedAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: t('colTokenStatus'),
      key: 'status',
      width: 150,
      render: (_, r) =>
        r.active ? (
          <Tag color="success">{t('statusActive')}</Tag>
        ) : (
          <div>
            <Tag>{t('statusRevoked')}</Tag>
            <div className="bh-muted" style={{ fontSize: 12 }}>
              {t('revokedAt', { time: formatDateTime(r.revokedAt) })}
            </div>
          </div>
        ),
    },
    {
      title: t('colTokenActions'),
      key: 'actions',
      width: 80,
      render: (_, r) =>
        r.active && (
          <Button danger size="small" onClick={() => confirmRevoke(r)} aria-label={`${t('revoke')} ${r.name}`}>
            {t('revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokensTitle')}
        extra={
          <>
            <Button onClick={tokens.reload} loading={tokens.loading && tokens.data !== undefined}>
              {ts('refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tokensCreate')}
            </Button>
          </>
        }
      >
        {t('tokensIntro')}
      </PageHeader>
      {tokens.error !== undefined && <ErrorAlert error={tokens.error} onRetry={tokens.reload} />}
      {units.error !== undefined && <ErrorAlert error={units.error} onRetry={units.reload} />}
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Switch id="bh-show-revoked" size="small" checked={showRevoked} onChange={setShowRevoked} />
        <label htmlFor="bh-show-revoked">
          <Typography.Text>{t('showRevoked')}</Typography.Text>
        </label>
      </Flex>
      <Table<TokenView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={tokens.loading && tokens.data === undefined}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('tokensEmpty') }}
        rowClassName={(r) => (r.active ? '' : 'bh-row-revoked')}
        scroll={{ x: 1000 }}
      />
      <CreateTokenModal
        open={creating}
        units={units.data}
        defaultUnit={me.unit?.code}
        onClose={() => setCreating(false)}
        onCreated={(created, name) => {
          setCreating(false);
          setSecret({ created, name });
          tokens.reload();
        }}
      />
      <TokenSecretModal created={secret?.created ?? null} name={secret?.name ?? ''} onClose={() => setSecret(null)} />
    </>
  );
}
