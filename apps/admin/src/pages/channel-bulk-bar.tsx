import { useState } from 'react';
import { type BulkAction, bulkChangeChannels } from '../api/channels-api';
import { ErrorBanner } from '../components/error-banner';
import type { MessageKey } from '../i18n/t';
import { useT } from '../i18n/use-t';
import { describeBulkOutcome } from '../lib/channel-bulk';

const ACTIONS: readonly { action: BulkAction; label: MessageKey; danger?: boolean }[] = [
  { action: 'enable', label: 'bulk.enable' },
  { action: 'disable', label: 'bulk.disable' },
  { action: 'delete', label: 'bulk.delete', danger: true },
];

/** Enable, disable or delete the ticked channels in one request, and say what changed. */
export function ChannelBulkBar({
  selected,
  onDone,
}: {
  selected: readonly number[];
  onDone: () => void;
}) {
  const t = useT();
  const [running, setRunning] = useState<BulkAction | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const count = selected.length;

  const run = async (action: BulkAction) => {
    if (action === 'delete' && !window.confirm(t('bulk.deleteConfirm', { count }))) return;
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
      <div className="actions" role="toolbar" aria-label={t('bulk.toolbar')}>
        <span className="bulk-count">
          {count === 0 ? t('bulk.hint') : t('bulk.selected', { count })}
        </span>
        {ACTIONS.map(({ action, label, danger }) => (
          <button
            key={action}
            type="button"
            className={danger ? 'button button-small button-danger' : 'button button-small'}
            disabled={count === 0 || running !== null}
            onClick={() => void run(action)}
          >
            {running === action ? t('bulk.working') : t(label)}
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
