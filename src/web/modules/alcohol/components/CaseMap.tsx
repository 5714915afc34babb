// The case's step locations on a bundled outline of the region (no tile server): the outline is
// registered once as an ECharts map, the steps are a scatter joined in time order.
import { Empty, Typography } from 'antd';
import { echarts, EChart, type ChartOption } from '../../../shared/charts/EChart.tsx';
import { formatDateTime } from '../../../shared/format/time.ts';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { stepPoints, stepType } from '../alcohol.adapters.ts';
import type { CaseDto } from '../alcohol.api.ts';
import { innerMongoliaCities, innerMongoliaGeoJson } from '../geo/inner-mongolia.ts';
import { alcoholMessages } from '../locales/index.ts';

let registered = false;
function ensureMap() {
  if (registered) return;
  echarts.registerMap('inner-mongolia', innerMongoliaGeoJson() as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered = true;
}

export function CaseMap({ c }: { c: CaseDto }) {
  const t = useT(alcoholMessages);
  ensureMap();
  const points = stepPoints(c);
  if (!points.length) return <Empty description={t('mapEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const lngs = points.map((p) => p.value[0]);
  const lats = points.map((p) => p.value[1]);
  const pad = 1.6;
  const name = (type: string) => {
    const st = stepType(type);
    return st ? t(`step_${st}`) : type;
  };
  const option: ChartOption = {
    tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    geo: {
      map: 'inner-mongolia',
      roam: true,
      // zoomed to the case's points, with the region's outline for orientation
      boundingCoords: [
        [Math.min(...lngs) - pad, Math.max(...lats) + pad],
        [Math.max(...lngs) + pad, Math.min(...lats) - pad],
      ],
      itemStyle: { areaColor: '#eef3fb', borderColor: '#7a99c9' },
      emphasis: { disabled: true },
      silent: true,
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 7,
        itemStyle: { color: '#8c8c8c' },
        label: { show: true, position: 'right', formatter: '{b}', color: '#8c8c8c', fontSize: 11 },
        data: innerMongoliaCities.map((x) => ({ name: x.name, value: [x.lng, x.lat], tip: x.name })),
        silent: true,
      },
      {
        type: 'lines',
        coordinateSystem: 'geo',
        polyline: true,
        data: [{ coords: points.map((p) => p.value) }],
        lineStyle: { color: '#1677ff', width: 1.5, type: 'dashed', opacity: 0.8 },
        silent: true,
      },
      {
        type: 'effectScatter',
        coordinateSystem: 'geo',
        symbolSize: 11,
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => String(p.dataIndex + 1), fontWeight: 'bold' },
        data: points.map((p) => ({ name: name(p.name), value: p.value, tip: `#${p.leafIndex} ${name(p.name)}<br/>${formatDateTime(p.at)}` })),
      },
    ],
  };
  return (
    <>
      <EChart option={option} height={300} label={t('mapTitle')} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mapNote')}
      </Typography.Text>
    </>
  );
}
