import { isLedgerError } from './ledger-error';
import { type LedgerMetrics, noopMetrics } from './metrics';
import type { LedgerStore, RequestLogDetails } from './ports';
import { toHoldUsage } from './prices/hold-usage';
import type { BillableUsage } from './prices/model-price';
import type { PriceTable, PriceTerms } from './prices/price-table';
import { checkQuotaAmount } from './quota';
import { createLedgerBatcher } from './reservations/ledger-batcher';
import {
  createQuotaGrants,
  QUOTA_GRANT_DEFAULTS,
  type QuotaGrantOptions,
} from './reservations/quota-grants';
import {
  type RecoveryReport,
  recoverLapsedInstances,
  recoverStaleReservations,
} from './reservations/recover-reservations';
import type { ReleaseResult } from './reservations/release-reservation';
import type { SettleResult } from './reservations/settle-reservation';

/** Completion tokens held (and sent upstream as the cap) when a request sets no max_tokens. */
export const DEFAULT_MAX_TOKENS = 4096;

export interface LedgerOptions {
  readonly store: LedgerStore;
  readonly prices: PriceTable;
  readonly metrics?: LedgerMetrics;
  /**
   * Completion tokens held for a request that sets no max_tokens. Default
   * `DEFAULT_MAX_TOKENS`. The hold is an upper bound only if the upstream is told the same
   * limit: a caller that relays such a request sends this cap upstream (the gateway does).
   */
  readonly defaultMaxTokens?: number;
  /** Age after which an open reservation is recovered. Default one hour. */
  readonly staleReservationMs?: number;
  /**
   * This gateway run's instance lease, recorded on every reservation so that another
   * instance recovers it soon after this one dies (docs/decisions/0004-instance-leases.md).
   * Absent: reservations are recovered by age only.
   */
  readonly instanceId?: () => string | null;
  readonly now?: () => number;
  /**
   * How recently the previous batch must have ended (ms) for a small batch to wait one more
   * turn of the event loop, so that the next turn's requests share its commit. Default
   * `BATCH_LINGER_MS`; 0 never waits. A quiet ledger commits at once either way.
   */
  readonly batchLingerMs?: number;
  /**
   * Escrow grants for hot accounts (docs/decisions/0005-group-commit-ledger.md, step 2):
   * `true` for `QUOTA_GRANT_DEFAULTS`, or the settings. Off by default. With grants, an
   * account's balance reads lower by its outstanding grants until they go back: when they
   * run short or their life ends, a second after the account cools, at `close`, or by
   * recovery when the instance dies.
   */
  readonly grants?: boolean | Partial<QuotaGrantOptions>;
  /** Errors of background work (grants taken and given back); default: ignored. */
  readonly onBackgroundError?: (error: unknown) => void;
}

export interface ReserveRequest {
  readonly requestId: string;
  readonly userId: number;
  readonly tokenId: number | null;
  readonly model: string;
  /** The group whose ratio applies: the token's group, else its owner's. */
  readonly group: string;
  /** An upper bound of the prompt tokens the provider can bill for the request. */
  readonly promptTokens: number;
  /**
   * The most completion tokens the upstream may produce: the request's max_tokens (or
   * max_completion_tokens), or the cap the caller sent upstream; absent: `defaultMaxTokens`.
   */
  readonly maxTokens?: number | null;
  readonly images?: number;
  readonly audioSeconds?: number;
  readonly characters?: number;
}

/** An open reservation, as `reserve` returns it; pass it back to settle or release. */
export interface Reservation {
  readonly requestId: string;
  readonly userId: number;
  readonly tokenId: number | null;
  readonly model: string;
  readonly group: string;
  readonly amount: number;
  /**
   * The price and group ratio at admission: settlement bills on them, so an admin's price
   * edit applies to requests admitted after it, never to one already running.
   */
  readonly terms?: PriceTerms;
}

export type ReservationRef = Pick<Reservation, 'requestId' | 'model' | 'group' | 'terms'>;

export interface SettleRequest {
  readonly channelId: number | null;
  /** The provider's usage; `estimated: true` when it sent none and the tokenizer counted. */
  readonly usage: BillableUsage & { readonly estimated?: boolean };
  readonly log?: RequestLogDetails;
}

