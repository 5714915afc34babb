// The counts above the board: total, overdue, per level, per rule and per unit one level below. Each count
// is a button that filters the board by it.
import { Card, Col, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { formatCount } from '../../../shared/format/number.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import type { AlertCountsDto } from '../../reports/reports.api.ts';
import { alertLevels, levelColor, type AlertLevel } from '../alerts.adapters.ts';
import { alertMessages } from '../locales/index.ts';

function Bars({ rows, onPick, label }: { rows: { key: string; label: string; n: number }[]; onPick: (key: string) => void; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <ul className="bh-bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <button type="button" className="bh-bar-button" onClick={() => onPick(r.key)} title={r.label}>
            <span className="bh-bar-label">{r.label}</span>
            <Progress percent={(100 * r.n) / max} status="normal" showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
            <span className="bh-bar-n">{formatCount(r.n)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function BoardCounts({
  counts,
  ruleName,
  onLevel,
  onRule,
  onUnit,
  onOverdue,
}: {
  counts: AlertCountsDto | undefined;
  ruleName: (code: string) => string;
  onLevel: (l: AlertLevel) => void;
  onRule: (code: string) => void;
  onUnit: (code: string) => void;
  onOverdue: () => void;
}) {
  const t = useT(alertMessages);
  if (!counts) return <Skeleton active paragraph={{ rows: 4 }} />;
  const byLevel = new Map(counts.byLevel.map((c) => [c.key, c.n]));
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col span={10}>
        <Card size="small" title={t('byLevel')} style={{ height: '100%' }}>
          <Flex gap={8} wrap={false}>
            <Statistic title={t('total')} value={counts.total} style={{ minWidth: 72 }} />
            <button type="button" className="bh-stat-button" onClick={onOverdue} aria-label={`${t('overdue')} ${counts.overdue}`}>
              <Statistic title={t('overdue')} value={counts.overdue} styles={{ content: { color: counts.overdue ? '#cf1322' : undefined } }} />
            </button>
            {alertLevels.map((l) => (
              <button key={l} type="button" className="bh-stat-button" onClick={() => onLevel(l)} aria-label={`${t(`level_${l}`)} ${byLevel.get(l) ?? 0}`} data-testid={`count-${l}`}>
                <Statistic title={t(`level_${l}`)} value={byLevel.get(l) ?? 0} styles={{ content: { color: levelColor[l] } }} />
              </button>
            ))}
          </Flex>
        </Card>
      </Col>
      <Col span={7}>
        <Card size="small" title={t('byRule')} style={{ height: '100%' }} styles={{ body: { maxHeight: 168, overflowY: 'auto' } }}>
          {counts.byRule.length ? (
            <Bars label={t('byRule')} rows={counts.byRule.map((r) => ({ key: r.key, label: ruleName(r.key), n: r.n }))} onPick={onRule} />
          ) : (
            <Typography.Text type="secondary">{t('empty')}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col span={7}>
        <Card size="small" title={t('byUnit')} style={{ height: '100%' }} styles={{ body: { maxHeight: 168, overflowY: 'auto' } }}>
          <Bars
            label={t('byUnit')}
            rows={counts.byUnit.filter((u) => u.n > 0 || counts.byUnit.length < 12).map((u) => ({ key: u.unit, label: u.name, n: u.n }))}
            onPick={onUnit}
          />
        </Card>
      </Col>
    </Row>
  );
}
