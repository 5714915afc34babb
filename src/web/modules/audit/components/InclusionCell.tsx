import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip } from 'antd';
import { describeError } from '../../../shared/api/describe-error.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import type { AuditEntryView } from '../audit.adapters.ts';
import type { CheckState } from '../hooks/useInclusionCheck.ts';
import { auditMessages } from '../locales/index.ts';

const failKey = { index: 'failIndex', leaf: 'failLeaf', proof: 'failProof', root: 'failRoot' } as const;

/** 验证 → 已验证 / 验证失败, with the reason on hover and focus */
export function InclusionCell({ entry, state, onCheck }: { entry: AuditEntryView; state: CheckState | undefined; onCheck: () => void }) {
  const t = useT(auditMessages);
  const { locale } = useLocale();
  let result = null;
  if (state?.status === 'done' && state.outcome.ok) {
    result = (
      <Tooltip title={t('verifiedHint', { size: state.outcome.treeSize, root: state.outcome.root })}>
        <Tag color="success" icon={<CheckCircleFilled />} tabIndex={0}>
          {t('verified')}
        </Tag>
      </Tooltip>
    );
  } else if (state?.status === 'done' || state?.status === 'error') {
    const why =
      state.status === 'error'
        ? `${t('failFetch')}: ${describeError(state.error, locale)}`
        : state.outcome.ok
          ? ''
          : t(failKey[state.outcome.kind]) + (state.outcome.detail ? `（${state.outcome.detail}）` : '');
    result = (
      <Tooltip title={why}>
        <Tag color="error" icon={<CloseCircleFilled />} tabIndex={0} aria-description={why}>
          {t('verifyFailed')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Flex align="center" gap={4} aria-live="polite">
      {result}
      {(!state || state.status !== 'done' || !state.outcome.ok) && (
        <Button
          size="small"
          icon={result ? undefined : <SafetyCertificateOutlined />}
          loading={state?.status === 'verifying'}
          onClick={onCheck}
          aria-label={`${result ? t('verifyRetry') : t('verify')} #${entry.seq}`}
        >
          {state?.status === 'verifying' ? t('verifying') : result ? t('verifyRetry') : t('verify')}
        </Button>
      )}
    </Flex>
  );
}