export interface CutStreamRequest {
  readonly channelId: number | null;
  /** Prompt tokens (the provider's if it reported them, else the tokenizer's). */
  readonly promptTokens: number;
  readonly cachedTokens?: number;
  /** Completion tokens the client actually received, counted by the tokenizer. */
  readonly deliveredTokens: number;
  readonly log?: RequestLogDetails;
}

export interface Ledger {
  /**
   * The quota a request will hold: its prompt bound (at the dearest input rate) plus its
   * completion bound, priced, so that any usage within those bounds costs at most this.
   */
  estimate(request: Omit<ReserveRequest, 'requestId' | 'userId' | 'tokenId'>): number;
  /** Holds the estimate; throws `insufficient_quota` when the user or token cannot cover it. */
  reserve(request: ReserveRequest): Promise<Reservation>;
  /** Charges the actual usage and returns the rest; a second call changes nothing. */
  settle(reservation: ReservationRef, request: SettleRequest): Promise<SettleResult>;
  /** Bills a stream cut by the client or the upstream: prompt plus delivered tokens. */
  settleCutStream(reservation: ReservationRef, request: CutStreamRequest): Promise<SettleResult>;
  /** Returns the whole reservation: the request failed before any output. */
  release(
    reservation: ReservationRef,
    options?: { channelId?: number | null },
  ): Promise<ReleaseResult>;
  /**
   * Settles or releases what crashed instances left open: the reservations of instances
   * whose lease has lapsed, then any older than `staleReservationMs`.
   */
  recover(): Promise<RecoveryReport>;
  /**
   * Resolves once every reserve, settle and release asked for so far has committed or
   * failed, and no quota grant is being taken or given back: they share batched commits.
   */
  idle(): Promise<void>;
  /**
   * A clean stop: gives back this instance's quota grants, then waits as `idle` does. Call it
   * once the requests have drained, before closing the store.
   */
  close(): Promise<void>;
  /** Runs `recover` now and every `intervalMs`; returns a function that stops it. */
  startRecovery(intervalMs: number, onError?: (error: unknown) => void): () => void;
}

/** A full Reservation (as `reserve` returned it) spares settlement reading it back. */
function heldPart(reservation: ReservationRef | Reservation) {
  return 'amount' in reservation && 'userId' in reservation ? { held: reservation } : {};
}

