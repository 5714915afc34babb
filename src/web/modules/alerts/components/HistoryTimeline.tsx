// The alert's history as a time line: who did what, when, from which unit, with text and attachments.
import { Empty, Tag, Timeline, Typography } from 'antd';
import { formatDateTimeSeconds } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { attachmentsOf, isAction, type AlertLevel } from '../alerts.adapters.ts';
import type { AlertHistoryDto } from '../alerts.api.ts';
import { alertMessages } from '../locales/index.ts';
import { LevelTag } from './LevelTag.tsx';

const colorOf = (kind: string) => (kind === 'finding' ? 'red' : kind === 'approve' ? 'green' : kind === 'reject' || kind === 'supervise' ? 'orange' : 'blue');

export function HistoryTimeline({ history, unitName }: { history: AlertHistoryDto[]; unitName: (code: string) => string }) {
  const t = useT(alertMessages);
  if (!history.length) return <Empty description={t('historyEmpty')} />;
  const kindLabel = (k: string) => (k === 'finding' ? t('kind_finding') : isAction(k) ? t(`action_${k}`) : k);
  return (
    <Timeline
      data-testid="history"
      items={history.map((h, i) => {
        const files = attachmentsOf(h.detail);
        const d = (h.detail ?? {}) as Record<string, unknown>;
        const extra = ['finding', 'account', 'measures', 'accountability', 'reason', 'note', 'unit', 'dueAt']
          .filter((k) => typeof d[k] === 'string' || typeof d[k] === 'number')
          .map((k) => `${k}: ${String(d[k])}`);
        return {
          key: i,
          color: colorOf(h.kind),
          title: <span className="bh-muted">{formatDateTimeSeconds(h.at)}</span>,
          content: (
            <div>
              <Typography.Text strong>{kindLabel(h.kind)}</Typography.Text>{' '}
              {h.level && <LevelTag level={h.level as AlertLevel} />}{' '}
              <Typography.Text type="secondary">
                {t('actor')}：{h.actor}
                {h.unit ? ` · ${unitName(h.unit)}` : ''}
              </Typography.Text>
              {h.text && <div style={{ marginTop: 2, whiteSpace: 'pre-wrap' }}>{h.text}</div>}
              {h.kind !== 'finding' && extra.length > 0 && <div className="bh-muted" style={{ fontSize: 12 }}>{extra.join(' · ')}</div>}
              {files.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  {t('attachments')}：
                  {files.map((f) => (
                    <a key={f} href={`/api/v1/files/${f}`} target="_blank" rel="noreferrer" title={f}>
                      <Tag className="bh-mono">{f.slice(0, 16)}…</Tag>
                    </a>
                  ))}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
