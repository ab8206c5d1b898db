import type { Channel } from '../api/types';
import { t } from '../i18n/t';

/** What the status cell says of a channel health took out, or of its retired keys. */
export interface Retirement {
  readonly reason: string;
  /** Epoch ms; null when no probe is planned (probes turned off, or not yet scheduled). */
  readonly nextProbeAt: number | null;
  /** Retired keys of a channel still in rotation on its other keys; 0 when the whole channel is out. */
  readonly retiredKeys: number;
}

/**
 * The reason a channel (or some of its keys) is out and when the gateway probes it next;
 * undefined when nothing is out. An auto-disabled channel always has one, so its row says
 * why rather than "not tested".
 */
export function retirementOf(channel: Channel): Retirement | undefined {
  if (channel.status === 'manually_disabled') return undefined;
  // One API's imported channels come auto-disabled with no reason recorded: say that much.
  const reason =
    channel.health?.reason ??
    (channel.status === 'auto_disabled'
      ? (channel.statusReason ?? t('channels.autoDisabledNoReason'))
      : null);
  if (!reason) return undefined;
  return {
    reason,
    nextProbeAt: channel.health?.nextProbeAt ?? null,
    retiredKeys: channel.status === 'auto_disabled' ? 0 : (channel.health?.retiredKeys ?? 0),
  };
}
