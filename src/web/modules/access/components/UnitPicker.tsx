// A unit chosen from the caller's tree, searchable by name or code.
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { UnitIndex, UnitTreeNode } from '../access.adapters.ts';

interface Option {
  value: string;
  title: string;
  search: string;
  children?: Option[];
}

function toOptions(nodes: UnitTreeNode[]): Option[] {
  return nodes.map((n) => ({
    value: n.code,
    title: `${n.name}（${n.code}）`,
    search: `${n.name} ${n.code}`.toLowerCase(),
    children: n.children ? toOptions(n.children) : undefined,
  }));
}

export function UnitPicker({
  units,
  value,
  onChange,
  placeholder,
  id,
  loading,
}: {
  units: UnitIndex | undefined;
  value?: string;
  onChange?: (code: string) => void;
  placeholder?: string;
  id?: string;
  loading?: boolean;
}) {
  const treeData = useMemo(() => (units ? toOptions(units.roots) : []), [units]);
  const defaultExpanded = useMemo(() => (units ? units.roots.map((r) => r.code) : []), [units]);
  return (
    <TreeSelect<string>
      id={id}
      value={value}
      onChange={onChange}
      treeData={treeData}
      placeholder={placeholder}
      loading={loading}
      treeDefaultExpandedKeys={defaultExpanded}
      showSearch={{
        filterTreeNode: (input, node) => String((node as unknown as Option).search).includes(input.trim().toLowerCase()),
      }}
      style={{ width: '100%' }}
      listHeight={320}
      allowClear
    />
  );
}
