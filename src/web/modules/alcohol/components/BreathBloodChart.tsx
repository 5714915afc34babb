// Breath and blood values against the drink (20) and drunk (80) lines and the range the blood value could
// physiologically have had given the breath value and the hours between them.
import { EChart, type ChartOption } from '../../../shared/charts/EChart.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { measurements } from '../alcohol.adapters.ts';
import type { CaseDto } from '../alcohol.api.ts';
import { alcoholMessages } from '../locales/index.ts';

export function BreathBloodChart({ c }: { c: CaseDto }) {
  const t = useT(alcoholMessages);
  const m = measurements(c);
  const cmp = c.comparison;
  const max = Math.max(100, ...m.map((x) => x.value), cmp?.highLimit ?? 0) * 1.1;
  const option: ChartOption = {
    tooltip: { trigger: 'item' },
    grid: { left: 48, right: 110, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: m.map((x) => `${x.kind === 'breath' ? t('breath') : t('blood')}\n${formatDateTime(x.at)}`) },
    yAxis: { type: 'value', name: 'mg/100mL', max: Math.ceil(max) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: m.map((x) => ({ value: x.value, itemStyle: { color: x.kind === 'breath' ? '#d46b08' : '#cf1322' } })),
        label: { show: true, position: 'top' },
        markLine: {
          symbol: 'none',
          label: { position: 'end', formatter: '{b}' },
          data: [
            { name: t('drinkLine'), yAxis: 20, lineStyle: { color: '#faad14', type: 'dashed' } },
            { name: t('drunkLine'), yAxis: 80, lineStyle: { color: '#cf1322', type: 'dashed' } },
            ...(cmp
              ? [
                  { name: `${t('lowLimit')} ${cmp.lowLimit.toFixed(1)}`, yAxis: cmp.lowLimit, lineStyle: { color: '#1677ff', type: 'dotted' } },
                  { name: `${t('highLimit')} ${cmp.highLimit.toFixed(1)}`, yAxis: cmp.highLimit, lineStyle: { color: '#1677ff', type: 'dotted' } },
                ]
              : []),
          ],
        },
      },
    ],
  };
  return <EChart option={option} height={260} label={t('compareTitle')} />;
}
