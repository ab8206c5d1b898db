import { LedgerError } from '../ledger-error';
import type { LedgerStore, ReservationState } from '../ports';
import { alreadyClosed, applyCharge } from './apply-charge';

export interface ReleaseReservationInput {
  readonly requestId: string;
  /** With a model, the failure is counted in the hourly rollup (requests and errors). */
  readonly model?: string;
  readonly channelId?: number | null;
}

export type ReleaseResult =
  | { readonly outcome: 'released'; readonly refunded: number }
  | { readonly outcome: 'already_closed'; readonly state: ReservationState };

/**
 * Gives the whole reservation back (the request failed before any output), in one
 * transaction; a second release, or a release after settlement, changes nothing.
 */
export function releaseReservation(
  store: LedgerStore,
  input: ReleaseReservationInput,
  now = Date.now(),
): Promise<ReleaseResult> {
  return store.transaction(async (repositories) => {
    // Read locked: a grant's row (quota-grants.ts) changes its amount with every draw, and a
    // refund of an amount read before a concurrent draw committed would give that draw back.
    const [reservation] = await repositories.quotaReservations.lockMany([input.requestId]);
    if (!reservation) {
      throw new LedgerError(
        'reservation_not_found',
        `No reservation for request ${input.requestId}`,
      );
    }
    if (reservation.state !== 'open')
      return { outcome: 'already_closed', state: reservation.state };
    const closed = await repositories.quotaReservations.close(
      input.requestId,
      { state: 'released' },
      now,
    );
    // Another instance closed it between the read and the update.
    if (!closed) return alreadyClosed(repositories, input.requestId);
    // The rollup before the accounts: SHARED_ROW_ORDER (batch-outcome.ts).
    if (input.model !== undefined) {
      await repositories.usageHourly.add({
        at: now,
        userId: reservation.userId,
        tokenId: reservation.tokenId ?? 0,
        model: input.model,
        channelId: input.channelId ?? 0,
        requests: 1,
        errors: 1,
      });
    }
    await applyCharge(repositories, reservation, 0, { countRequest: false, now });
    return { outcome: 'released', refunded: reservation.amount };
  });
}
