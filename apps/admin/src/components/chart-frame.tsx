import { type ReactNode, useId } from 'react';
import { axisTicks, toX, toY } from '../lib/chart-scale';

/** The SVG's coordinate system; CSS scales it to the card's width. */
const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 10, right: 8, bottom: 24, left: 56 };

/** The plot area inside the axes, in SVG units. */
export const PLOT = {
  width: WIDTH - MARGIN.left - MARGIN.right,
  height: HEIGHT - MARGIN.top - MARGIN.bottom,
} as const;

interface ChartFrameProps {
  /** The accessible name, also shown as the caption. */
  title: string;
  /** A sentence for screen readers: what the chart shows, in numbers. */
  description: string;
  /** The value axis runs from 0 to this. */
  top: number;
  formatValue: (value: number) => string;
  binCount: number;
  /** Bin index -> label, for the few bins that get one. */
  xLabels: readonly { index: number; label: string }[];
  /** The marks, drawn in plot coordinates (0,0 at the top left of the plot). */
  children: ReactNode;
}

/** Axes, gridlines and labels around a chart's marks, as one titled SVG image. */
export function ChartFrame(props: ChartFrameProps) {
  const id = useId();
  const binWidth = PLOT.width / Math.max(props.binCount, 1);
  return (
    <figure className="chart">
      <figcaption className="chart-title">{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
          {axisTicks(props.top).map((tick) => {
            const y = toY(tick, props.top, PLOT.height);
            return (
              <g key={tick} className="chart-gridline">
                <line x1={0} x2={PLOT.width} y1={y} y2={y} />
                <text x={-6} y={y} dy="0.32em" textAnchor="end">
                  {props.formatValue(tick)}
                </text>
              </g>
            );
          })}
          {props.xLabels.map(({ index, label }) => (
            <text
              key={index}
              className="chart-axis-label"
              x={toX(index, props.binCount, PLOT.width) + binWidth / 2}
              y={PLOT.height + 16}
              textAnchor="middle"
            >
              {label}
            </text>
          ))}
          {props.children}
        </g>
      </svg>
    </figure>
  );
}
