import { niceCeiling, toX, toY } from '../lib/chart-scale';
import { ChartFrame, PLOT } from './chart-frame';

interface LineChartProps {
  title: string;
  description: string;
  values: readonly number[];
  /** The tooltip of each point: its bin and value in words. */
  pointTitle: (index: number, value: number) => string;
  formatValue: (value: number) => string;
  /** The least the axis shows: 5 keeps small counts on whole-number gridlines. */
  minTop?: number;
  xLabels: readonly { index: number; label: string }[];
}

/** One series over time: a line through the middle of each bin, with a shaded area under it. */
export function LineChart(props: LineChartProps) {
  const count = props.values.length;
  const top = niceCeiling(Math.max(props.minTop ?? 0, ...props.values));
  const points = props.values.map((value, index) => ({
    x: toX(index, count, PLOT.width) + PLOT.width / count / 2,
    y: toY(value, top, PLOT.height),
    value,
  }));
  const line = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`);
  const first = points[0];
  const last = points.at(-1);
  return (
    <ChartFrame
      title={props.title}
      description={props.description}
      top={top}
      formatValue={props.formatValue}
      binCount={count}
      xLabels={props.xLabels}
    >
      {first && last && (
        <path
          className="chart-area"
          d={`${line.join(' ')} L${last.x},${PLOT.height} L${first.x},${PLOT.height} Z`}
        />
      )}
      <path className="chart-line" d={line.join(' ')} />
      {points.map((point, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its index; the list never reorders.
        <circle key={index} className="chart-point" cx={point.x} cy={point.y} r={3}>
          <title>{props.pointTitle(index, point.value)}</title>
        </circle>
      ))}
    </ChartFrame>
  );
}
