import type { MessageKey } from '../i18n/t';
import { useT } from '../i18n/use-t';

/** A coloured word for an enabled, disabled (or used-up) or otherwise stopped record. */
export function StatusBadge({
  status,
}: {
  status: 'enabled' | 'disabled' | 'expired' | 'exhausted' | 'redeemed' | ChannelState;
}) {
  const t = useT();
  const tone =
    status === 'enabled'
      ? 'good'
      : status === 'manually_disabled' || status === 'disabled' || status === 'redeemed'
        ? 'muted'
        : 'bad';
  const key: MessageKey = `status.${status}`;
  return <span className={`badge badge-${tone}`}>{t(key)}</span>;
}

type ChannelState = 'manually_disabled' | 'auto_disabled';
