import { useState } from 'react';
import { getChannelBalance } from '../api/channels-api';
import type { ChannelBalance } from '../api/types';
import { useT } from '../i18n/use-t';
import { formatDate, formatMoney } from '../lib/format';

type Check =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly balance: ChannelBalance }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Asks the upstream for the channel's account balance on demand. Shown only for the types
 * whose provider has a balance endpoint (`hasBalance` in GET /api/providers).
 */
export function ChannelBalanceCheck({ channelId }: { channelId: number }) {
  const t = useT();
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  const run = async () => {
    setCheck({ kind: 'running' });
    try {
      setCheck({ kind: 'done', balance: await getChannelBalance(channelId) });
    } catch (error) {
      setCheck({ kind: 'failed', error });
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={check.kind === 'running'}
        onClick={() => void run()}
      >
        {check.kind === 'running' ? t('channels.checking') : t('channels.balance')}
      </button>
      <span className="balance-result" aria-live="polite">
        {check.kind === 'done' && (
          <span title={t('channels.checkedAt', { time: formatDate(check.balance.checkedAt) })}>
            {formatMoney(check.balance.amount, check.balance.currency)}
          </span>
        )}
        {check.kind === 'failed' && (
          <span className="test-error">
            {check.error instanceof Error ? check.error.message : String(check.error)}
          </span>
        )}
      </span>
    </>
  );
}
