// 酒检案件 list: search by case number, plate or driver; filter by finding and alert level.
import { Button, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatCount } from '../../../shared/format/number.ts';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { Link } from '../../../shared/router.tsx';
import { alertLevels, alertMessages, LevelTag } from '../../alerts/index.ts';
import { findings, isFinding, isKnownTag } from '../alcohol.adapters.ts';
import type { CaseSummaryDto } from '../alcohol.api.ts';
import { useCases } from '../hooks/useCases.ts';
import { alcoholMessages } from '../locales/index.ts';

export default function CasesPage() {
  const t = useT(alcoholMessages);
  const ta = useT(alertMessages);
  const ts = useT(sharedMessages);
  const [q, setQ] = useState('');
  const [finding, setFinding] = useState<string[]>([]);
  const [level, setLevel] = useState<string[]>([]);
  const query = useMemo(() => ({ q: q.trim() || undefined, finding: finding.join(',') || undefined, level: level.join(',') || undefined }), [q, finding, level]);
  const list = useCases(query);

  const columns: TableColumnsType<CaseSummaryDto> = [
    { title: t('colCaseNo'), dataIndex: 'caseNo', width: 210, render: (v: string) => <Link to={`/alcohol/cases/${encodeURIComponent(v)}`} className="bh-mono">{v}</Link> },
    { title: t('colUnit'), dataIndex: 'unitName', ellipsis: true, render: (v: string | null, c) => v ?? c.unit },
    { title: t('colOpenedAt'), dataIndex: 'openedAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: t('colDriver'), dataIndex: 'driverName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('colPlate'), dataIndex: 'plate', width: 100, render: (v: string | null) => <span className="bh-mono">{v ?? '—'}</span> },
    { title: t('colBreath'), dataIndex: 'breath', width: 76, align: 'right', render: (v: number | null, c) => (c.refused ? <Tag color="warning">{t('refused')}</Tag> : (v ?? '—')) },
    { title: t('colBlood'), dataIndex: 'blood', width: 76, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('colFinding'), dataIndex: 'finding', width: 86, render: (v: string | null) => (isFinding(v) ? t(`finding_${v}`) : '—') },
    {
      title: t('colAlert'),
      dataIndex: 'alertLevel',
      width: 90,
      render: (v: string | null, c) => (v ? <Flex gap={4} align="center"><LevelTag level={v} /><span className="bh-muted">{c.alertCount}</span></Flex> : '—'),
    },
    { title: t('tags'), dataIndex: 'tags', width: 130, render: (tags: string[]) => tags.map((g) => <Tag key={g}>{isKnownTag(g) ? t(`tag_${g}`) : g}</Tag>) },
  ];

  return (
    <>
      <PageHeader title={t('casesTitle')}>{t('casesIntro')}</PageHeader>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} role="search">
        <Input.Search allowClear placeholder={t('search')} aria-label={t('search')} style={{ width: 280 }} onSearch={setQ} />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('filterFinding')}
          aria-label={t('filterFinding')}
          style={{ width: 220 }}
          value={finding}
          onChange={setFinding}
          options={findings.map((f) => ({ value: f, label: t(`finding_${f}`) }))}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('filterLevel')}
          aria-label={t('filterLevel')}
          style={{ width: 220 }}
          value={level}
          onChange={setLevel}
          options={alertLevels.map((l) => ({ value: l, label: ta(`level_${l}`) }))}
        />
      </Flex>
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<CaseSummaryDto> rowKey="caseNo" size="middle" columns={columns} dataSource={list.items} loading={list.loading} pagination={false} tableLayout="fixed" scroll={{ x: 1080 }} data-testid="cases" />
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{formatCount(list.items.length)}</Typography.Text>
        {list.hasMore && (
          <Button onClick={list.loadMore} loading={list.loadingMore}>
            {ts('loadMore')}
          </Button>
        )}
      </Flex>
    </>
  );
}
