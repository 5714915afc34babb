// ECharts with only the parts the console draws (bars, lines, scatter on an outline map), so the chart
// chunk stays small; loaded only by pages that chart.
import { BarChart, EffectScatterChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DatasetComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, LinesChart, ScatterChart, EffectScatterChart, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DatasetComponent, TitleComponent, SVGRenderer]);

export { echarts };
export type ChartOption = EChartsCoreOption;

/** one chart; `label` is its accessible name (the chart itself is an image to screen readers) */
export function EChart({ option, height = 280, label }: { option: ChartOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
