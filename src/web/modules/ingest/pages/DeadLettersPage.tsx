// 死信: rejected events with their error; expand a row for the raw body, pretty-printed when JSON.
import { Button, Descriptions, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { JsonBlock } from '../../../shared/components/JsonBlock.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatCount } from '../../../shared/format/number.ts';
import { formatDateTimeSeconds } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { useDeadLetters } from '../hooks/useDeadLetters.ts';
import type { DeadLetterView } from '../ingest.adapters.ts';
import { ingestMessages } from '../locales/index.ts';

const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

export default function DeadLettersPage() {
  const t = useT(ingestMessages);
  const ts = useT(sharedMessages);
  const list = useDeadLetters();

  const columns: TableColumnsType<DeadLetterView> = [
    { title: t('colReceivedAt'), dataIndex: 'receivedAt', width: 160, render: (v: string) => formatDateTimeSeconds(v) },
    { title: t('colSource'), dataIndex: 'source', width: 150, ellipsis: true, render: (v: string) => <span className="bh-mono">{v}</span> },
    { title: t('colSourceUnit'), dataIndex: 'sourceUnit', width: 120, render: (v: string | null) => <span className="bh-mono">{dash(v)}</span> },
    { title: t('colBatchIndex'), dataIndex: 'batchIndex', width: 80, align: 'right', render: dash },
    { title: t('colEventType'), dataIndex: 'eventType', width: 150, ellipsis: true, render: (v: string | null) => <span className="bh-mono">{dash(v)}</span> },
    {
      title: t('colError'),
      dataIndex: 'error',
      render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('deadLettersTitle')}
        extra={
          <Button onClick={list.reload} loading={list.loading && list.items.length > 0}>
            {ts('refresh')}
          </Button>
        }
      >
        {t('deadLettersIntro')}
      </PageHeader>
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} />}
      <Table<DeadLetterView>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 960 }}
        locale={{ emptyText: t('deadLettersEmpty') }}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <Descriptions
                size="small"
                column={3}
                style={{ marginBottom: 8 }}
                items={[
                  { key: 'source', label: t('colSource'), children: <span className="bh-mono">{r.source}</span> },
                  { key: 'ip', label: t('colIp'), children: dash(r.ip) },
                  { key: 'eventId', label: t('colEventId'), children: <span className="bh-mono">{dash(r.eventId)}</span> },
                ]}
              />
              <Typography.Text strong>{t('rawTitle')}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <JsonBlock value={r.raw} label={t('rawLabel', { id: r.id })} />
              </div>
            </div>
          ),
          expandIcon: ({ expanded, onExpand, record }) => (
            <button
              type="button"
              className={`ant-table-row-expand-icon ${expanded ? 'ant-table-row-expand-icon-expanded' : 'ant-table-row-expand-icon-collapsed'}`}
              aria-label={expanded ? t('collapseRow') : t('expandRow')}
              aria-expanded={expanded}
              onClick={(e) => onExpand(record, e)}
            />
          ),
        }}
      />
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('deadLettersShown', { count: formatCount(list.items.length) })}</Typography.Text>
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loadingMore}>
            {ts('loadMore')}
          </Button>
        ) : (
          !list.loading && list.items.length > 0 && <Typography.Text type="secondary">{ts('noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
