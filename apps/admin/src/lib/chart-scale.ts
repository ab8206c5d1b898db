/**
 * The top of a chart's value axis: the smallest 1, 2, 2.5 or 5 x 10^n at or above `max`,
 * so gridlines fall on round numbers. An empty chart still gets an axis (1).
 */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // Rounded so 0.1 + 0.2-style float dust cannot push a value past its step.
    const candidate = Number((step * power).toPrecision(12));
    if (candidate >= max) return candidate;
  }
  return 10 * power;
}

/**
 * Gridline values from 0 to `top` (a niceCeiling) on round steps: 5 -> 0, 1, ... 5;
 * 2 -> 0, 0.5, ... 2; 2.5 -> 0, 0.5, ... 2.5; 1 -> 0, 0.2, ... 1.
 */
export function axisTicks(top: number): number[] {
  const mantissa = Number((top / 10 ** Math.floor(Math.log10(top))).toPrecision(12));
  const count = mantissa === 2 ? 4 : 5;
  return Array.from({ length: count + 1 }, (_, index) =>
    Number(((top * index) / count).toPrecision(12)),
  );
}

/** Maps a value in [0, top] to a y coordinate in a plot `height` tall (0 at the bottom). */
export function toY(value: number, top: number, height: number): number {
  return height - (Math.max(0, Math.min(value, top)) / top) * height;
}

/** The x coordinate of bin `index`'s left edge, for `count` bins across `width`. */
export function toX(index: number, count: number, width: number): number {
  return count <= 0 ? 0 : (index / count) * width;
}

/** Column sums of stacked series: the height each bar reaches. */
export function stackTops(series: readonly { values: readonly number[] }[]): number[] {
  const length = series[0]?.values.length ?? 0;
  return Array.from({ length }, (_, index) =>
    series.reduce((sum, item) => sum + (item.values[index] ?? 0), 0),
  );
}

/** At most `maxLabels` evenly spaced indexes of `count` bins, from 0: where axis labels go. */
export function labelIndexes(count: number, maxLabels = 6): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(count / maxLabels));
  const indexes: number[] = [];
  for (let index = 0; index < count; index += every) indexes.push(index);
  return indexes;
}
