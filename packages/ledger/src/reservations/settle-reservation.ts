import { LedgerError } from '../ledger-error';
import type {
  LedgerLogEntry,
  LedgerRepositories,
  LedgerReservationRow,
  LedgerStore,
  LedgerUsageIncrement,
  RequestLogDetails,
  ReservationState,
} from '../ports';
import { checkQuotaAmount } from '../quota';
import { alreadyClosed, applyCharge } from './apply-charge';

/** Token counts as the provider reported them, or as the local tokenizer estimated them. */
export interface SettledUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens?: number;
  /** True when the counts come from the local tokenizer (the provider sent none). */
  readonly estimated?: boolean;
}

export interface SettleReservationInput {
  readonly requestId: string;
  /** Quota the request actually cost. */
  readonly charged: number;
  /** Charge at most what was reserved (a cut stream is billed from an estimate). */
  readonly capAtReservation?: boolean;
  readonly model: string;
  /** The channel that served the request; null when none did. */
  readonly channelId: number | null;
  readonly usage: SettledUsage;
  /**
   * Extra columns of the consume log written in the settlement transaction, or false when
   * the caller has already logged this request (recovery from the log).
   */
  readonly log?: false | RequestLogDetails;
  /**
   * The reservation as the instance that made it holds it in memory. Given, settlement does
   * not read it back: the conditional close alone decides whether it is still open.
   */
  readonly held?: HeldReservation;
}

/** What settlement needs of a reservation. */
export type HeldReservation = Pick<LedgerReservationRow, 'userId' | 'tokenId' | 'amount'>;

export type SettleResult =
  | {
      readonly outcome: 'settled';
      readonly charged: number;
      /** Returned to the balances; negative when the charge exceeded the reservation. */
      readonly refunded: number;
    }
  /** Already closed before: nothing changed. */
  | { readonly outcome: 'already_closed'; readonly state: ReservationState };

/**
 * Settles a reservation in one transaction: closes it (the idempotency gate: a second
 * settlement finds it closed and changes nothing), returns the unused quota, counts the
 * charge on the user, token and channel, adds the hourly rollup and writes the consume log.
 * A charge above the reservation takes the difference unconditionally, so a balance can go
 * below zero by at most one request's estimate error.
 */
export function settleReservation(
  store: LedgerStore,
  input: SettleReservationInput,
  now = Date.now(),
): Promise<SettleResult> {
  checkQuotaAmount(input.charged, 'A charge');
  return store.transaction(async (repositories) => {
    const stored = input.held
      ? undefined
      : await repositories.quotaReservations.findByRequestId(input.requestId);
    if (stored && stored.state !== 'open')
      return { outcome: 'already_closed', state: stored.state };
    const reservation = input.held ?? stored;
    if (!reservation) throw reservationNotFound(input.requestId);
    const charged = input.capAtReservation
      ? Math.min(input.charged, reservation.amount)
      : input.charged;
    const closed = await repositories.quotaReservations.close(
      input.requestId,
      { state: 'settled', charged },
      now,
    );
    // Closed before (by another instance between the read and the update, or by recovery).
    if (!closed) {
      if (input.held && !(await repositories.quotaReservations.findByRequestId(input.requestId)))
        throw reservationNotFound(input.requestId);
      return alreadyClosed(repositories, input.requestId);
    }
    // Rollup and channel before the accounts: SHARED_ROW_ORDER (batch-outcome.ts).
    await recordUsage(repositories, input, reservation, charged, now);
    await applyCharge(repositories, reservation, charged, { countRequest: true, now });
    return { outcome: 'settled', charged, refunded: reservation.amount - charged };
  });
}

export function reservationNotFound(requestId: string): LedgerError {
  return new LedgerError('reservation_not_found', `No reservation for request ${requestId}`);
}

async function recordUsage(
  repositories: LedgerRepositories,
  input: SettleReservationInput,
  reservation: SettledReservation,
  charged: number,
  now: number,
): Promise<void> {
  if (input.log !== false)
    await repositories.logs.insertMany([consumeLogOf(input, reservation, charged, now)], now);
  await repositories.usageHourly.add(usageIncrementOf(input, reservation, charged, now));
  if (input.channelId !== null) await repositories.channels.addUsedQuota(input.channelId, charged);
}

type SettledReservation = Pick<LedgerReservationRow, 'userId' | 'tokenId'>;

/** The hourly rollup's share of one settlement. */
export function usageIncrementOf(
  input: SettleReservationInput,
  reservation: SettledReservation,
  charged: number,
  now: number,
): LedgerUsageIncrement {
  return {
    at: now,
    userId: reservation.userId,
    tokenId: reservation.tokenId ?? 0,
    model: input.model,
    channelId: input.channelId ?? 0,
    requests: 1,
    promptTokens: input.usage.promptTokens,
    completionTokens: input.usage.completionTokens,
    cachedTokens: input.usage.cachedTokens ?? 0,
    quota: charged,
  };
}

/** The consume log row of one settlement. */
export function consumeLogOf(
  input: SettleReservationInput,
  reservation: SettledReservation,
  charged: number,
  now: number,
): LedgerLogEntry {
  // Field by field: a spread of the caller's details took their many shapes (streams,
  // errors, retries) and went megamorphic on the settlement path.
  const log = input.log || undefined;
  return {
    isStream: log?.isStream,
    elapsedMs: log?.elapsedMs,
    status: log?.status,
    content: log?.content,
    upstreamModel: log?.upstreamModel,
    firstTokenMs: log?.firstTokenMs,
    attempts: log?.attempts,
    clientIp: log?.clientIp,
    type: 'consume' as const,
    createdAt: now,
    userId: reservation.userId,
    tokenId: reservation.tokenId,
    channelId: input.channelId,
    model: input.model,
    promptTokens: input.usage.promptTokens,
    completionTokens: input.usage.completionTokens,
    cachedTokens: input.usage.cachedTokens ?? 0,
    usageEstimated: input.usage.estimated ?? false,
    quota: charged,
    requestId: input.requestId,
    // Every column named, so one added to the log entry fails to compile until it is set here.
  } satisfies Record<keyof LedgerLogEntry, unknown>;
}
