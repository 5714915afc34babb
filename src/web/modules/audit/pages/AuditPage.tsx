// 审计日志: the log's root and size, its entries newest first, and an in-browser inclusion check per entry.
import { Button, Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { JsonBlock } from '../../../shared/components/JsonBlock.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { compactJson } from '../../../shared/format/json.ts';
import { formatCount } from '../../../shared/format/number.ts';
import { formatDateTimeSeconds } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import type { AuditEntryView } from '../audit.adapters.ts';
import { InclusionCell } from '../components/InclusionCell.tsx';
import { TreeHeadCard } from '../components/TreeHeadCard.tsx';
import { useAuditEntries } from '../hooks/useAuditEntries.ts';
import { useAuditRoot } from '../hooks/useAuditRoot.ts';
import { useInclusionCheck } from '../hooks/useInclusionCheck.ts';
import { auditMessages } from '../locales/index.ts';

export default function AuditPage() {
  const t = useT(auditMessages);
  const ts = useT(sharedMessages);
  const root = useAuditRoot();
  const entries = useAuditEntries();
  const { checks, check } = useInclusionCheck(root.data);

  const columns: TableColumnsType<AuditEntryView> = [
    { title: t('colSeq'), dataIndex: 'seq', width: 70, align: 'right', render: (v: number) => <span className="bh-mono">{v}</span> },
    { title: t('colAt'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTimeSeconds(v) },
    { title: t('colActor'), dataIndex: 'actor', width: 130, ellipsis: true },
    {
      title: t('colUnit'),
      dataIndex: 'unitCode',
      width: 125,
      render: (v: string | null) => (v ? <span className="bh-mono">{v}</span> : <span className="bh-muted">{t('platform')}</span>),
    },
    { title: t('colAction'), dataIndex: 'action', width: 150, render: (v: string) => <Tag className="bh-mono">{v}</Tag> },
    {
      title: t('colDetail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (v: unknown) => <span className="bh-mono">{compactJson(v, 120)}</span>,
    },
    {
      title: t('colVerify'),
      key: 'verify',
      width: 170,
      render: (_, r) => <InclusionCell entry={r} state={checks.get(r.seq)} onCheck={() => void check(r)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('auditTitle')}
        extra={
          <Button
            onClick={() => {
              root.reload();
              entries.reload();
            }}
            loading={entries.loading && entries.items.length > 0}
          >
            {ts('refresh')}
          </Button>
        }
      >
        {t('auditIntro')}
      </PageHeader>
      <TreeHeadCard root={root.data} error={root.error} onRetry={root.reload} />
      {entries.error !== undefined && <ErrorAlert error={entries.error} onRetry={entries.items.length ? entries.loadMore : entries.reload} />}
      <Table<AuditEntryView>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={entries.items}
        loading={entries.loading}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 960 }}
        locale={{ emptyText: t('entriesEmpty') }}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <Descriptions
                size="small"
                column={2}
                style={{ marginBottom: 8 }}
                items={[
                  { key: 'ip', label: t('colIp'), children: r.ip ?? '—' },
                  { key: 'leaf', label: t('colLeafHash'), children: <span className="bh-mono">{r.leafHash}</span> },
                ]}
              />
              <Typography.Text strong>{t('detailTitle')}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <JsonBlock value={r.detail} label={t('detailLabel', { seq: r.seq })} />
              </div>
            </div>
          ),
          expandIcon: ({ expanded, onExpand, record }) => (
            <button
              type="button"
              className={`ant-table-row-expand-icon ${expanded ? 'ant-table-row-expand-icon-expanded' : 'ant-table-row-expand-icon-collapsed'}`}
              aria-label={`${expanded ? t('collapseRow') : t('expandRow')} #${record.seq}`}
              aria-expanded={expanded}
              onClick={(e) => onExpand(record, e)}
            />
          ),
        }}
      />
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('entriesShown', { count: formatCount(entries.items.length) })}</Typography.Text>
        {entries.hasMore ? (
          <Button onClick={entries.loadMore} loading={entries.loadingMore}>
            {t('loadOlder')}
          </Button>
        ) : (
          !entries.loading && entries.items.length > 0 && <Typography.Text type="secondary">{ts('noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
