import { LedgerError } from '../ledger-error';
import type { LedgerStore } from '../ports';
import { checkQuotaAmount } from '../quota';

export interface ReserveQuotaInput {
  /** Unique per request; the key of settlement, release and recovery. */
  readonly requestId: string;
  readonly userId: number;
  /** null for requests made with a user's access token rather than an API key. */
  readonly tokenId: number | null;
  /** Quota to hold: the estimate of the request's cost. */
  readonly amount: number;
  /** The lease of the gateway run holding it, so a survivor can recover it if this run dies. */
  readonly instanceId?: string | null;
}

/**
 * Holds `amount` against the user's quota and the token's remaining quota and records the
 * reservation, all in one transaction: both debits and the durable record happen, or none.
 * Each debit is a conditional single-statement update, so concurrent reservations can
 * never take a balance below zero. Unlimited tokens pass the token check (storage's
 * `debitRemainQuota`), never the user check.
 */
export async function reserveQuota(
  store: LedgerStore,
  input: ReserveQuotaInput,
  now = Date.now(),
): Promise<void> {
  checkQuotaAmount(input.amount, 'A reservation');
  try {
    await store.transaction(async (repositories) => {
      if (!(await repositories.users.debitQuota(input.userId, input.amount))) {
        throw userQuotaShort(input.amount);
      }
      if (
        input.tokenId !== null &&
        !(await repositories.tokens.debitRemainQuota(input.tokenId, input.amount))
      ) {
        throw tokenQuotaShort(input.amount);
      }
      await repositories.quotaReservations.create(
        {
          requestId: input.requestId,
          tokenId: input.tokenId,
          userId: input.userId,
          amount: input.amount,
          instanceId: input.instanceId ?? null,
        },
        now,
      );
    });
  } catch (error) {
    if (store.isDuplicateKey(error)) {
      throw new LedgerError(
        'duplicate_request',
        `The request id ${input.requestId} already has a reservation`,
        { cause: error },
      );
    }
    throw error;
  }
}

export const userQuotaShort = (amount: number) =>
  new LedgerError(
    'insufficient_quota',
    `Your quota is not enough for this request (it needs up to ${amount} quota); top up or lower max_tokens`,
  );

export const tokenQuotaShort = (amount: number) =>
  new LedgerError(
    'insufficient_quota',
    `This API key's remaining quota is not enough for this request (it needs up to ${amount} quota)`,
  );
