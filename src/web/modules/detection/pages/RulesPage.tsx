// 规则参数: the rule catalogue; a rule opens in a drawer with its parameters, back-test and versions.
import { Button, Drawer, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { findPath } from '../../../shared/api/api-paths.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useApiPaths } from '../../../shared/hooks/useApiPaths.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { RuleEditor } from '../components/RuleEditor.tsx';
import type { RuleDto } from '../detection.api.ts';
import { useRules } from '../hooks/useRules.ts';
import { detectionMessages } from '../locales/index.ts';

export default function RulesPage() {
  const t = useT(detectionMessages);
  const ts = useT(sharedMessages);
  const rules = useRules();
  const paths = useApiPaths();
  const [open, setOpen] = useState<string | null>(null);
  const rule = open ? rules.data?.byCode.get(open) : undefined;
  const canBacktest = paths.data ? findPath(paths.data, /^\/rules\/\{[^}]+\}\/backtest$/, 'POST') !== null : false;

  const columns: TableColumnsType<RuleDto> = [
    { title: t('colCode'), dataIndex: 'code', width: 260, render: (c: string) => <span className="bh-mono">{c}</span> },
    { title: t('colName'), dataIndex: 'name' },
    { title: t('colVersion'), dataIndex: ['current', 'version'], width: 90, align: 'right' },
    { title: t('colChangedAt'), dataIndex: ['current', 'changedAt'], width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('colChangedBy'), dataIndex: ['current', 'changedBy'], width: 150, ellipsis: true },
    {
      title: '',
      key: 'edit',
      width: 140,
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => setOpen(r.code)} aria-label={`${t('edit')}: ${r.name}`}>
          {t('edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('rulesTitle')} extra={<Button onClick={rules.reload}>{ts('refresh')}</Button>}>
        {t('rulesIntro')}
      </PageHeader>
      {rules.error !== undefined && <ErrorAlert error={rules.error} onRetry={rules.reload} />}
      <Table<RuleDto> rowKey="code" size="middle" columns={columns} dataSource={rules.data?.list ?? []} loading={rules.loading} pagination={false} data-testid="rules" />
      <Drawer open={!!rule} size={860} title={rule ? t('editTitle', { name: rule.name }) : ''} onClose={() => setOpen(null)} destroyOnHidden>
        {rule && <RuleEditor key={`${rule.code}:${rule.current.version}`} rule={rule} canBacktest={canBacktest} onSaved={() => rules.reload()} />}
      </Drawer>
    </>
  );
}
