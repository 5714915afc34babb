// The new token, shown once. Closing forgets it: the server keeps only its hash.
import { Alert, Button, Descriptions, Input, Modal, Typography } from 'antd';
import { CopyButton } from '../../../shared/components/CopyButton.tsx';
import { useT } from '../../../shared/i18n/i18n.tsx';
import type { CreatedTokenDto } from '../access.api.ts';
import { accessMessages } from '../locales/index.ts';

export function TokenSecretModal({ created, name, onClose }: { created: CreatedTokenDto | null; name: string; onClose: () => void }) {
  const t = useT(accessMessages);
  return (
    <Modal
      open={created !== null}
      title={t('secretTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={640}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('secretClose')}
        </Button>
      }
    >
      {created && (
        <>
          <Alert type="warning" showIcon title={t('secretWarning')} description={t('secretWarningText')} style={{ marginBottom: 16 }} />
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t('fieldName'), children: name },
              { key: 'id', label: t('secretId'), children: <span className="bh-mono">{created.id}</span> },
            ]}
            style={{ marginBottom: 12 }}
          />
          <label htmlFor="bh-new-token" style={{ display: 'block', marginBottom: 6, fontWeight: 500 }}>
            {t('secretLabel')}
          </label>
          <div style={{ display: 'flex', gap: 8 }}>
            <Input
              id="bh-new-token"
              readOnly
              value={created.token}
              className="bh-mono"
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
            />
            <CopyButton text={created.token} type="primary" autoFocus />
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('secretUsage')}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
