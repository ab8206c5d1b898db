import { type ReactNode, useState } from 'react';
import { listChannels } from '../api/channels-api';
import { getSelfUsage, getUsage, type UsageBucket, type UsageGrouping } from '../api/usage-api';
import { ChartLegend } from '../components/chart-legend';
import { ErrorBanner } from '../components/error-banner';
import { LineChart } from '../components/line-chart';
import { StackedBarChart } from '../components/stacked-bar-chart';
import { useLoad } from '../components/use-load';
import { labelIndexes } from '../lib/chart-scale';
import { formatCompact, formatCount, formatDollars, formatUsd, QUOTA_PER_USD } from '../lib/format';
import {
  formatAxisLabel,
  formatBinTitle,
  stackPerBin,
  sumPerBin,
  totalsOf,
  toUsageTimeline,
  USAGE_RANGES,
  type UsageRange,
} from '../lib/usage-series';

interface UsageChartsProps {
  range: UsageRange;
  split: UsageGrouping;
  isAdmin: boolean;
}

/** Loads one range of usage and draws it: totals, requests over time, spend by model or channel. */
export function UsageCharts({ range, split, isAdmin }: UsageChartsProps) {
  const [timeline] = useState(() => toUsageTimeline(range, Date.now()));
  const { state } = useLoad(async () => {
    const query = { from: timeline.from, to: timeline.to };
    const [usage, channelNames] = await Promise.all([
      isAdmin ? getUsage({ ...query, groupBy: split }) : getSelfUsage(query),
      // Names are a nicety: without them the legend says "Channel #3".
      split === 'channel' ? listChannels().then(toNames, () => null) : null,
    ]);
    return { buckets: usage.buckets, channelNames };
  });

  if (state.kind === 'loading') return <p className="muted">Loading usage…</p>;
  if (state.kind === 'error') return <ErrorBanner error={state.error} />;
  const { buckets, channelNames } = state.data;
  const { label, per } = USAGE_RANGES[range];
  if (buckets.length === 0) return <p className="empty card">No requests in the last {label}.</p>;

  const totals = totalsOf(buckets);
  const requests = sumPerBin(buckets, timeline, 'requests');
  const labelOf =
    split === 'channel'
      ? (bucket: UsageBucket) => channelLabel(bucket.channelId ?? 0, channelNames)
      : (bucket: UsageBucket) => bucket.model ?? 'unknown model';
  // In dollars, so the axis falls on round amounts ($0.0005), not round quota.
  const spend = stackPerBin(buckets, timeline, 'quota', labelOf).map((series) => ({
    label: series.label,
    values: series.values.map((quota) => quota / QUOTA_PER_USD),
    total: series.total / QUOTA_PER_USD,
  }));
  const xLabels = labelIndexes(timeline.bins.length).map((index) => ({
    index,
    label: formatAxisLabel(timeline.bins[index]!, timeline),
  }));
  const binTitle = (index: number) => formatBinTitle(timeline.bins[index]!, timeline);

  return (
    <>
      <div className="cards">
        <Stat title="Requests" value={formatCount(totals.requests)}>
          {formatCount(totals.errors)} failed
        </Stat>
        <Stat title="Tokens" value={formatCount(totals.promptTokens + totals.completionTokens)}>
          {formatCount(totals.promptTokens)} in · {formatCount(totals.completionTokens)} out
        </Stat>
        <Stat title="Spend" value={formatUsd(totals.quota)}>
          {formatCount(totals.quota)} quota
        </Stat>
      </div>
      <div className="chart-grid-2">
        <section className="card">
          <LineChart
            title={`Requests ${per}`}
            description={`${formatCount(totals.requests)} requests in the last ${label}, at most ${formatCount(Math.max(...requests))} in one bin.`}
            values={requests}
            pointTitle={(index, value) => `${binTitle(index)}: ${formatCount(value)} requests`}
            formatValue={formatCompact}
            minTop={5}
            xLabels={xLabels}
          />
        </section>
        <section className="card">
          <StackedBarChart
            title={`Spend by ${split} ${per}`}
            description={`${formatUsd(totals.quota)} spent in the last ${label}: ${spend
              .map((series) => `${series.label} ${formatDollars(series.total)}`)
              .join(', ')}.`}
            series={spend}
            binCount={timeline.bins.length}
            segmentTitle={(series, index, value) =>
              `${series.label}, ${binTitle(index)}: ${formatDollars(value)}`
            }
            formatValue={formatDollars}
            xLabels={xLabels}
          />
          {spend.length === 0 ? (
            <p className="muted">Nothing was billed in this range.</p>
          ) : (
            <ChartLegend
              items={spend.map((series) => ({
                label: series.label,
                detail: formatDollars(series.total),
              }))}
            />
          )}
        </section>
      </div>
    </>
  );
}

function Stat({ title, value, children }: { title: string; value: string; children: ReactNode }) {
  return (
    <section className="card stat">
      <h2>{title}</h2>
      <p className="stat-value">{value}</p>
      <p className="muted">{children}</p>
    </section>
  );
}

function toNames(page: { items: { id: number; name: string }[] }): Map<number, string> {
  return new Map(page.items.map((channel) => [channel.id, channel.name]));
}

function channelLabel(id: number, names: Map<number, string> | null): string {
  if (id === 0) return 'no channel';
  return names?.get(id) ?? `Channel #${id}`;
}
