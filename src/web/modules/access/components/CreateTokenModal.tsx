// The create form: name, unit (from the caller's tree), scopes. Hands the one-time secret to the caller.
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../../shared/api/describe-error.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import type { CreatedTokenDto } from '../access.api.ts';
import { tokenScopes, type TokenScope, type UnitIndex } from '../access.adapters.ts';
import { useCreateToken } from '../hooks/useCreateToken.ts';
import { accessMessages } from '../locales/index.ts';
import { UnitPicker } from './UnitPicker.tsx';

interface Fields {
  name: string;
  unit: string;
  scopes: TokenScope[];
}

export function CreateTokenModal({
  open,
  units,
  defaultUnit,
  onClose,
  onCreated,
}: {
  open: boolean;
  units: UnitIndex | undefined;
  defaultUnit: string | undefined;
  onClose: () => void;
  onCreated: (created: CreatedTokenDto, name: string) => void;
}) {
  const t = useT(accessMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<Fields>();
  const { create, busy, error, reset } = useCreateToken();

  useEffect(() => {
    if (open) {
      reset();
      form.resetFields();
      form.setFieldsValue({ unit: defaultUnit && units?.byCode.has(defaultUnit) ? defaultUnit : units?.roots[0]?.code, scopes: ['ingest'] });
    }
  }, [open, defaultUnit, units, form, reset]);

  async function submit(values: Fields) {
    const name = values.name.trim();
    const created = await create({ name, unit: values.unit, scopes: values.scopes });
    if (created) onCreated(created, name);
  }

  return (
    <Modal
      open={open}
      title={t('createTitle')}
      okText={t('createOk')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      mask={{ closable: !busy }}
      destroyOnHidden
      width={560}
    >
      {error !== undefined && (
        <Alert type="error" showIcon role="alert" title={t('createFailed')} description={describeError(error, locale)} style={{ marginBottom: 16 }} />
      )}
      <Form<Fields> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark>
        <Form.Item
          name="name"
          label={t('fieldName')}
          extra={t('fieldNameHint')}
          rules={[{ required: true, whitespace: true, message: t('fieldNameRequired') }, { max: 100 }]}
        >
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="unit" label={t('fieldUnit')} extra={t('fieldUnitHint')} rules={[{ required: true, message: t('fieldUnitRequired') }]}>
          <UnitPicker units={units} loading={!units} placeholder={t('fieldUnitPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('fieldScopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('fieldScopesRequired') }]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {tokenScopes.map((s) => (
              <Checkbox key={s} value={s}>
                <strong>{t(`scope_${s}`)}</strong> <span className="bh-mono bh-muted">{s}</span>{' '}
                <span className="bh-muted">— {t(`scopeHint_${s}`)}</span>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
