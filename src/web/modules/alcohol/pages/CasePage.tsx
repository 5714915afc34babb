// 酒检案件: one case — the custody time line, breath vs blood, the map of its locations, the samples, the
// photo and file hashes, the chain badge with its proof, and the case's alerts.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { isApiError } from '../../../shared/api/client.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { Link, type PageProps } from '../../../shared/router.tsx';
import { LevelTag, StatusTag } from '../../alerts/index.ts';
import type { AlertDto } from '../../alerts/index.ts';
import { isFinding, isKnownTag, isSampleStatus, stepType } from '../alcohol.adapters.ts';
import type { SampleDto } from '../alcohol.api.ts';
import { BreathBloodChart } from '../components/BreathBloodChart.tsx';
import { CaseMap } from '../components/CaseMap.tsx';
import { ChainBadge, ChainCard } from '../components/ChainCard.tsx';
import { CustodyTimeline } from '../components/CustodyTimeline.tsx';
import { useCase } from '../hooks/useCase.ts';
import { alcoholMessages } from '../locales/index.ts';

export default function CasePage({ params }: PageProps) {
  const t = useT(alcoholMessages);
  const caseNo = params.caseNo!;
  const { data: c, error, reload } = useCase(caseNo);
  const back = (
    <Link to="/alcohol/cases">
      <ArrowLeftOutlined /> {t('backToCases')}
    </Link>
  );
  if (isApiError(error) && error.isNotFound) return <Result status="404" title={t('notFound')} extra={back} />;
  if (!c) return error !== undefined ? <ErrorAlert error={error} onRetry={reload} /> : <Skeleton active paragraph={{ rows: 12 }} />;

  const files = c.steps.flatMap((s) => s.files.map((f) => ({ ...f, step: s })));
  const cmp = c.comparison;
  return (
    <>
      <Flex style={{ marginBottom: 8 }}>{back}</Flex>
      <PageHeader
        title={
          <Flex gap={10} align="center">
            <span>{t('caseTitle', { caseNo: c.caseNo })}</span>
            <ChainBadge chain={c.chain} />
          </Flex>
        }
        extra={<Tag color={c.status === 'open' ? 'processing' : 'default'}>{t(`status_${c.status}`)}</Tag>}
      />
      <Row gutter={[16, 16]}>
        <Col span={16}>
          <Card size="small">
            <Descriptions
              size="small"
              column={3}
              items={[
                { key: 'unit', label: t('colUnit'), children: c.unitName ?? c.unit },
                { key: 'driver', label: t('driver'), children: c.driver.name ?? '—' },
                { key: 'plate', label: t('plate'), children: <span className="bh-mono">{c.driver.plate ?? '—'}</span> },
                { key: 'opened', label: t('openedAt'), children: formatDateTime(c.openedAt) },
                { key: 'closed', label: t('closedAt'), children: formatDateTime(c.closedAt) },
                { key: 'finding', label: t('finding'), children: isFinding(c.finding) ? t(`finding_${c.finding}`) : (c.finding ?? '—') },
                {
                  key: 'tags',
                  label: t('tags'),
                  span: 3,
                  children: c.tags.length ? c.tags.map((g) => <Tag key={g} color="volcano">{isKnownTag(g) ? t(`tag_${g}`) : g}</Tag>) : '—',
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('compareTitle')} style={{ marginTop: 16 }}>
            {cmp ? (
              <Flex gap={12} wrap style={{ marginBottom: 8 }}>
                <Tag color={cmp.verdict === 'consistent' ? 'success' : 'error'}>{t(`verdict_${cmp.verdict}`)}</Tag>
                <span>
                  {t('breath')} {cmp.breath} · {t('blood')} {cmp.blood} · {t('hours', { h: cmp.hours.toFixed(1) })} · {t('lowestPossible')} {cmp.lowestPossible.toFixed(1)}
                </span>
                {cmp.crossesDrunkLine && <Tag color="red">{t('crossesLine')}</Tag>}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('noComparison')}</Typography.Text>
            )}
            {(c.breath?.value != null || c.reports.length > 0) && <BreathBloodChart c={c} />}
            {c.breath?.refused && <Alert type="warning" showIcon title={t('tag_refused_breath_test')} />}
          </Card>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={12}>
              <Card size="small" title={t('mapTitle')}>
                <CaseMap c={c} />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('samplesTitle')} style={{ height: '100%' }}>
                <Table<SampleDto>
                  rowKey="sampleNo"
                  size="small"
                  pagination={false}
                  dataSource={c.samples}
                  columns={[
                    { title: t('sampleLabel'), dataIndex: 'label', width: 56, render: (l: string, s) => <span title={s.sampleNo}>{l}</span> },
                    { title: t('sealNo'), dataIndex: 'sealNo', ellipsis: true, render: (v: string | null) => <span className="bh-mono">{v ?? '—'}</span> },
                    {
                      title: t('sampleStatus'),
                      dataIndex: 'status',
                      render: (v: string, s) => (
                        <>
                          {isSampleStatus(v) ? t(`sample_${v}`) : v}
                          {s.labName ? ` · ${s.labName}` : ''}
                          {s.overdue && <Tag color="error" style={{ marginLeft: 4 }}>{t('overdue')}</Tag>}
                        </>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`${t('filesTitle')}（${files.length}）`} style={{ marginTop: 16 }}>
            {files.length ? (
              <Table
                rowKey={(f) => `${f.step.eventId}:${f.field}:${f.sha256}`}
                size="small"
                pagination={files.length > 8 ? { pageSize: 8 } : false}
                dataSource={files}
                data-testid="file-hashes"
                columns={[
                  { title: '#', width: 48, render: (_: unknown, f) => f.step.leafIndex },
                  { title: t('details'), width: 140, render: (_: unknown, f) => { const st = stepType(f.step.type); return st ? t(`step_${st}`) : f.step.type; } },
                  { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <Typography.Text className="bh-mono" copyable style={{ fontSize: 12 }}>{v}</Typography.Text> },
                ]}
              />
            ) : (
              <Empty description={t('noFiles')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('chainTitle')}>
            <ChainCard caseNo={c.caseNo} chain={c.chain} />
          </Card>
          <Card size="small" title={t('alertsTitle')} style={{ marginTop: 16 }}>
            {c.alerts.length ? (
              <Flex vertical gap={8} data-testid="case-alerts">
                {c.alerts.map((a: AlertDto) => (
                  <Flex key={a.id} gap={6} align="center" wrap>
                    <LevelTag level={a.level} />
                    <Link to={`/alerts/${a.id}`}>{a.title}</Link>
                    <StatusTag status={a.status} overdue={a.overdue} />
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('noAlerts')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('timelineTitle')} style={{ marginTop: 16 }}>
            <CustodyTimeline steps={c.steps} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
