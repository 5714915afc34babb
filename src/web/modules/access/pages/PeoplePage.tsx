// 人员: people of the caller's units; administrators create, disable and re-enable them.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../app/auth/AuthProvider.tsx';
import { describeError } from '../../../shared/api/describe-error.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDate } from '../../../shared/format/time.ts';
import { useLocale, useT } from '../../../shared/i18n/i18n.tsx';
import type { NewUser, UserDto } from '../access.api.ts';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { useCreateUser } from '../hooks/useCreateUser.ts';
import { usePeople } from '../hooks/usePeople.ts';
import { useSetUserActive } from '../hooks/useSetUserActive.ts';
import { useUnits } from '../hooks/useUnits.ts';
import { accessMessages } from '../locales/index.ts';

const roles = ['supervisor', 'handler', 'reviewer', 'approver', 'admin'] as const;
type Role = (typeof roles)[number];
const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r);

export default function PeoplePage() {
  const t = useT(accessMessages);
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const me = useMe();
  const units = useUnits();
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const people = usePeople(unit, tick);
  const isAdmin = me.scopes.has('admin');
  const { set, busy } = useSetUserActive();
  const { create, busy: creating } = useCreateUser();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const roleLabel = (r: string) => (isRole(r) ? t(`role_${r}`) : r);

  const toggle = (u: UserDto) => {
    const run = async () => {
      try {
        await set(u.id, !u.active);
        setTick((n) => n + 1);
      } catch (e) {
        message.error(describeError(e, locale));
      }
    };
    if (u.active) modal.confirm({ title: t('disable'), content: t('disableConfirm', { name: u.displayName }), okButtonProps: { danger: true }, onOk: run });
    else void run();
  };

  const columns: TableColumnsType<UserDto> = [
    { title: t('colUsername'), dataIndex: 'username', width: 170, render: (v: string) => <span className="bh-mono">{v}</span> },
    { title: t('colDisplayName'), dataIndex: 'displayName', ellipsis: true },
    { title: t('colUnit'), dataIndex: 'unit', width: 200, ellipsis: true, render: (c: string | null) => (c ? (units.data?.byCode.get(c)?.name ?? c) : t('platformAdmin')) },
    { title: t('colPersonNo'), dataIndex: 'personNo', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('colRoles'), dataIndex: 'roles', width: 200, render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
    { title: t('colActive'), dataIndex: 'active', width: 90, render: (a: boolean) => <Tag color={a ? 'success' : 'default'}>{a ? t('active') : t('inactive')}</Tag> },
    { title: '', dataIndex: 'createdAt', width: 100, render: (v: string) => formatDate(v) },
    ...(isAdmin
      ? [
          {
            title: '',
            key: 'toggle',
            width: 80,
            render: (_: unknown, u: UserDto) =>
              u.username !== me.username && (
                <Button size="small" danger={u.active} loading={busy === u.id} onClick={() => toggle(u)}>
                  {u.active ? t('disable') : t('enable')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('peopleTitle')}
        extra={
          <>
            <div style={{ width: 260 }}>
              <UnitPicker units={units.data} value={unit} onChange={(u) => setUnit(u ?? undefined)} placeholder={t('peopleFilterUnit')} />
            </div>
            {isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>
                {t('peopleCreate')}
              </Button>
            )}
          </>
        }
      >
        {t('peopleIntro')}
      </PageHeader>
      {people.error !== undefined && <ErrorAlert error={people.error} onRetry={people.reload} />}
      <Table<UserDto> rowKey="id" size="middle" columns={columns} dataSource={people.data ?? []} loading={people.loading} pagination={{ pageSize: 50, hideOnSinglePage: true }} tableLayout="fixed" scroll={{ x: 1000 }} data-testid="people" />
      <Modal
        open={open}
        title={t('peopleCreate')}
        okText={t('peopleCreate')}
        confirmLoading={creating}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ roles: ['handler'], unit: me.unit?.code }}
          onFinish={async (v) => {
            try {
              const u = await create({ ...v, personNo: v.personNo || undefined });
              message.success(t('created', { name: u.displayName }));
              setOpen(false);
              setTick((n) => n + 1);
            } catch (e) {
              message.error(describeError(e, locale));
            }
          }}
        >
          <Form.Item name="username" label={t('fieldUsername')} extra={t('fieldUsernameHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('fieldUsernameHint') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('fieldDisplayName')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unit" label={t('colUnit')} rules={[{ required: true, message: t('required') }]}>
            <UnitPicker units={units.data} />
          </Form.Item>
          <Form.Item name="roles" label={t('fieldRoles')} rules={[{ required: true, type: 'array', min: 1, message: t('required') }]}>
            <Checkbox.Group options={roles.map((r) => ({ value: r, label: t(`role_${r}`) }))} />
          </Form.Item>
          <Form.Item name="personNo" label={t('fieldPersonNo')}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="password" label={t('fieldPassword')} extra={t('fieldPasswordHint')} rules={[{ required: true, min: 8, message: t('fieldPasswordHint') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
