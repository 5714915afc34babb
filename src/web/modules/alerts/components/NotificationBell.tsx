// The header's bell: notices of the caller's units pushed by the server (new red/orange alerts, supervision
// orders, overdue and escalated alerts) pop up on whatever page is open and are counted until looked at.
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, List, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { Link, navigate } from '../../../shared/router.tsx';
import type { NotificationDto } from '../alerts.api.ts';
import { useAlertStream } from '../hooks/useAlertStream.ts';
import { useNotifications } from '../hooks/useNotifications.ts';
import { alertMessages } from '../locales/index.ts';
import { LevelTag } from './LevelTag.tsx';

const kinds = ['alert.new', 'alert.raised', 'alert.reassigned', 'supervision', 'overdue', 'escalated', 'unreachable'] as const;
type Kind = (typeof kinds)[number];
const isKind = (k: string): k is Kind => (kinds as readonly string[]).includes(k);
const kindKey = (k: Kind) => `notif_${k.replace('.', '_')}` as 'notif_alert_new';

function isNotice(d: unknown): d is NotificationDto {
  return !!d && typeof d === 'object' && typeof (d as NotificationDto).kind === 'string' && typeof (d as NotificationDto).title === 'string';
}

export function NotificationBell() {
  const t = useT(alertMessages);
  const { notification } = App.useApp();
  const [unseen, setUnseen] = useState(0);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const list = useNotifications(open, tick);
  const label = (k: string) => (isKind(k) ? t(kindKey(k)) : k);

  const onSignal = useCallback(
    (d: unknown) => {
      if (!isNotice(d)) return;
      setUnseen((n) => n + 1);
      setTick((n) => n + 1);
      notification.open({
        key: `notice-${d.id}`,
        type: d.level === 'red' || d.kind === 'overdue' || d.kind === 'escalated' ? 'error' : 'warning',
        title: `${label(d.kind)}：${d.title}`,
        description: d.alertId ? (
          <Link to={`/alerts/${d.alertId}`} onClick={() => notification.destroy(`notice-${d.id}`)}>
            {t('openAlert')}
          </Link>
        ) : undefined,
        placement: 'bottomRight',
        duration: 8,
      });
    },
    [notification, t],
  );
  useAlertStream(onSignal);

  return (
    <>
      <Badge count={unseen} size="small" offset={[-4, 4]}>
        <Button
          ghost
          size="small"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={`${t('notificationsTitle')}${unseen ? ` (${unseen})` : ''}`}
          data-testid="bell"
          onClick={() => {
            setOpen(true);
            setUnseen(0);
          }}
        />
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('notificationsTitle')} size={420}>
        {list.data && list.data.length === 0 ? (
          <Empty description={t('notificationsEmpty')} />
        ) : (
          <List<NotificationDto>
            loading={list.loading}
            dataSource={list.data ?? []}
            renderItem={(n) => (
              <List.Item
                style={{ cursor: n.alertId ? 'pointer' : undefined }}
                onClick={() => {
                  if (!n.alertId) return;
                  setOpen(false);
                  navigate(`/alerts/${n.alertId}`);
                }}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {n.level && <LevelTag level={n.level} />} {label(n.kind)}
                    </span>
                  }
                  description={
                    <>
                      <div>{n.title}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.at)}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
