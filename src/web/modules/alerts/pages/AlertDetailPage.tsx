// One alert: what was found (title, level, subject, figures), the events behind it, its history, and the
// steps this caller may take now.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../shared/api/client.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { JsonBlock } from '../../../shared/components/JsonBlock.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDateTime, formatDateTimeSeconds } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import type { PageProps } from '../../../shared/router.tsx';
import { Link } from '../../../shared/router.tsx';
import { useUnits } from '../../access/index.ts';
import { useRules } from '../../detection/hooks/useRules.ts';
import { formatFigure, isFigureKey, isOrderStatus } from '../alerts.adapters.ts';
import type { AlertEventDto } from '../alerts.api.ts';
import { ActionPanel } from '../components/ActionPanel.tsx';
import { HistoryTimeline } from '../components/HistoryTimeline.tsx';
import { LevelTag } from '../components/LevelTag.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useAlert } from '../hooks/useAlert.ts';
import { alertMessages } from '../locales/index.ts';

export default function AlertDetailPage({ params }: PageProps) {
  const t = useT(alertMessages);
  const [tick, setTick] = useState(0);
  const { data: a, error, loading, reload } = useAlert(params.id!, tick);
  const units = useUnits();
  const rules = useRules();
  const unitName = (code: string) => units.data?.byCode.get(code)?.name ?? code;

  const back = (
    <Link to="/alerts">
      <ArrowLeftOutlined /> {t('backToBoard')}
    </Link>
  );
  if (isApiError(error) && error.isNotFound) return <Result status="404" title={t('notFound')} extra={back} />;
  if (!a) return error !== undefined ? <ErrorAlert error={error} onRetry={reload} /> : <Skeleton active paragraph={{ rows: 10 }} />;

  const rule = rules.data?.byCode.get(a.rule);
  const figures = Object.entries(a.evidence.figures ?? {});
  const eventColumns = [
    { title: t('eventTime'), dataIndex: 'occurredAt', width: 170, render: (v: string) => formatDateTimeSeconds(v) },
    { title: t('eventType'), dataIndex: 'type', width: 190, render: (v: string) => <span className="bh-mono">{v}</span> },
    { title: t('eventUnit'), dataIndex: 'unit', width: 200, render: (v: string) => unitName(v) },
    { title: t('eventId'), dataIndex: 'id', render: (v: string) => <span className="bh-mono">{v}</span> },
  ];

  return (
    <>
      <Flex style={{ marginBottom: 8 }}>{back}</Flex>
      <PageHeader
        title={
          <Flex gap={10} align="center">
            <LevelTag level={a.level} />
            <span data-testid="alert-title">{a.title}</span>
          </Flex>
        }
        extra={
          <>
            <StatusTag status={a.status} overdue={a.overdue} />
            <Button onClick={reload} loading={loading}>
              {t('historyTitle')} ↻
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col span={15}>
          <Card size="small" title={t('detailTitle')}>
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'rule', label: t('fieldRule'), children: <span>{rule?.name ?? a.rule} <Typography.Text type="secondary" className="bh-mono">{a.rule}</Typography.Text></span> },
                { key: 'unit', label: t('fieldUnit'), children: unitName(a.unit) },
                {
                  key: 'subject',
                  label: t('fieldSubject'),
                  children: (
                    <span>
                      <span className="bh-mono">{a.subject.id}</span>{' '}
                      {a.subject.kind === 'case' && <Link to={`/alcohol/cases/${encodeURIComponent(a.subject.id)}`}>{t('openCase')}</Link>}
                    </span>
                  ),
                },
                { key: 'param', label: t('fieldParamVersion'), children: a.paramVersion ?? '—' },
                { key: 'created', label: t('fieldCreatedAt'), children: formatDateTime(a.createdAt) },
                { key: 'updated', label: t('fieldUpdatedAt'), children: formatDateTime(a.updatedAt) },
                { key: 'due', label: t('fieldDueAt'), children: <span style={a.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDateTime(a.dueAt)}</span> },
                ...(a.finding ? [{ key: 'finding', label: t('fieldFinding'), children: a.finding === 'substantiated' || a.finding === 'unsubstantiated' ? t(`finding_${a.finding}`) : a.finding }] : []),
                ...(a.missedDeadlines ? [{ key: 'missed', label: t('fieldMissed'), children: <Typography.Text type="danger">{a.missedDeadlines}</Typography.Text> }] : []),
                ...(a.escalatedTo ? [{ key: 'esc', label: t('fieldEscalated'), children: unitName(a.escalatedTo) }] : []),
                ...(a.mergedInto ? [{ key: 'merged', label: t('fieldMerged'), children: <Link to={`/alerts/${a.mergedInto}`} className="bh-mono">{a.mergedInto}</Link> }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('evidenceTitle')} style={{ marginTop: 16 }}>
            {figures.length ? (
              <Descriptions
                size="small"
                column={3}
                bordered
                data-testid="figures"
                items={figures.map(([k, v]) => ({ key: k, label: isFigureKey(k) ? t(`fig_${k}`) : (rule?.paramLabels?.[k] ?? k), children: <span className="bh-mono">{formatFigure(v, t('yes'), t('no'))}</span> }))}
              />
            ) : (
              <Empty description={t('noFigures')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          <Card size="small" title={`${t('eventsTitle')}（${a.events.length}）`} style={{ marginTop: 16 }}>
            <Table<AlertEventDto>
              rowKey="id"
              size="small"
              columns={eventColumns}
              dataSource={a.events}
              pagination={a.events.length > 10 ? { pageSize: 10 } : false}
              locale={{ emptyText: t('eventsEmpty') }}
              expandable={{ expandedRowRender: (e) => <JsonBlock value={e.body} label={`${t('eventBody')} ${e.id}`} /> }}
            />
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title={t('actionsTitle')}>
            <ActionPanel alert={a} units={units.data} onDone={() => setTick((n) => n + 1)} />
          </Card>
          {(a.supervisionOrders?.length ?? 0) > 0 && (
            <Card size="small" title={t('supervisionTitle')} style={{ marginTop: 16 }} data-testid="supervision">
              {a.supervisionOrders!.map((o) => (
                <div key={o.id} style={{ marginBottom: 8 }}>
                  <Tag color={o.status === 'open' ? 'orange' : o.status === 'missed' ? 'red' : 'default'}>{isOrderStatus(o.status) ? t(`order_${o.status}`) : o.status}</Tag>
                  {t('orderIssued', { unit: unitName(o.unit), due: formatDateTime(o.dueAt) })}
                  <div className="bh-muted" style={{ fontSize: 12 }}>{o.note}</div>
                </div>
              ))}
            </Card>
          )}
          <Card size="small" title={t('historyTitle')} style={{ marginTop: 16 }}>
            <HistoryTimeline history={a.history} unitName={unitName} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
