import { Card, Descriptions, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { CopyButton } from '../../../shared/components/CopyButton.tsx';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { formatCount } from '../../../shared/format/number.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import type { AuditRootView } from '../audit.adapters.ts';
import { auditMessages } from '../locales/index.ts';

/** the log's size and root hash, with a copy button so a person can keep the root for later */
export function TreeHeadCard({
  root,
  error,
  onRetry,
  title,
  extra,
}: {
  root: AuditRootView | undefined;
  error: unknown;
  onRetry: () => void;
  title?: string;
  extra?: ReactNode;
}) {
  const t = useT(auditMessages);
  return (
    <Card size="small" title={title ?? t('treeTitle')} extra={extra} style={{ marginBottom: 16 }}>
      {error !== undefined ? (
        <ErrorAlert error={error} onRetry={onRetry} />
      ) : !root ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'size', label: t('treeSize'), children: formatCount(root.size) },
            {
              key: 'root',
              label: t('treeRoot'),
              children: (
                <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography.Text className="bh-mono" style={{ wordBreak: 'break-all' }}>
                    {root.root || '—'}
                  </Typography.Text>
                  {root.root && <CopyButton text={root.root} size="small" aria-label={t('treeRoot')} />}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('treeRootHint')}
                  </Typography.Text>
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
