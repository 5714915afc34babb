import { Alert, Button } from 'antd';
import { describeError } from '../api/describe-error.ts';
import { isApiError } from '../api/client.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';

/** a failed load or action, with the server's message and, when given, a retry button */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { locale } = useLocale();
  const t = useT(sharedMessages);
  const code = isApiError(error) && error.status ? `${error.status} ${error.code}` : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('errorTitle')}
      description={
        <span>
          {describeError(error, locale)}
          {code && <span className="bh-muted"> （{code}）</span>}
        </span>
      }
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
