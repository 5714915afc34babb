import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** the page's one h1 (the shell moves focus here after navigation), with actions on the right */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={1} className="bh-page-title" tabIndex={-1} id="page-title">
          {title}
        </Typography.Title>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
      {children && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{children}</Typography.Paragraph>}
    </div>
  );
}
