// 物证室: evidence rooms with their inventory, overdue samples and cameras; a room's register in a drawer.
import { Button, Card, Drawer, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { Link } from '../../../shared/router.tsx';
import type { CameraDto, RoomDto, RoomSampleDto, RoomSummaryDto } from '../alcohol.api.ts';
import { useRoom } from '../hooks/useRoom.ts';
import { useRooms } from '../hooks/useRooms.ts';
import { alcoholMessages } from '../locales/index.ts';

const cameraColor = { online: 'success', offline: 'error', abnormal_image: 'warning', unknown: 'default' } as const;

function Cameras({ cameras }: { cameras: CameraDto[] }) {
  const t = useT(alcoholMessages);
  return (
    <Flex gap={4} wrap>
      {cameras.map((c) => (
        <Tag key={c.deviceId} color={cameraColor[c.status]} title={c.deviceId}>
          {t(`camera_${c.status}`)}
        </Tag>
      ))}
    </Flex>
  );
}

function SampleTable({ rows }: { rows: RoomSampleDto[] }) {
  const t = useT(alcoholMessages);
  return (
    <Table
      size="small"
      rowKey="sampleNo"
      pagination={rows.length > 8 ? { pageSize: 8 } : false}
      dataSource={rows}
      columns={[
        { title: t('sampleLabel'), dataIndex: 'sampleNo', render: (v: string) => <span className="bh-mono">{v}</span> },
        { title: t('colCaseNo'), dataIndex: 'caseNo', render: (v: string) => <Link to={`/alcohol/cases/${encodeURIComponent(v)}`} className="bh-mono">{v}</Link> },
        { title: t('colSince'), dataIndex: 'drawnAt', render: (v: string | null) => formatDateTime(v) },
        { title: 'h', dataIndex: 'hoursSinceDraw', align: 'right', render: (v: number | null, s) => <span style={s.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v === null ? '—' : v.toFixed(0)}</span> },
      ]}
    />
  );
}

function RoomDetail({ roomId }: { roomId: string }) {
  const t = useT(alcoholMessages);
  const { data: room, error } = useRoom(roomId);
  if (error !== undefined) return <ErrorAlert error={error} />;
  if (!room) return null;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={`${t('overdueSamples')}（${room.overdueSamples.length}）`}>
        <SampleTable rows={room.overdueSamples} />
      </Card>
      <Card size="small" title={`${t('samplesInRoom')}（${room.samples.length}）`}>
        <SampleTable rows={room.samples} />
      </Card>
      <Card size="small" title={t('register')}>
        <Table<RoomDto['register'][number]>
          size="small"
          rowKey="eventId"
          pagination={{ pageSize: 12 }}
          dataSource={room.register}
          columns={[
            { title: t('colSince'), dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
            { title: '', dataIndex: 'kind', width: 90, render: (k: RoomDto['register'][number]['kind']) => t(`reg_${k}`) },
            { title: t('person'), dataIndex: 'personName', render: (v: string | null, r) => `${v ?? ''} ${r.personNo ?? ''}` },
            {
              title: '',
              key: 'flags',
              render: (_: unknown, r) => (
                <>
                  {!r.custodian && <Tag color="error">{t('notCustodian')}</Tag>}
                  {!r.withinOpenHours && <Tag color="warning">{t('outsideHours')}</Tag>}
                  {r.sampleNo && <span className="bh-mono">{r.sampleNo}</span>}
                </>
              ),
            },
            { title: t('purpose'), dataIndex: 'purpose', ellipsis: true, render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
    </Flex>
  );
}

export default function RoomsPage() {
  const t = useT(alcoholMessages);
  const rooms = useRooms();
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<RoomSummaryDto> = [
    { title: t('colRoom'), dataIndex: 'roomId', width: 150, render: (v: string) => <span className="bh-mono">{v}</span> },
    { title: t('colUnit'), dataIndex: 'unitName', ellipsis: true, render: (v: string | null, r) => v ?? r.unit },
    { title: t('colOpenHours'), dataIndex: 'openHours', width: 110 },
    { title: t('colCustodians'), dataIndex: 'custodians', width: 150, ellipsis: true, render: (c: RoomSummaryDto['custodians']) => c.map((x) => x.name ?? x.personNo).join('、') },
    { title: t('colInventory'), dataIndex: 'inventory', width: 80, align: 'right' },
    { title: t('colOverdue'), dataIndex: 'overdue', width: 70, align: 'right', render: (n: number) => <span style={n ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n}</span> },
    { title: t('colCameras'), dataIndex: 'cameras', width: 150, render: (c: CameraDto[]) => <Cameras cameras={c} /> },
    { title: t('colLastAccess'), dataIndex: 'lastAccessAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    { title: '', key: 'open', width: 76, render: (_: unknown, r) => <Button size="small" onClick={() => setOpen(r.roomId)}>{t('details')}</Button> },
  ];
  return (
    <>
      <PageHeader title={t('roomsTitle')}>{t('roomsIntro')}</PageHeader>
      {rooms.error !== undefined && <ErrorAlert error={rooms.error} onRetry={rooms.reload} />}
      <Table<RoomSummaryDto> rowKey="roomId" size="middle" columns={columns} dataSource={rooms.data ?? []} loading={rooms.loading} pagination={false} tableLayout="fixed" scroll={{ x: 1060 }} data-testid="rooms" />
      <Drawer open={open !== null} size={760} title={open ?? ''} onClose={() => setOpen(null)} destroyOnHidden>
        {open && <RoomDetail roomId={open} />}
      </Drawer>
    </>
  );
}
