// 检验机构: the lab registry with filing status and blacklist, figures over the caller's cases, and one
// lab's status history, months and recent cases in a drawer.
import { Button, Card, Drawer, Flex, Table, Tag, Timeline, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { Link } from '../../../shared/router.tsx';
import { LevelTag } from '../../alerts/index.ts';
import type { LabSummaryDto } from '../alcohol.api.ts';
import { useLab } from '../hooks/useLab.ts';
import { useLabs } from '../hooks/useLabs.ts';
import { alcoholMessages } from '../locales/index.ts';

const statusColor = { filed: 'success', suspended: 'warning', blacklisted: 'error' } as const;
const num = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));

function LabDetail({ labId }: { labId: string }) {
  const t = useT(alcoholMessages);
  const { data: lab, error } = useLab(labId);
  if (error !== undefined) return <ErrorAlert error={error} />;
  if (!lab) return null;
  const statusLabel = (s: string) => (s in statusColor ? t(`labStatus_${s as keyof typeof statusColor}`) : s);
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('statusHistory')}>
        <Timeline
          items={lab.statusHistory.map((h) => ({
            key: h.eventId,
            color: h.status === 'blacklisted' ? 'red' : h.status === 'suspended' ? 'orange' : 'green',
            title: formatDateTime(h.at),
            content: (
              <span>
                <Tag color={statusColor[h.status as keyof typeof statusColor]}>{statusLabel(h.status)}</Tag>
                {h.reason ?? ''}
              </span>
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('monthly')}>
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={lab.monthly}
          columns={[
            { title: 'YYYY-MM', dataIndex: 'month' },
            { title: t('colCases'), dataIndex: 'cases', align: 'right' },
            { title: t('colMeanRatio'), dataIndex: 'meanRatio', align: 'right', render: (v: number | null) => num(v) },
            { title: t('colTurnaround'), dataIndex: 'meanTurnaroundHours', align: 'right', render: (v: number | null) => num(v, 1) },
          ]}
        />
      </Card>
      <Card size="small" title={t('recentCases')}>
        <Table
          size="small"
          rowKey="caseNo"
          pagination={{ pageSize: 8 }}
          dataSource={lab.recentCases}
          columns={[
            { title: t('colCaseNo'), dataIndex: 'caseNo', render: (v: string) => <Link to={`/alcohol/cases/${encodeURIComponent(v)}`} className="bh-mono">{v}</Link> },
            { title: t('colBreath'), dataIndex: 'breath', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('colBlood'), dataIndex: 'blood', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('colMeanRatio'), dataIndex: 'ratio', align: 'right', render: (v: number | null) => num(v) },
            { title: t('colSince'), dataIndex: 'reportAt', render: (v: string | null) => formatDate(v) },
          ]}
        />
      </Card>
    </Flex>
  );
}

export default function LabsPage() {
  const t = useT(alcoholMessages);
  const labs = useLabs();
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<LabSummaryDto> = [
    { title: t('colLab'), dataIndex: 'name', ellipsis: true, render: (v: string, l) => <span>{v} <span className="bh-mono bh-muted">{l.labId}</span></span> },
    { title: t('colStatus'), dataIndex: 'status', width: 100, render: (s: LabSummaryDto['status']) => <Tag color={statusColor[s]}>{t(`labStatus_${s}`)}</Tag> },
    { title: '', dataIndex: 'internal', width: 64, render: (v: boolean) => (v ? t('internal') : t('external')) },
    { title: t('colSince'), dataIndex: 'statusSince', width: 110, render: (v: string | null) => formatDate(v) },
    { title: t('colCases'), dataIndex: ['stats', 'cases'], width: 76, align: 'right' },
    { title: t('colMeanRatio'), dataIndex: ['stats', 'meanRatio'], width: 100, align: 'right', render: (v: number | null) => num(v) },
    { title: t('colOthers'), dataIndex: ['stats', 'otherLabsMeanRatio'], width: 100, align: 'right', render: (v: number | null) => num(v) },
    { title: t('colTurnaround'), dataIndex: ['stats', 'medianTurnaroundHours'], width: 120, align: 'right', render: (v: number | null) => num(v, 1) },
    { title: t('colBias'), dataIndex: 'biasAlert', width: 80, render: (a: LabSummaryDto['biasAlert']) => (a ? <Link to={`/alerts/${a.id}`}><LevelTag level={a.level} /></Link> : '—') },
    { title: '', key: 'open', width: 76, render: (_: unknown, l) => <Button size="small" onClick={() => setOpen(l.labId)}>{t('details')}</Button> },
  ];
  const current = labs.data?.find((l) => l.labId === open);
  return (
    <>
      <PageHeader title={t('labsTitle')}>{t('labsIntro')}</PageHeader>
      {labs.error !== undefined && <ErrorAlert error={labs.error} onRetry={labs.reload} />}
      <Table<LabSummaryDto> rowKey="labId" size="middle" columns={columns} dataSource={labs.data ?? []} loading={labs.loading} pagination={false} tableLayout="fixed" scroll={{ x: 1000 }} data-testid="labs" />
      <Drawer open={open !== null} size={720} title={current?.name ?? ''} onClose={() => setOpen(null)} destroyOnHidden>
        {open && <LabDetail labId={open} />}
      </Drawer>
    </>
  );
}
