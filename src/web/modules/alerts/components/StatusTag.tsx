import { Tag } from 'antd';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { isStatus } from '../alerts.adapters.ts';
import { alertMessages } from '../locales/index.ts';

const color = { new: 'red', verifying: 'orange', rectifying: 'gold', reviewing: 'blue', closed: 'green' } as const;

export function StatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const t = useT(alertMessages);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={isStatus(status) ? color[status] : undefined} data-status={status}>
        {isStatus(status) ? t(`status_${status}`) : status}
      </Tag>
      {overdue && (
        <Tag color="error" variant="solid">
          {t('overdue')}
        </Tag>
      )}
    </span>
  );
}