export function createLedger(options: LedgerOptions): Ledger {
  const { store, prices } = options;
  const metrics = options.metrics ?? noopMetrics;
  const now = options.now ?? Date.now;
  const defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
  const staleAfterMs = options.staleReservationMs ?? 3_600_000;

  const holdOn = (
    terms: PriceTerms,
    request: Omit<ReserveRequest, 'requestId' | 'userId' | 'tokenId'>,
  ) =>
    prices.quoteOn(
      terms,
      toHoldUsage(terms.price, {
        promptTokens: request.promptTokens,
        completionTokens: request.maxTokens ?? defaultMaxTokens,
        images: request.images,
        audioSeconds: request.audioSeconds,
        characters: request.characters,
      }),
    );

  const estimate: Ledger['estimate'] = (request) =>
    holdOn(prices.termsOf(request.model, request.group), request);

  const countSettlement = (result: SettleResult, reserved: number | undefined) => {
    if (result.outcome !== 'settled') return result;
    metrics.increment('reservations_settled');
    if (reserved !== undefined && result.refunded < 0)
      metrics.increment('settlements_over_estimate');
    return result;
  };

  const quoteFor = (reservation: ReservationRef, usage: BillableUsage) =>
    reservation.terms
      ? prices.quoteOn(reservation.terms, usage)
      : prices.quote(reservation.model, reservation.group, usage);

  const instanceId = options.instanceId ?? (() => null);
  // Concurrent holds and settlements share commits (docs/decisions/0005-group-commit-ledger.md).
  const batcher = createLedgerBatcher(store, { lingerMs: options.batchLingerMs });
  const grants = options.grants
    ? createQuotaGrants({
        store,
        batcher,
        instanceId,
        now,
        grants: { ...QUOTA_GRANT_DEFAULTS, ...(options.grants === true ? {} : options.grants) },
        onError: options.onBackgroundError ?? (() => {}),
      })
    : undefined;

  const closeHold: NonNullable<typeof grants>['closeHold'] = (requestId, close) =>
    grants ? grants.closeHold(requestId, close) : close(undefined);

  const recover = async (): Promise<RecoveryReport> => {
    const lapsed = await recoverLapsedInstances(store, { metrics }, now());
    const stale = await recoverStaleReservations(store, { staleAfterMs, metrics }, now());
    return {
      settled: lapsed.settled + stale.settled,
      released: lapsed.released + stale.released,
    };
  };

  return {
    estimate,

    async reserve(request) {
      // The hold and the settlement are priced on the same terms.
      const terms = prices.termsOf(request.model, request.group);
      const amount = holdOn(terms, request);
      const holdInDatabase = () =>
        batcher.hold(
          {
            requestId: request.requestId,
            userId: request.userId,
            tokenId: request.tokenId,
            amount,
            instanceId: instanceId(),
          },
          now(),
        );
      try {
        checkQuotaAmount(amount, 'A reservation');
        if (!grants?.hold(request, amount)) {
          await holdInDatabase().catch(async (error: unknown) => {
            // Refused while this instance's grants sat on the user's quota: they go back
            // (what their open holds do not need), and the hold is tried once more.
            const short = isLedgerError(error) && error.code === 'insufficient_quota';
            if (!short || !(await grants?.giveBackOf(request.userId))) throw error;
            await holdInDatabase();
          });
        }
      } catch (error) {
        if (isLedgerError(error) && error.code === 'insufficient_quota') {
          metrics.increment('reservations_refused');
        }
        throw error;
      }
      metrics.increment('reservations_created');
      const { requestId, userId, tokenId, model, group } = request;
      return { requestId, userId, tokenId, model, group, amount, terms };
    },

    async settle(reservation, request) {
      const charged = quoteFor(reservation, request.usage);
      const result = await closeHold(reservation.requestId, (draw) =>
        batcher.settle(
          {
            requestId: reservation.requestId,
            ...heldPart(reservation),
            charged,
            // The tokenizer's count of what the upstream wrote (it reported none) can exceed
            // the cap the upstream was held to; the hold bounds what it could have billed.
            ...(request.usage.estimated === true && { capAtReservation: true }),
            model: reservation.model,
            channelId: request.channelId,
            usage: request.usage,
            ...(request.log && { log: request.log }),
          },
          now(),
          draw,
        ),
      );
      return countSettlement(result, charged);
    },

    async settleCutStream(reservation, request) {
      const usage = {
        promptTokens: request.promptTokens,
        completionTokens: request.deliveredTokens,
        cachedTokens: request.cachedTokens ?? 0,
      };
      // Rounded up, so delivered tokens of a priced model never cost 0; capped at the
      // reservation, so a cut stream never pays more than was held for it.
      const charged = quoteFor(reservation, usage);
      const result = await closeHold(reservation.requestId, (draw) =>
        batcher.settle(
          {
            requestId: reservation.requestId,
            ...heldPart(reservation),
            charged,
            capAtReservation: true,
            model: reservation.model,
            channelId: request.channelId,
            usage: { ...usage, estimated: true },
            ...(request.log && { log: request.log }),
          },
          now(),
          draw,
        ),
      );
      return countSettlement(result, undefined);
    },

    async release(reservation, releaseOptions = {}) {
      const result = await closeHold(reservation.requestId, (draw) =>
        batcher.release(
          {
            requestId: reservation.requestId,
            model: reservation.model,
            channelId: releaseOptions.channelId ?? null,
          },
          now(),
          draw,
        ),
      );
      if (result.outcome === 'released') metrics.increment('reservations_released');
      return result;
    },

    recover,

    async idle() {
      // Grants taken or given back in the background write through the batch too.
      await grants?.idle();
      await batcher.idle();
    },

    async close() {
      await grants?.giveBackAll();
      await batcher.idle();
    },

    startRecovery(intervalMs, onError = () => {}) {
      // One pass at a time per instance: a slow database must not pile passes up.
      let running = false;
      const run = () => {
        if (running) return;
        running = true;
        recover()
          .catch(onError)
          .finally(() => {
            running = false;
          });
      };
      run();
      const timer = setInterval(run, intervalMs);
      // Recovery alone must not keep the process alive.
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
