// The workflow steps this caller may take now — exactly those the server lists in allowedActions — each
// with the fields api.md names. Comments have their own box below.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { describeError } from '../../../shared/api/describe-error.ts';
import { dayjs, ZONE } from '../../../shared/format/time.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import { UnitPicker, type UnitIndex } from '../../access/index.ts';
import { accountabilities, alertActions, alertLevels, isAction, type AlertAction } from '../alerts.adapters.ts';
import type { AlertDto } from '../alerts.api.ts';
import { useAlertAction } from '../hooks/useAlertAction.ts';
import { useFileUpload } from '../hooks/useFileUpload.ts';
import { alertMessages } from '../locales/index.ts';

/** actions taken at once after a confirmation, without a form */
const confirmOnly: Partial<Record<AlertAction, 'actionConfirmSign' | 'actionConfirmSubmit'>> = { sign: 'actionConfirmSign', submit: 'actionConfirmSubmit' };

function Attachments({ onChange }: { onChange: (hashes: string[]) => void }) {
  const t = useT(alertMessages);
  const upload = useFileUpload();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const sync = (list: UploadFile[]) => {
    setFiles(list);
    onChange(list.filter((f) => f.status === 'done' && typeof f.response === 'string').map((f) => f.response as string));
  };
  return (
    <Upload
      fileList={files}
      multiple
      customRequest={({ file, onSuccess, onError }) => {
        upload(file as Blob).then(
          (r) => onSuccess?.(r.sha256),
          (e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e))),
        );
      }}
      onChange={({ fileList }) => sync(fileList.map((f) => (f.status === 'done' && f.response ? { ...f, name: `${f.name}（${String(f.response).slice(0, 12)}…）` } : f)))}
    >
      <Button icon={<UploadOutlined />}>{t('upload')}</Button>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {t('uploadHint')}
      </Typography.Text>
    </Upload>
  );
}

