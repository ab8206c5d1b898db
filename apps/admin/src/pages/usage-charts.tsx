import { type ReactNode, useState } from 'react';
import { listChannels } from '../api/channels-api';
import {
  getSelfUsage,
  getUsage,
  type UsageBucket,
  type UsageFilter,
  type UsageGrouping,
} from '../api/usage-api';
import { ChartLegend } from '../components/chart-legend';
import { ErrorBanner } from '../components/error-banner';
import { LineChart } from '../components/line-chart';
import { StackedBarChart } from '../components/stacked-bar-chart';
import { useLoad } from '../components/use-load';
import { t } from '../i18n/t';
import { useT } from '../i18n/use-t';
import { labelIndexes } from '../lib/chart-scale';
import { formatCompact, formatCount, formatDollars, formatUsd, QUOTA_PER_USD } from '../lib/format';
import {
  formatAxisLabel,
  formatBinTitle,
  stackPerBin,
  sumPerBin,
  totalsOf,
  toUsageTimeline,
  type UsageRange,
} from '../lib/usage-series';

interface UsageChartsProps {
  range: UsageRange;
  split: UsageGrouping;
  isAdmin: boolean;
  filter: UsageFilter;
}

/** Which endpoint answers: one key's usage is within one's own; admins read everyone's. */
function loadUsage(query: { from: number; to: number }, props: UsageChartsProps) {
  const { isAdmin, split, filter } = props;
  if (filter.tokenId !== undefined) return getSelfUsage({ ...query, tokenId: filter.tokenId });
  return isAdmin ? getUsage({ ...query, groupBy: split, ...filter }) : getSelfUsage(query);
}

/** Loads one range of usage and draws it: totals, requests over time, spend by model or channel. */
export function UsageCharts(props: UsageChartsProps) {
  useT(); // re-renders on a language switch; `t` is the module's
  const { range, split } = props;
  const [timeline] = useState(() => toUsageTimeline(range, Date.now()));
  const { state } = useLoad(async () => {
    const query = { from: timeline.from, to: timeline.to };
    const [usage, channelNames] = await Promise.all([
      loadUsage(query, props),
      // Names are a nicety: without them the legend says "Channel #3".
      split === 'channel' ? listChannels().then(toNames, () => null) : null,
    ]);
    return { buckets: usage.buckets, channelNames };
  });

  if (state.kind === 'loading') return <p className="muted">{t('usage.loading')}</p>;
  if (state.kind === 'error') return <ErrorBanner error={state.error} />;
  const { buckets, channelNames } = state.data;
  const label = t(`usage.range.${range}`);
  const per = t(`usage.per.${range}`);
  if (buckets.length === 0)
    return <p className="empty card">{t('usage.none', { range: label })}</p>;

  const totals = totalsOf(buckets);
  const requests = sumPerBin(buckets, timeline, 'requests');
  const labelOf =
    split === 'channel'
      ? (bucket: UsageBucket) => channelLabel(bucket.channelId ?? 0, channelNames)
      : (bucket: UsageBucket) => bucket.model ?? t('usage.unknownModel');
  // In dollars, so the axis falls on round amounts ($0.0005), not round quota.
  const spend = stackPerBin(buckets, timeline, 'quota', labelOf, 6, t('usage.other')).map(
    (series) => ({
      label: series.label,
      values: series.values.map((quota) => quota / QUOTA_PER_USD),
      total: series.total / QUOTA_PER_USD,
    }),
  );
  const xLabels = labelIndexes(timeline.bins.length).map((index) => ({
    index,
    label: formatAxisLabel(timeline.bins[index]!, timeline),
  }));
  const binTitle = (index: number) => formatBinTitle(timeline.bins[index]!, timeline);

  return (
    <>
      <div className="cards">
        <Stat title={t('common.requests')} value={formatCount(totals.requests)}>
          {t('usage.failed', { count: formatCount(totals.errors) })}
        </Stat>
        <Stat
          title={t('usage.tokens')}
          value={formatCount(totals.promptTokens + totals.completionTokens)}
        >
          {t('usage.inOut', {
            prompt: formatCount(totals.promptTokens),
            completion: formatCount(totals.completionTokens),
          })}
        </Stat>
        <Stat title={t('usage.spend')} value={formatUsd(totals.quota)}>
          {t('usage.quotaUnits', { quota: formatCount(totals.quota) })}
        </Stat>
      </div>
      <div className="chart-grid-2">
        <section className="card">
          <LineChart
            title={t('usage.requestsPer', { per })}
            description={t('usage.requestsDescription', {
              count: formatCount(totals.requests),
              range: label,
              max: formatCount(Math.max(...requests)),
            })}
            values={requests}
            pointTitle={(index, value) =>
              t('usage.requestsPoint', { bin: binTitle(index), count: formatCount(value) })
            }
            formatValue={formatCompact}
            minTop={5}
            xLabels={xLabels}
          />
        </section>
        <section className="card">
          <StackedBarChart
            title={t('usage.spendBy', { split: t(`usage.split.${split}`), per })}
            description={t('usage.spendDescription', {
              total: formatUsd(totals.quota),
              range: label,
              parts: spend
                .map((series) => `${series.label} ${formatDollars(series.total)}`)
                .join(', '),
            })}
            series={spend}
            binCount={timeline.bins.length}
            segmentTitle={(series, index, value) =>
              `${series.label}, ${binTitle(index)}: ${formatDollars(value)}`
            }
            formatValue={formatDollars}
            xLabels={xLabels}
          />
          {spend.length === 0 ? (
            <p className="muted">{t('usage.nothingBilled')}</p>
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
  if (id === 0) return t('usage.noChannel');
  return names?.get(id) ?? t('usage.channelNumber', { id });
}
