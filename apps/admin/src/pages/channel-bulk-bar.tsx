import { useState } from 'react';
import { type BulkAction, bulkChangeChannels } from '../api/channels-api';
import { ErrorBanner } from '../components/error-banner';
import { describeBulkOutcome } from '../lib/channel-bulk';

const ACTIONS: readonly { action: BulkAction; label: string; danger?: boolean }[] = [
  { action: 'enable', label: 'Enable selected' },
  { action: 'disable', label: 'Disable selected' },
  { action: 'delete', label: 'Delete selected', danger: true },
];

/** Enable, disable or delete the ticked channels in one request, and say what changed. */
export function ChannelBulkBar({
  selected,
  onDone,
}: {
  selected: readonly number[];
  onDone: () => void;
}) {
  const [running, setRunning] = useState<BulkAction | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const count = selected.length;

  const run = async (action: BulkAction) => {
    const noun = count === 1 ? 'channel' : 'channels';
    if (action === 'delete' && !window.confirm(`Delete ${count} ${noun}? This cannot be undone.`))
      return;
    setRunning(action);
    setOutcome(null);
    setError(null);
    try {
      const { affected } = await bulkChangeChannels(selected, action);
      setOutcome(describeBulkOutcome(action, affected, count));
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(null);
    }
  };

  return (
    <div className="bulk-bar">
      <div className="actions" role="toolbar" aria-label="Selected channels">
        <span className="bulk-count">
          {count === 0 ? 'Tick channels to change several at once' : `${count} selected`}
        </span>
        {ACTIONS.map(({ action, label, danger }) => (
          <button
            key={action}
            type="button"
            className={danger ? 'button button-small button-danger' : 'button button-small'}
            disabled={count === 0 || running !== null}
            onClick={() => void run(action)}
          >
            {running === action ? 'Working…' : label}
          </button>
        ))}
      </div>
      {outcome && (
        <p className="banner banner-success" role="status">
          {outcome}
        </p>
      )}
      <ErrorBanner error={error} />
    </div>
  );
}
