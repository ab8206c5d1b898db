import type { BulkAction } from '../api/channels-api';
import { t } from '../i18n/t';

/**
 * The outcome of a bulk action in words. The server counts only the channels that changed,
 * so fewer than asked means the others were in that state already (or deleted meanwhile).
 */
export function describeBulkOutcome(
  action: BulkAction,
  affected: number,
  requested: number,
): string {
  if (affected >= requested)
    return t(`bulk.done.${action}`, { channels: t('bulk.channels', { count: affected }) });
  const done = t(`bulk.partly.${action}`, {
    affected,
    channels: t('bulk.channels', { count: requested }),
  });
  const rest = t(`bulk.unchanged.${action}`, { others: requested - affected });
  return t('bulk.partlyOutcome', { done, rest });
}
