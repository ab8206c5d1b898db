import { type ReactNode, useState } from 'react';
import type { UsageFilter, UsageGrouping } from '../api/usage-api';
import { useT } from '../i18n/use-t';
import { USAGE_RANGES, type UsageRange } from '../lib/usage-series';
import { UsageCharts } from './usage-charts';

const RANGES = Object.keys(USAGE_RANGES) as UsageRange[];

interface UsageSectionProps {
  isAdmin: boolean;
  /** Narrows the charts to one user or one API key (the Usage page). */
  filter?: UsageFilter;
  /** The heading; by default "Usage, everyone" or "Your usage". */
  title?: ReactNode;
}

/** Usage charts with a range to choose and, for admins, what to split spend by. */
export function UsageSection({ isAdmin, filter = {}, title }: UsageSectionProps) {
  const t = useT();
  const [range, setRange] = useState<UsageRange>('24h');
  const [split, setSplit] = useState<UsageGrouping>('model');
  // One key's usage comes from one's own (GET /api/user/self/usage), split by model only.
  const canSplit = isAdmin && filter.tokenId === undefined;
  return (
    <>
      <div className="page-head usage-head">
        {title ?? (
          <h2 className="section-title">{isAdmin ? t('usage.everyone') : t('usage.yours')}</h2>
        )}
        <div className="usage-controls">
          {canSplit && (
            <label className="inline-field">
              {t('usage.splitBy')}{' '}
              <select
                value={split}
                onChange={(event) => setSplit(event.target.value as UsageGrouping)}
              >
                <option value="model">{t('usage.split.model')}</option>
                <option value="channel">{t('usage.split.channel')}</option>
              </select>
            </label>
          )}
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('usage.range')}</legend>
            {RANGES.map((value) => (
              <button
                key={value}
                type="button"
                className="button button-small"
                aria-pressed={range === value}
                onClick={() => setRange(value)}
              >
                {t(`usage.range.${value}`)}
              </button>
            ))}
          </fieldset>
        </div>
      </div>
      {/* A new key per choice: the charts load afresh instead of showing the old range. */}
      <UsageCharts
        key={`${range}-${split}`}
        range={range}
        split={canSplit ? split : 'model'}
        isAdmin={isAdmin}
        filter={filter}
      />
    </>
  );
}
