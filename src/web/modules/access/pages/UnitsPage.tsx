// 单位: the caller's subtree as an expandable table, searchable by name or code.
import { Button, Flex, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useDeferredValue, useEffect, useMemo, useState, type Key } from 'react';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { Highlight } from '../../../shared/components/Highlight.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { UnitLevelTag } from '../../../shared/components/UnitLevelTag.tsx';
import { formatCount } from '../../../shared/format/number.ts';
import { useViewportHeight } from '../../../shared/hooks/useViewportHeight.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { allParents, expandedToDepth, filterUnits, type UnitTreeNode } from '../access.adapters.ts';
import { useUnits } from '../hooks/useUnits.ts';
import { accessMessages } from '../locales/index.ts';

export default function UnitsPage() {
  const t = useT(accessMessages);
  const ts = useT(sharedMessages);
  const { data: units, error, loading, reload } = useUnits();
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query);
  const filtered = useMemo(() => (units ? filterUnits(units, q) : null), [units, q]);
  const height = useViewportHeight(290);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  useEffect(() => {
    if (!units) return;
    setExpanded(filtered ? filtered.ancestors : expandedToDepth(units.roots, 1));
  }, [units, filtered]);

  const columns: TableColumnsType<UnitTreeNode> = [
    {
      title: t('colUnitName'),
      dataIndex: 'name',
      render: (name: string) => <Highlight text={name} query={q} />,
    },
    {
      title: t('colUnitCode'),
      dataIndex: 'code',
      width: 200,
      render: (code: string) => (
        <span className="bh-mono">
          <Highlight text={code} query={q} />
        </span>
      ),
    },
    {
      title: t('colUnitLevel'),
      dataIndex: 'level',
      width: 110,
      render: (level: string) => <UnitLevelTag level={level} />,
    },
    {
      title: t('colUnitParent'),
      dataIndex: 'parentCode',
      width: 260,
      render: (p: string | null) => (p ? (units?.byCode.get(p)?.name ?? <span className="bh-mono">{p}</span>) : ts('unknown')),
    },
  ];

  const rows = filtered ? filtered.roots : (units?.roots ?? []);
  return (
    <>
      <PageHeader
        title={t('unitsTitle')}
        extra={
          <>
            <Button onClick={() => units && setExpanded(allParents(units))} disabled={!units}>
              {t('expandAll')}
            </Button>
            <Button onClick={() => setExpanded([])} disabled={!units}>
              {t('collapseAll')}
            </Button>
            <Button onClick={reload} loading={loading}>
              {ts('refresh')}
            </Button>
          </>
        }
      >
        {t('unitsIntro')}
      </PageHeader>
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Flex gap={16} align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('unitsSearch')}
          aria-label={t('unitsSearch')}
          allowClear
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 360 }}
        />
        <Typography.Text type="secondary" role="status">
          {filtered
            ? filtered.matches.size
              ? t('unitsMatched', { count: formatCount(filtered.matches.size) })
              : t('unitsNoMatch')
            : units && t('unitsCount', { count: formatCount(units.list.length) })}
        </Typography.Text>
      </Flex>
      <Table<UnitTreeNode>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading && !units}
        pagination={false}
        virtual
        scroll={{ y: height }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          indentSize: 20,
        }}
        rowClassName={(r) => (filtered?.matches.has(r.code) ? 'bh-row-match' : '')}
      />
    </>
  );
}
