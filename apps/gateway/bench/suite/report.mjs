// Figures into a Markdown table (pasted as is into docs/benchmarks.md) and one JSON line per
// row, each gateway figure beside the two floors measured in the same run.

export const median = (values) => percentile(values, 0.5);

export function percentile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

const MIB = 1024 * 1024;
export const toMiB = (bytes) => bytes / MIB;

/**
 * One row: `figures` holds {direct?, floorRaw, floorJson, gateway} in `unit`. `compare` says
 * how the gateway reads against the JSON floor: as a ratio, or (latencies) as a difference.
 * `target` is checked against the ratio, the difference or the gateway's own figure.
 */
export function createRow({ scenario, unit, figures, compare = 'ratio', target }) {
  const ratio = (floor) => (floor ? figures.gateway / floor : undefined);
  const row = {
    scenario,
    unit,
    ...figures,
    ratioToRawFloor: ratio(figures.floorRaw),
    ratioToJsonFloor: ratio(figures.floorJson),
    ...(compare === 'difference' && { beyondJsonFloor: figures.gateway - figures.floorJson }),
  };
  if (target) {
    const value =
      target.of === 'ratio'
        ? row.ratioToJsonFloor
        : target.of === 'difference'
          ? row.beyondJsonFloor
          : figures.gateway;
    row.target = target.text;
    row.met = target.atMost !== undefined ? value <= target.atMost : value >= target.atLeast;
  }
  return row;
}

const decimalsFor = (value) => (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
const format = (value) =>
  value === undefined
    ? ''
    : value.toLocaleString('en-US', {
        minimumFractionDigits: decimalsFor(value),
        maximumFractionDigits: decimalsFor(value),
      });

export function printTable(rows) {
  const header = [
    'scenario',
    'unit',
    'mock direct',
    'floor raw',
    'floor JSON',
    'gateway',
    'gateway vs JSON floor',
    'target',
    'met',
  ];
  // Figures right-aligned, as in docs/benchmarks.md.
  const alignment = ['---', '---', '---:', '---:', '---:', '---:', '---:', '---', '---'];
  const lines = [`| ${header.join(' | ')} |`, `| ${alignment.join(' | ')} |`];
  for (const row of rows) {
    const versus =
      row.beyondJsonFloor !== undefined
        ? `${row.beyondJsonFloor >= 0 ? '+' : ''}${format(row.beyondJsonFloor)} ms`
        : row.ratioToJsonFloor !== undefined
          ? `${row.ratioToJsonFloor.toFixed(2)}x`
          : '';
    const cells = [
      row.scenario,
      row.unit,
      format(row.direct),
      format(row.floorRaw),
      format(row.floorJson),
      format(row.gateway),
      versus,
      row.target ?? '',
      row.met === undefined ? '' : row.met ? 'yes' : 'no',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  console.log(lines.join('\n'));
}

const round = (value) =>
  typeof value === 'number' ? Number(value.toFixed(value >= 100 ? 0 : 3)) : value;

export function printJsonLines(rows) {
  for (const row of rows) {
    console.log(
      JSON.stringify(
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, round(value)])),
      ),
    );
  }
}
