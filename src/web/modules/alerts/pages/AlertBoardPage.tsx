// 预警看板: counts, filters (kept in the URL), the paged table, and new alerts arriving while it is open.
import { ReloadOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Table, Tooltip, Typography, type TableColumnsType, type TableColumnType, type TableProps } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatCount } from '../../../shared/format/number.ts';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { Link, navigate, useLocation } from '../../../shared/router.tsx';
import { useUnits } from '../../access/index.ts';
import { useRules } from '../../detection/hooks/useRules.ts';
import { useAlertCounts } from '../../reports/hooks/useAlertCounts.ts';
import { filtersFromSearch, filtersToQuery, filtersToSearch, sortFromOrder, sortOrderOf, type AlertSortKey, type BoardFilters } from '../alerts.adapters.ts';
import type { AlertDto } from '../alerts.api.ts';
import { BoardCounts } from '../components/BoardCounts.tsx';
import { BoardFiltersBar } from '../components/BoardFiltersBar.tsx';
import { LevelTag } from '../components/LevelTag.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useAlertPage } from '../hooks/useAlertPage.ts';
import { POLL_SECONDS, useAlertStream } from '../hooks/useAlertStream.ts';
import { alertMessages } from '../locales/index.ts';

const PAGE_SIZES = [20, 50, 100];

export default function AlertBoardPage() {
  const t = useT(alertMessages);
  const ts = useT(sharedMessages);
  const loc = useLocation();
  const filters = useMemo(() => filtersFromSearch(loc.search), [loc.search]);
  const setFilters = useCallback((f: BoardFilters) => navigate(`/alerts${filtersToSearch(f)}`, { replace: true }), []);
  const [pageSize, setPageSize] = useState(20);
  const [countsTick, setCountsTick] = useState(0);
  const units = useUnits();
  const rules = useRules();
  const ruleName = rules.data?.name ?? ((c: string) => c);
  const unitName = (code: string) => units.data?.byCode.get(code)?.name ?? code;
  // the counts do not depend on the order
  const query = useMemo(() => filtersToQuery({ ...filters, sort: undefined }), [filters]);
  const counts = useAlertCounts(query, countsTick);
  const page = useAlertPage(filters, pageSize);
  const [fresh, setFresh] = useState(0);

  // something may have arrived: refresh the counts; on the first page show new rows at once, elsewhere offer them
  const onSignal = useCallback(() => {
    setCountsTick((n) => n + 1);
    if (page.page === 0) page.refresh();
    else setFresh((n) => n + 1);
  }, [page]);
  const mode = useAlertStream(onSignal);

  // the server sorts the whole list; a header click changes the sort in the address and starts at page 1
  const sortable = (key: AlertSortKey, first: 'ascend' | 'descend' = 'ascend'): TableColumnType<AlertDto> => ({
    key,
    sorter: true,
    sortOrder: sortOrderOf(filters.sort, key),
    sortDirections: first === 'ascend' ? ['ascend', 'descend'] : ['descend', 'ascend'],
  });
  const onTableChange: TableProps<AlertDto>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey as AlertSortKey | undefined;
    setFilters({ ...filters, sort: key ? sortFromOrder(key, s.order) : undefined });
  };

  const columns: TableColumnsType<AlertDto> = [
    // descending: most severe first, the usual question, so it comes first
    { title: t('colLevel'), dataIndex: 'level', width: 64, render: (l: string) => <LevelTag level={l} />, ...sortable('level', 'descend') },
    {
      title: t('colTitle'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, a) => (
        <Link to={`/alerts/${a.id}`} className="bh-alert-link">
          {title}
        </Link>
      ),
    },
    { title: t('colRule'), dataIndex: 'rule', width: 128, ellipsis: true, render: (r: string) => ruleName(r), ...sortable('rule') },
    { title: t('colUnit'), dataIndex: 'unit', width: 136, ellipsis: true, render: (u: string) => unitName(u), ...sortable('unit') },
    { title: t('colSubject'), dataIndex: ['subject', 'id'], width: 150, ellipsis: true, render: (_: string, a) => <span className="bh-mono" title={a.subject.id} style={{ fontSize: 12 }}>{a.subject.id}</span> },
    { title: t('colStatus'), dataIndex: 'status', width: 104, render: (s: string, a) => <StatusTag status={s} overdue={a.overdue} /> },
    // newest first is the default order: a click from there goes to oldest first, the next back to the default
    { title: t('colCreatedAt'), dataIndex: 'createdAt', width: 124, render: (v: string) => formatDateTime(v), ...sortable('createdAt', 'descend') },
    {
      title: t('colDueAt'),
      dataIndex: 'dueAt',
      width: 124,
      render: (v: string | null, a) => <span style={a.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDateTime(v)}</span>,
      ...sortable('dueAt'),
    },
  ];

  const total = page.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('boardTitle')}
        extra={
          <>
            <Tooltip title={mode === 'live' ? t('liveOn') : t('livePolling', { seconds: POLL_SECONDS })}>
              <Badge status={mode === 'live' ? 'success' : 'processing'} text={<WifiOutlined aria-label={mode === 'live' ? t('liveOn') : t('livePolling', { seconds: POLL_SECONDS })} />} />
            </Tooltip>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setCountsTick((n) => n + 1);
                page.refresh();
              }}
            >
              {ts('refresh')}
            </Button>
          </>
        }
      >
        {t('boardIntro')}
      </PageHeader>
      {counts.error !== undefined && <ErrorAlert error={counts.error} onRetry={counts.reload} />}
      <BoardCounts
        counts={counts.data}
        ruleName={ruleName}
        onLevel={(l) => setFilters({ ...filters, levels: [l] })}
        onRule={(r) => setFilters({ ...filters, rules: [r] })}
        onUnit={(u) => setFilters({ ...filters, unit: u })}
        onOverdue={() => setFilters({ ...filters, overdue: true })}
      />
      <BoardFiltersBar value={filters} onChange={setFilters} rules={rules.data} units={units.data} />
      {fresh > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <Button
              type="link"
              style={{ padding: 0 }}
              onClick={() => {
                setFresh(0);
                page.reset();
              }}
            >
              {t('newArrived', { count: fresh })}
            </Button>
          }
        />
      )}
      {page.error !== undefined && <ErrorAlert error={page.error} onRetry={page.reload} />}
      <Table<AlertDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={page.loading}
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('empty') }}
        rowClassName={(a) => `bh-row-${a.level}`}
        onChange={onTableChange}
        data-testid="alert-table"
        pagination={{
          current: page.page + 1,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => <Typography.Text type="secondary">{t('pageTotal', { total: formatCount(n) })}</Typography.Text>,
          // cursors reach one page past the last seen; further pages open in order
          itemRender: (p, type, el) => (type === 'page' && p - 1 > page.reachable - 1 ? <span aria-disabled style={{ opacity: 0.35 }}>{p}</span> : el),
          onChange: (p, size) => {
            if (size !== pageSize) setPageSize(size);
            else page.goTo(p - 1);
          },
        }}
      />
    </>
  );
}
