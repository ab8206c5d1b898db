import { niceCeiling, stackTops, toX, toY } from '../lib/chart-scale';
import type { UsageSeries } from '../lib/usage-series';
import { ChartFrame, PLOT } from './chart-frame';

interface StackedBarChartProps {
  title: string;
  description: string;
  /** Bottom to top; series `i` is coloured by the `series-i` class. */
  series: readonly UsageSeries[];
  binCount: number;
  /** The tooltip of one segment: its series, bin and value in words. */
  segmentTitle: (series: UsageSeries, index: number, value: number) => string;
  formatValue: (value: number) => string;
  xLabels: readonly { index: number; label: string }[];
}

/** One bar per bin, split into a segment per series. */
export function StackedBarChart(props: StackedBarChartProps) {
  const top = niceCeiling(Math.max(0, ...stackTops(props.series)));
  const slot = PLOT.width / Math.max(props.binCount, 1);
  const gap = Math.min(2, slot * 0.15);
  const reached = Array.from({ length: props.binCount }, () => 0);
  return (
    <ChartFrame
      title={props.title}
      description={props.description}
      top={top}
      formatValue={props.formatValue}
      binCount={props.binCount}
      xLabels={props.xLabels}
    >
      {props.series.map((series, seriesIndex) => (
        <g key={series.label} className={`series-${seriesIndex}`}>
          {series.values.map((value, index) => {
            if (value <= 0) return null;
            const bottom = reached[index]!;
            reached[index] = bottom + value;
            const y = toY(bottom + value, top, PLOT.height);
            return (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its index; the list never reorders.
                key={index}
                x={toX(index, props.binCount, PLOT.width) + gap}
                y={y}
                width={slot - 2 * gap}
                height={Math.max(toY(bottom, top, PLOT.height) - y, 0.5)}
              >
                <title>{props.segmentTitle(series, index, value)}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </ChartFrame>
  );
}
