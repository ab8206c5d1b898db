import type { BulkAction } from '../api/channels-api';

/** Why a channel asked for did not change: [one, several]. */
const UNCHANGED: Record<BulkAction, readonly [string, string]> = {
  enable: ['was already enabled or is gone', 'were already enabled or are gone'],
  disable: ['was already disabled or is gone', 'were already disabled or are gone'],
  delete: ['was already gone', 'were already gone'],
};

const VERB: Record<BulkAction, string> = {
  enable: 'Enabled',
  disable: 'Disabled',
  delete: 'Deleted',
};

const channels = (count: number) => `${count} ${count === 1 ? 'channel' : 'channels'}`;

/**
 * The outcome of a bulk action in words. The server counts only the channels that changed,
 * so fewer than asked means the others were in that state already (or deleted meanwhile).
 */
export function describeBulkOutcome(
  action: BulkAction,
  affected: number,
  requested: number,
): string {
  if (affected >= requested) return `${VERB[action]} ${channels(affected)}.`;
  const others = requested - affected;
  const [one, several] = UNCHANGED[action];
  const rest = others === 1 ? `the other one ${one}` : `the other ${others} ${several}`;
  return `${VERB[action]} ${affected} of ${channels(requested)}; ${rest}.`;
}
