import { useState } from 'react';
import type { UsageGrouping } from '../api/usage-api';
import { USAGE_RANGES, type UsageRange } from '../lib/usage-series';
import { UsageCharts } from './usage-charts';

const RANGES = Object.keys(USAGE_RANGES) as UsageRange[];

/** The Overview's usage: a range to choose and, for admins, what to split spend by. */
export function UsageSection({ isAdmin }: { isAdmin: boolean }) {
  const [range, setRange] = useState<UsageRange>('24h');
  const [split, setSplit] = useState<UsageGrouping>('model');
  return (
    <>
      <div className="page-head usage-head">
        <h2 className="section-title">{isAdmin ? 'Usage, everyone' : 'Your usage'}</h2>
        <div className="usage-controls">
          {isAdmin && (
            <label className="inline-field">
              Split by{' '}
              <select
                value={split}
                onChange={(event) => setSplit(event.target.value as UsageGrouping)}
              >
                <option value="model">model</option>
                <option value="channel">channel</option>
              </select>
            </label>
          )}
          <fieldset className="segmented">
            <legend className="visually-hidden">Range</legend>
            {RANGES.map((value) => (
              <button
                key={value}
                type="button"
                className="button button-small"
                aria-pressed={range === value}
                onClick={() => setRange(value)}
              >
                {USAGE_RANGES[value].label}
              </button>
            ))}
          </fieldset>
        </div>
      </div>
      {/* A new key per choice: the charts load afresh instead of showing the old range. */}
      <UsageCharts key={`${range}-${split}`} range={range} split={split} isAdmin={isAdmin} />
    </>
  );
}