function ActionFields({ action, units }: { action: AlertAction; units: UnitIndex | undefined }) {
  const t = useT(alertMessages);
  const req = (field: string) => [{ required: true, message: t('required', { field }) }];
  switch (action) {
    case 'verify':
      return (
        <>
          <Form.Item name="finding" label={t('finding')} rules={req(t('finding'))}>
            <Radio.Group options={['substantiated', 'unsubstantiated'].map((v) => ({ value: v, label: t(`finding_${v as 'substantiated'}`) }))} />
          </Form.Item>
          <Form.Item name="account" label={t('account')} rules={req(t('account'))}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="attachments" label={t('attachments')} valuePropName="hashes" trigger="onChange">
            <AttachmentsField />
          </Form.Item>
        </>
      );
    case 'rectify':
      return (
        <>
          <Form.Item name="measures" label={t('measures')} rules={req(t('measures'))}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="accountability" label={t('accountability')} rules={req(t('accountability'))} initialValue="none">
            <Select options={accountabilities.map((a) => ({ value: a, label: t(`accountability_${a}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.accountability !== b.accountability}>
            {({ getFieldValue }) =>
              getFieldValue('accountability') !== 'none' && (
                <Flex gap={12}>
                  <Form.Item name="personNo" label={t('personNo')} style={{ flex: 1 }}>
                    <Input maxLength={32} />
                  </Form.Item>
                  {getFieldValue('accountability') === 'conduct_deduction' && (
                    <Form.Item name="points" label={t('points')} rules={req(t('points'))}>
                      <InputNumber min={1} max={100} />
                    </Form.Item>
                  )}
                </Flex>
              )
            }
          </Form.Item>
        </>
      );
    case 'approve':
      return (
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
    case 'reject':
      return (
        <>
          <Form.Item name="reason" label={t('reason')} rules={req(t('reason'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="to" label={t('rejectTo')}>
            <Radio.Group options={(['verifying', 'rectifying'] as const).map((v) => ({ value: v, label: t(`status_${v}`) }))} />
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="into" label={t('into')} rules={[...req(t('into')), { pattern: /^[0-9a-fA-F-]{36}$/, message: t('into') }]}>
            <Input className="bh-mono" maxLength={36} />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'reassign':
      return (
        <Form.Item name="unit" label={t('unit')} rules={req(t('unit'))}>
          <UnitPicker units={units} />
        </Form.Item>
      );
    case 'supervise':
      return (
        <>
          <Form.Item name="dueAt" label={t('dueAt')} rules={req(t('dueAt'))}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="note" label={t('note')} rules={req(t('note'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'relevel':
      return (
        <>
          <Form.Item name="level" label={t('level')} rules={req(t('level'))}>
            <Radio.Group options={alertLevels.map((l) => ({ value: l, label: t(`level_${l}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')} rules={req(t('reason'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}

function AttachmentsField({ onChange }: { hashes?: string[]; onChange?: (h: string[]) => void }) {
  return <Attachments onChange={(h) => onChange?.(h)} />;
}

/** form values → the action's fields as api.md names them */
function toFields(action: AlertAction, v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== null && val !== '') out[k] = val;
  if (action === 'verify') out.attachments = Array.isArray(v.attachments) ? v.attachments : [];
  if (action === 'supervise' && v.dueAt) out.dueAt = dayjs.tz((v.dueAt as dayjs.Dayjs).format('YYYY-MM-DDTHH:mm'), ZONE).toISOString();
  return out;
}

export function ActionPanel({ alert, units, onDone }: { alert: AlertDto; units: UnitIndex | undefined; onDone: () => void }) {
  const t = useT(alertMessages);
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const { run, busy } = useAlertAction(alert.id);
  const [open, setOpen] = useState<AlertAction | null>(null);
  const [form] = Form.useForm();
  const [comment, setComment] = useState('');

  if (!alert.allowedActions) return <Typography.Text type="secondary">{t('actionsPending')}</Typography.Text>;
  const allowed = alertActions.filter((a) => alert.allowedActions!.includes(a));
  const buttons = allowed.filter((a) => a !== 'comment');

  const take = async (action: AlertAction, fields: Record<string, unknown>) => {
    try {
      await run(action, fields);
      message.success(t('actionDone', { action: t(`action_${action}`) }));
      setOpen(null);
      form.resetFields();
      onDone();
      return true;
    } catch (e) {
      message.error(describeError(e, locale));
      return false;
    }
  };

  return (
    <div data-testid="actions">
      {buttons.length === 0 && !allowed.includes('comment') && <Typography.Text type="secondary">{t('actionsNone')}</Typography.Text>}
      <Flex gap={8} wrap>
        {buttons.map((a, i) => (
          <Button
            key={a}
            type={i === 0 ? 'primary' : 'default'}
            danger={a === 'reject'}
            loading={busy === a}
            data-action={a}
            onClick={() => {
              const confirmKey = confirmOnly[a];
              if (confirmKey) {
                modal.confirm({ title: t(`action_${a}`), content: t(confirmKey), okText: t('submit'), onOk: () => take(a, {}) });
              } else setOpen(a);
            }}
          >
            {t(`action_${a}`)}
          </Button>
        ))}
      </Flex>
      {allowed.includes('comment') && (
        <Flex vertical gap={6} style={{ marginTop: 16 }}>
          <Input.TextArea
            aria-label={t('action_comment')}
            placeholder={t('commentPlaceholder')}
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && comment.trim()) void take('comment', { text: comment.trim() }).then((ok) => ok && setComment(''));
            }}
          />
          <Flex justify="end">
            <Button disabled={!comment.trim()} loading={busy === 'comment'} onClick={() => void take('comment', { text: comment.trim() }).then((ok) => ok && setComment(''))}>
              {t('action_comment')}
            </Button>
          </Flex>
        </Flex>
      )}
      <Modal
        open={open !== null}
        title={open ? t(`action_${open}`) : ''}
        okText={t('submit')}
        confirmLoading={busy !== null}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={600}
      >
        {open && isAction(open) && (
          <Form form={form} layout="vertical" preserve={false} onFinish={(v: Record<string, unknown>) => void take(open, toFields(open, v))}>
            <ActionFields action={open} units={units} />
          </Form>
        )}
      </Modal>
    </div>
  );
}
