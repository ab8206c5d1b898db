import type { LedgerRepositories, LedgerReservationRow, ReservationState } from '../ports';

/**
 * Gives back `amount - charged` to the user and the token (negative when the charge was
 * larger than the estimate: the extra is taken unconditionally) and counts the charge as
 * used. Runs inside the transaction that closed the reservation.
 */
export async function applyCharge(
  repositories: LedgerRepositories,
  reservation: Pick<LedgerReservationRow, 'userId' | 'tokenId' | 'amount'>,
  charged: number,
  options: { countRequest: boolean; now: number },
): Promise<void> {
  const refund = reservation.amount - charged;
  await repositories.users.applyQuotaChange(reservation.userId, {
    quota: refund,
    usedQuota: charged,
    requestCount: options.countRequest ? 1 : 0,
  });
  if (reservation.tokenId !== null) {
    await repositories.tokens.applyQuotaChange(reservation.tokenId, {
      remainQuota: refund,
      usedQuota: charged,
      lastUsedAt: options.now,
    });
  }
}

/** The answer to a second settle or release: what the first one decided. */
export async function alreadyClosed(
  repositories: LedgerRepositories,
  requestId: string,
): Promise<{ outcome: 'already_closed'; state: ReservationState }> {
  const reservation = await repositories.quotaReservations.findByRequestId(requestId);
  return { outcome: 'already_closed', state: reservation?.state ?? 'settled' };
}
