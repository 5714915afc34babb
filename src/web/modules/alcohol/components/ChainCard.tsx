// The custody chain: a verified/broken badge (decided by the server on this read, against the root in the
// audit log), the root and size, any problems, and a check of every step's proof done in the browser.
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Tag, Typography } from 'antd';
import { useT } from '../../../shared/i18n/i18n.tsx';
import type { ChainDto } from '../alcohol.api.ts';
import { useChainCheck } from '../hooks/useChainCheck.ts';
import { alcoholMessages } from '../locales/index.ts';

export function ChainBadge({ chain }: { chain: ChainDto }) {
  const t = useT(alcoholMessages);
  return chain.verified ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="chain-badge" data-verified="true" style={{ fontSize: 14, padding: '2px 10px' }}>
      {t('chainVerified')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleFilled />} data-testid="chain-badge" data-verified="false" style={{ fontSize: 14, padding: '2px 10px' }}>
      {t('chainBroken')}
    </Tag>
  );
}

export function ChainCard({ caseNo, chain }: { caseNo: string; chain: ChainDto }) {
  const t = useT(alcoholMessages);
  const check = useChainCheck(caseNo, chain.root);
  const failed = check.results?.filter((r) => !r.ok) ?? [];
  return (
    <Flex vertical gap={8}>
      <ChainBadge chain={chain} />
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'size', label: t('chainSize'), children: chain.size },
          { key: 'root', label: t('chainRoot'), children: <Typography.Text className="bh-mono" copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>{chain.root}</Typography.Text> },
          { key: 'audit', label: t('chainAuditSeq'), children: chain.auditSeq ?? '—' },
        ]}
      />
      {chain.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('chainProblems')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {chain.problems.map((p, i) => (
                <li key={i}>
                  {p.leafIndex !== undefined ? `#${p.leafIndex}: ` : ''}
                  {p.problem}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Button icon={<SafetyCertificateOutlined />} loading={check.running} onClick={() => void check.run(chain.size)} disabled={chain.size === 0} data-testid="chain-check">
        {t('chainCheck')}
      </Button>
      {check.results &&
        (failed.length === 0 ? (
          <Alert type="success" showIcon title={t('chainCheckOk', { n: check.results.length })} data-testid="chain-check-result" />
        ) : (
          <Alert type="error" showIcon title={t('chainCheckFail', { n: failed.length, steps: failed.map((f) => `#${f.leafIndex}`).join(', ') })} data-testid="chain-check-result" />
        ))}
    </Flex>
  );
}
