// One rule's parameters: a form with each parameter's label and default, a back-test preview of the
// proposed values (required before saving when the server offers it), and the version history.
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useMe } from '../../../app/auth/AuthProvider.tsx';
import { describeError } from '../../../shared/api/describe-error.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { dayjs, formatDateTime, ZONE } from '../../../shared/format/time.ts';
import { alertMessages, isLevel } from '../../alerts/index.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import { diffParams, paramsKey } from '../detection.adapters.ts';
import type { BacktestDto, ParamValue, RuleDto, RuleVersionDto } from '../detection.api.ts';
import { useBacktest } from '../hooks/useBacktest.ts';
import { useRuleVersions } from '../hooks/useRuleVersions.ts';
import { useUpdateRule } from '../hooks/useUpdateRule.ts';
import { detectionMessages } from '../locales/index.ts';

const show = (v: ParamValue | undefined) => (v === undefined ? '—' : String(v));

function BacktestResult({ result, levelName }: { result: BacktestDto; levelName: (l: string) => string }) {
  const t = useT(detectionMessages);
  const rows = [
    ...result.wouldOpen.map((r, i) => ({ key: `o${i}`, change: t('btOpen'), subject: r.subject.id, title: r.title, level: levelName(r.level) })),
    ...result.wouldNotOpen.map((r) => ({ key: `n${r.id}`, change: t('btNotOpen'), subject: r.subject.id, title: r.title, level: levelName(r.level) })),
    ...result.levelChanges.map((r) => ({ key: `l${r.id}`, change: t('btLevel'), subject: r.subject.id, title: '', level: `${levelName(r.from)} → ${levelName(r.to)}` })),
  ];
  return (
    <div data-testid="backtest-result">
      <Flex gap={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('btFound')} value={result.found} />
        <Statistic title={t('btOpen')} value={result.wouldOpen.length} styles={{ content: { color: result.wouldOpen.length ? '#d46b08' : undefined } }} />
        <Statistic title={t('btNotOpen')} value={result.wouldNotOpen.length} styles={{ content: { color: result.wouldNotOpen.length ? '#1677ff' : undefined } }} />
        <Statistic title={t('btLevel')} value={result.levelChanges.length} />
      </Flex>
      <Table
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        columns={[
          { title: t('btChange'), dataIndex: 'change', width: 120 },
          { title: t('btSubject'), dataIndex: 'subject', width: 200, render: (v: string) => <span className="bh-mono">{v}</span> },
          { title: t('btLevelCol'), dataIndex: 'level', width: 120 },
          { title: t('btTitle'), dataIndex: 'title', ellipsis: true },
        ]}
      />
    </div>
  );
}

export function RuleEditor({ rule, canBacktest, onSaved }: { rule: RuleDto; canBacktest: boolean; onSaved: (v: RuleVersionDto) => void }) {
  const t = useT(detectionMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm();
  const versions = useRuleVersions(rule.code);
  const backtest = useBacktest(rule.code);
  const { save, saving } = useUpdateRule();
  const ta = useT(alertMessages);
  const levelName = (l: string) => (isLevel(l) ? ta(`level_${l}`) : l);
  const [values, setValues] = useState<Record<string, ParamValue>>(rule.current.params);
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>(() => [dayjs().tz(ZONE).subtract(30, 'day').startOf('day'), dayjs().tz(ZONE).endOf('day')]);
  const keys = useMemo(() => [...new Set([...Object.keys(rule.defaults), ...Object.keys(rule.current.params)])], [rule]);
  const changes = diffParams(rule.current.params, values);
  const tested = backtest.resultKey === paramsKey(values);
  const mayChange = me.scopes.has('admin') && (me.unit === null || me.unit.level === 'province');

  const submit = async () => {
    const v = (await form.validateFields()) as { reason: string };
    try {
      const saved = await save(rule.code, values, v.reason);
      message.success(t('saved', { version: saved.version }));
      form.resetFields(['reason']);
      backtest.clear();
      versions.reload();
      onSaved(saved);
    } catch (e) {
      message.error(describeError(e, locale));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Form form={form} layout="vertical" initialValues={{ ...rule.current.params, reason: '' }} onValuesChange={(_, all: Record<string, unknown>) => {
        const next: Record<string, ParamValue> = {};
        for (const k of keys) if (all[k] !== undefined && all[k] !== null) next[k] = all[k] as ParamValue;
        setValues(next);
      }}>
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }} items={[{ key: 'code', label: 'code', children: <span className="bh-mono">{rule.code}</span> }]} />
        <Flex gap={12} wrap>
          {keys.map((k) => {
            const def = rule.defaults[k];
            const label = rule.paramLabels[k] ?? k;
            return (
              <Form.Item key={k} name={k} label={label} extra={t('defaultValue', { value: show(def) })} valuePropName={typeof def === 'boolean' ? 'checked' : 'value'} style={{ width: 250 }}>
                {typeof def === 'boolean' ? <Switch /> : typeof def === 'number' ? <InputNumber style={{ width: '100%' }} /> : <Input />}
              </Form.Item>
            );
          })}
        </Flex>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {changes.length === 0 ? (
        <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>
      ) : (
        <Flex gap={6} wrap>
          {changes.map((c) => (
            <Tag key={c.key} color="blue">
              {rule.paramLabels[c.key] ?? c.key}: {show(c.from)} → {show(c.to)}
            </Tag>
          ))}
        </Flex>
      )}
      {!canBacktest && <Alert type="warning" showIcon title={t('backtestUnavailable')} />}
      {!mayChange && <Alert type="info" showIcon title={t('saveRootOnly')} />}
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          aria-label={t('btPeriod')}
          value={range}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0].startOf('day'), r[1].endOf('day')])}
        />
        <Button onClick={() => void backtest.run(values, range[0].toISOString(), range[1].toISOString())} loading={backtest.running} disabled={!canBacktest}>
          {t('backtest')}
        </Button>
        <Button type="primary" onClick={() => void submit()} loading={saving} disabled={!mayChange || changes.length === 0 || (canBacktest && !tested)} title={canBacktest && !tested ? t('backtestFirst') : undefined}>
          {t('save')}
        </Button>
        {canBacktest && backtest.result && !tested && <Typography.Text type="warning">{t('backtestStale')}</Typography.Text>}
      </Flex>
      {backtest.error !== undefined && <ErrorAlert error={backtest.error} />}
      {backtest.result && (
        <Card size="small" title={t('backtestTitle')}>
          <BacktestResult result={backtest.result} levelName={levelName} />
        </Card>
      )}
      <Card size="small" title={t('versionsTitle')}>
        {versions.error !== undefined && <ErrorAlert error={versions.error} onRetry={versions.reload} />}
        <Table<RuleVersionDto>
          rowKey="version"
          size="small"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          pagination={false}
          columns={[
            { title: '#', dataIndex: 'version', width: 56 },
            { title: t('colChangedAt'), dataIndex: 'changedAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('colChangedBy'), dataIndex: 'changedBy', width: 140, ellipsis: true },
            { title: t('reason'), dataIndex: 'reason', ellipsis: true },
            {
              title: t('changed'),
              key: 'diff',
              render: (_: unknown, v, i) => {
                const prev = versions.data?.[i + 1];
                const d = prev ? diffParams(prev.params, v.params) : [];
                return prev ? (d.length ? d.map((c) => <Tag key={c.key}>{rule.paramLabels[c.key] ?? c.key}: {show(c.from)} → {show(c.to)}</Tag>) : t('unchanged')) : '—';
              },
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
