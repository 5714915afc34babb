// 统计分析: alerts by level and rule over time, the unit ranking (考核排名), closure rate and median time
// to close, overdue by unit, and the alcohol module's high-risk case rate.
import { Card, Col, DatePicker, Empty, Flex, Radio, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useMe } from '../../../app/auth/AuthProvider.tsx';
import { EChart, type ChartOption } from '../../../shared/charts/EChart.tsx';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { dayjs, ZONE } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { UnitPicker, useUnits } from '../../access/index.ts';
import { alertLevels, alertMessages, levelColor } from '../../alerts/index.ts';
import { useRules } from '../../detection/hooks/useRules.ts';
import { useAlertTrend } from '../hooks/useAlertTrend.ts';
import { useHighRiskRate } from '../hooks/useHighRiskRate.ts';
import { useUnitRanking } from '../hooks/useUnitRanking.ts';
import { reportMessages } from '../locales/index.ts';
import { percent, topRules, toSeries } from '../reports.adapters.ts';
import type { RankedUnitDto } from '../reports.api.ts';

const hoursText = (h: number | null | undefined) => (h === null || h === undefined ? '—' : h < 10 ? h.toFixed(1) : Math.round(h).toString());

export default function DashboardPage() {
  const t = useT(reportMessages);
  const ta = useT(alertMessages);
  const me = useMe();
  const units = useUnits();
  const rules = useRules();
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const query = useMemo(
    () => ({
      unit,
      from: range[0] ? dayjs.tz(range[0], ZONE).startOf('day').toISOString() : undefined,
      to: range[1] ? dayjs.tz(range[1], ZONE).endOf('day').toISOString() : undefined,
    }),
    [unit, range],
  );
  const trend = useAlertTrend(useMemo(() => ({ ...query, bucket }), [query, bucket]));
  const ranking = useUnitRanking(query);
  const highRisk = useHighRiskRate(query);
  const ruleName = rules.data?.name ?? ((c: string) => c);

  const levelOption = useMemo<ChartOption | null>(() => {
    if (!trend.data) return null;
    const { buckets, series } = toSeries(trend.data.byLevel, alertLevels);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: buckets },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', stack: 'level', name: ta(`level_${s.key as 'red'}`), data: s.data, itemStyle: { color: levelColor[s.key as 'red'] } })),
    };
  }, [trend.data, ta]);

  const ruleOption = useMemo<ChartOption | null>(() => {
    if (!trend.data) return null;
    const { buckets, series } = toSeries(topRules(trend.data.byRule, 6, t('otherRules')));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: buckets },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: buckets.length > 1 ? 'line' : 'bar', name: ruleName(s.key), data: s.data, smooth: true })),
    };
  }, [trend.data, t, ruleName]);

  const rows = ranking.data?.items ?? [];
  const overdueOption = useMemo<ChartOption>(() => {
    const r = [...rows].filter((x) => x.total > 0).sort((a, b) => a.overdue - b.overdue);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 150, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: r.map((x) => (x.self ? `${x.name}${t('selfRow')}` : x.name)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('colOverdue'), data: r.map((x) => x.overdue), itemStyle: { color: '#cf1322' } }],
    };
  }, [rows, t]);

  const columns: TableColumnsType<RankedUnitDto> = [
    { title: t('colRank'), dataIndex: 'rank', width: 64, render: (r: number, x) => (x.self ? '—' : r) },
    { title: t('colUnit'), dataIndex: 'name', width: 190, ellipsis: true, render: (n: string, x) => (x.self ? `${n}${t('selfRow')}` : n) },
    { title: t('colScore'), dataIndex: 'score', width: 72, align: 'right', render: (s: number | null) => (s === null ? '—' : s.toFixed(1)) },
    { title: t('colTotal'), dataIndex: 'total', width: 64, align: 'right' },
    { title: t('colClosed'), dataIndex: 'closed', width: 64, align: 'right' },
    { title: t('colClosureRate'), dataIndex: 'closureRate', width: 80, align: 'right', render: percent },
    { title: t('colOnTime'), dataIndex: 'onTimeRate', width: 80, align: 'right', render: percent },
    { title: t('colMedian'), dataIndex: 'medianHoursToClose', width: 110, align: 'right', render: hoursText },
    { title: t('colOverdue'), dataIndex: 'overdue', width: 64, align: 'right', render: (n: number) => <span style={n ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n}</span> },
  ];

  const overall = ranking.data?.overall;
  const hr = highRisk.data;
  return (
    <>
      <PageHeader
        title={t('dashboardTitle')}
        extra={
          <>
            <div style={{ width: 260 }}>
              <UnitPicker units={units.data} value={unit} onChange={(u) => setUnit(u ?? undefined)} placeholder={me.unit?.name ?? t('filterUnit')} />
            </div>
            <DatePicker.RangePicker
              aria-label={t('filterTime')}
              allowEmpty={[true, true]}
              value={[range[0] ? dayjs(range[0]) : null, range[1] ? dayjs(range[1]) : null]}
              onChange={(r) => setRange([r?.[0]?.format('YYYY-MM-DD') ?? null, r?.[1]?.format('YYYY-MM-DD') ?? null])}
            />
            <Radio.Group
              optionType="button"
              value={bucket}
              onChange={(e) => setBucket(e.target.value as 'day' | 'week')}
              options={[
                { value: 'day', label: t('bucketDay') },
                { value: 'week', label: t('bucketWeek') },
              ]}
            />
          </>
        }
      >
        {t('dashboardIntro')}
      </PageHeader>
      {ranking.error !== undefined && <ErrorAlert error={ranking.error} onRetry={ranking.reload} />}
      <Row gutter={[16, 16]}>
        <Col span={16}>
          <Card size="small">
            {overall ? (
              <Flex justify="space-around" data-testid="kpis">
                <Statistic title={t('kpiTotal')} value={overall.total} />
                <Statistic title={t('kpiClosureRate')} value={percent(overall.closureRate)} />
                <Statistic title={t('kpiOnTime')} value={percent(overall.onTimeRate)} />
                <Statistic title={t('kpiMedian')} value={overall.medianHoursToClose === null ? '—' : t('hours', { n: hoursText(overall.medianHoursToClose) })} />
                <Statistic title={t('kpiOverdue')} value={overall.overdue} styles={{ content: { color: overall.overdue ? '#cf1322' : undefined } }} />
              </Flex>
            ) : (
              <Skeleton active paragraph={{ rows: 1 }} />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('highRiskTitle')} style={{ height: '100%' }}>
            {highRisk.loading ? (
              <Skeleton active paragraph={{ rows: 1 }} />
            ) : hr ? (
              <Flex justify="space-between" data-testid="high-risk">
                <Statistic title={t('highRiskRate')} value={percent(hr.current.rate)} suffix={<span style={{ fontSize: 12 }}>{hr.current.highRisk}/{hr.current.cases}</span>} />
                <Statistic title={t('highRiskPrevious')} value={percent(hr.previous.rate)} />
                <Statistic
                  title={t('highRiskChange')}
                  value={hr.change.highRiskPct === null ? '—' : `${hr.change.highRiskPct > 0 ? '+' : ''}${hr.change.highRiskPct.toFixed(1)}%`}
                  styles={{ content: { color: (hr.change.highRiskPct ?? 0) > 0 ? '#cf1322' : '#389e0d' } }}
                />
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('highRiskPending')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('trendByLevel')}>
            {levelOption ? <EChart option={levelOption} label={t('trendByLevel')} /> : trend.error !== undefined ? <ErrorAlert error={trend.error} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('trendByRule')}>
            {ruleOption ? <EChart option={ruleOption} label={t('trendByRule')} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col span={15}>
          <Card size="small" title={t('rankingTitle')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rankingIntro')}</Typography.Text>}>
            <Table<RankedUnitDto>
              rowKey={(r) => `${r.unit}:${r.self}`}
              size="small"
              columns={columns}
              dataSource={rows}
              loading={ranking.loading}
              pagination={false}
              scroll={{ y: 360, x: 800 }}
              data-testid="ranking"
              locale={{ emptyText: t('noData') }}
            />
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title={t('overdueByUnit')}>
            {rows.some((r) => r.total > 0) ? (
              <EChart option={overdueOption} height={Math.max(200, 26 * rows.filter((r) => r.total > 0).length)} label={t('overdueByUnit')} />
            ) : (
              <Empty description={t('noData')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
