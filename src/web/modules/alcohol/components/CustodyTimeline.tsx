// Every step of the case in time order: what, when, who, where, which sample, and its files' hashes.
import { Tag, Timeline, Typography } from 'antd';
import { formatDateTimeSeconds } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { stepType } from '../alcohol.adapters.ts';
import type { StepDto } from '../alcohol.api.ts';
import { alcoholMessages } from '../locales/index.ts';

const color: Record<string, string> = { case_opened: 'blue', breath_test: 'orange', blood_drawn: 'red', lab_report: 'green', case_closed: 'gray' };

export function CustodyTimeline({ steps }: { steps: StepDto[] }) {
  const t = useT(alcoholMessages);
  return (
    <Timeline
      data-testid="custody-timeline"
      items={steps.map((s) => {
        const st = stepType(s.type);
        const value = typeof s.data.value === 'number' ? s.data.value : typeof s.data.result === 'number' ? s.data.result : null;
        return {
          key: s.eventId,
          color: st ? (color[st] ?? 'blue') : 'gray',
          title: <span className="bh-muted">{formatDateTimeSeconds(s.occurredAt)}</span>,
          content: (
            <div>
              <Typography.Text strong>{st ? t(`step_${st}`) : s.type}</Typography.Text> <span className="bh-muted">#{s.leafIndex}</span>
              {value !== null && <Tag style={{ marginLeft: 8 }}>{value} mg/100mL</Tag>}
              <div className="bh-muted" style={{ fontSize: 12 }}>
                {[s.actorName ?? s.actor, s.unitName ?? s.unit, s.sampleNo ? `${t('sampleLabel')} ${s.sampleNo}` : null, s.location ? `${s.location.lat.toFixed(4)}, ${s.location.lng.toFixed(4)}` : null]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              {s.files.map((f) => (
                <div key={f.sha256 + f.field} className="bh-mono" style={{ fontSize: 11, wordBreak: 'break-all' }} title={f.field}>
                  {f.kind ?? f.field}: {f.sha256}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
