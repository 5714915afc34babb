// The board's filters: rule, level, state, unit (with the units below), creation dates, overdue only.
import { Button, Checkbox, DatePicker, Flex, Select } from 'antd';
import { dayjs } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { UnitPicker, type UnitIndex } from '../../access/index.ts';
import type { RuleIndex } from '../../detection/hooks/useRules.ts';
import { activeFilterCount, alertLevels, alertStatuses, emptyFilters, type AlertLevel, type AlertStatus, type BoardFilters } from '../alerts.adapters.ts';
import { alertMessages } from '../locales/index.ts';

export function BoardFiltersBar({
  value,
  onChange,
  rules,
  units,
}: {
  value: BoardFilters;
  onChange: (f: BoardFilters) => void;
  rules: RuleIndex | undefined;
  units: UnitIndex | undefined;
}) {
  const t = useT(alertMessages);
  const set = (patch: Partial<BoardFilters>) => onChange({ ...value, ...patch });
  const active = activeFilterCount(value);
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} role="search" aria-label={t('filtersActive', { count: active })}>
      <Select<string[]>
        mode="multiple"
        allowClear
        aria-label={t('filterRule')}
        placeholder={t('filterRule')}
        style={{ width: 260 }}
        maxTagCount="responsive"
        value={value.rules}
        onChange={(rules) => set({ rules })}
        options={(rules?.list ?? []).map((r) => ({ value: r.code, label: r.name }))}
        optionFilterProp="label"
        data-testid="filter-rule"
      />
      <Select<AlertLevel[]>
        mode="multiple"
        allowClear
        aria-label={t('filterLevel')}
        placeholder={t('filterLevel')}
        style={{ width: 180 }}
        maxTagCount="responsive"
        value={value.levels}
        onChange={(levels) => set({ levels })}
        options={alertLevels.map((l) => ({ value: l, label: t(`level_${l}`) }))}
        data-testid="filter-level"
      />
      <Select<AlertStatus[]>
        mode="multiple"
        allowClear
        aria-label={t('filterStatus')}
        placeholder={t('filterStatus')}
        style={{ width: 180 }}
        maxTagCount="responsive"
        value={value.statuses}
        onChange={(statuses) => set({ statuses })}
        options={alertStatuses.map((s) => ({ value: s, label: t(`status_${s}`) }))}
        data-testid="filter-status"
      />
      <div style={{ width: 240 }} data-testid="filter-unit">
        <UnitPicker units={units} value={value.unit ?? undefined} onChange={(unit) => set({ unit: unit ?? null })} placeholder={t('filterUnit')} />
      </div>
      <DatePicker.RangePicker
        aria-label={t('filterTime')}
        placeholder={[t('filterTime'), t('filterTime')]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD') ?? null, to: r?.[1]?.format('YYYY-MM-DD') ?? null })}
        allowEmpty={[true, true]}
        style={{ width: 250 }}
      />
      <Checkbox checked={value.overdue} onChange={(e) => set({ overdue: e.target.checked })} data-testid="filter-overdue">
        {t('filterOverdue')}
      </Checkbox>
      <Button onClick={() => onChange(emptyFilters)} disabled={active === 0}>
        {t('filterReset')}
      </Button>
    </Flex>
  );
}
