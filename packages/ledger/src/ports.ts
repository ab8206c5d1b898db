/*
 * What the ledger needs from a database, and nothing more. The names and signatures are
 * those of @oneapi/storage, so the gateway passes its `Storage` as is and checks the fit
 * with `storage satisfies LedgerStore`; the ledger never imports storage.
 */

export type ReservationState = 'open' | 'settled' | 'released';
export type LedgerLogType = 'consume' | 'topup' | 'manage' | 'system' | 'error' | 'audit';

export interface LedgerReservationRow {
  readonly requestId: string;
  readonly tokenId: number | null;
  readonly userId: number;
  /** Quota held. */
  readonly amount: number;
  /** What the settlement charged; null while open. */
  readonly charged: number | null;
  readonly state: ReservationState;
  /** Epoch ms. */
  readonly createdAt: number;
}

export type ReservationOutcome = { state: 'settled'; charged: number } | { state: 'released' };

/** A log entry as the ledger writes and reads it (a subset of storage's columns). */
export interface LedgerLogEntry {
  readonly type: LedgerLogType;
  readonly createdAt?: number;
  readonly userId?: number | null;
  readonly tokenId?: number | null;
  readonly channelId?: number | null;
  readonly model?: string | null;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cachedTokens?: number;
  /** True when the token counts come from the local tokenizer. */
  readonly usageEstimated?: boolean;
  readonly quota?: number;
  readonly requestId?: string | null;
  readonly isStream?: boolean;
  readonly elapsedMs?: number | null;
  readonly status?: number | null;
  readonly content?: string | null;
  /** The model name sent upstream after the channel's mapping. */
  readonly upstreamModel?: string | null;
  readonly firstTokenMs?: number | null;
  /** The router's attempt trail: one entry per upstream try. */
  readonly attempts?: readonly LedgerLogAttempt[] | null;
  readonly clientIp?: string | null;
}

export interface LedgerLogAttempt {
  readonly channelId: number;
  readonly keyIndex?: number;
  readonly status?: number;
  readonly errorClass?: string;
  readonly latencyMs?: number;
}

/** Columns of the consume log the caller supplies to a settlement. */
export type RequestLogDetails = Pick<
  LedgerLogEntry,
  | 'isStream'
  | 'elapsedMs'
  | 'status'
  | 'content'
  | 'upstreamModel'
  | 'firstTokenMs'
  | 'attempts'
  | 'clientIp'
>;

export interface LedgerUsageIncrement {
  readonly at: number;
  readonly userId: number;
  /** 0 for requests made without an API key. */
  readonly tokenId: number;
  readonly model: string;
  /** 0 when no channel was reached. */
  readonly channelId: number;
  readonly requests?: number;
  readonly errors?: number;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cachedTokens?: number;
  readonly quota?: number;
}

export interface LedgerRepositories {
  readonly users: {
    /**
     * Takes `amount` only if that much remains; false when it does not. With `change`, that
     * change is applied in the same statement and counts toward what remains; when false,
     * nothing is written.
     */
    debitQuota(
      id: number,
      amount: number,
      change?: { quota?: number; usedQuota?: number; requestCount?: number },
    ): Promise<boolean>;
    /** Unconditional signed changes. */
    applyQuotaChange(
      id: number,
      change: { quota?: number; usedQuota?: number; requestCount?: number },
    ): Promise<boolean>;
    /**
     * Takes `amount`, without a floor, only when no open reservation has `grantRequestId`:
     * a charge drawn from a quota grant that recovery had closed comes out of the account.
     */
    chargeUnlessOpen(id: number, amount: number, grantRequestId: string): Promise<void>;
  };
  readonly tokens: {
    /** Takes `amount` if the token covers it; unlimited tokens always pass. `change` as above. */
    debitRemainQuota(
      id: number,
      amount: number,
      change?: { remainQuota?: number; usedQuota?: number; lastUsedAt?: number },
    ): Promise<boolean>;
    applyQuotaChange(
      id: number,
      change: { remainQuota?: number; usedQuota?: number; lastUsedAt?: number },
    ): Promise<boolean>;
    /** As `users.chargeUnlessOpen`, for the key's remaining quota. */
    chargeUnlessOpen(id: number, amount: number, grantRequestId: string): Promise<void>;
  };
  readonly channels: {
    addUsedQuota(id: number, quota: number): Promise<void>;
  };
  readonly quotaReservations: {
    /** Rejects with an error `isDuplicateKey` recognizes when the request id is taken. */
    create(
      reservation: {
        requestId: string;
        tokenId: number | null;
        userId: number;
        amount: number;
        /** The lease of the gateway run holding it; absent: recovered by age only. */
        instanceId?: string | null;
      },
      now?: number,
    ): Promise<void>;
    /** Several in one statement; a taken request id fails them all (see `create`). */
    createMany(
      reservations: ReadonlyArray<{
        requestId: string;
        tokenId: number | null;
        userId: number;
        amount: number;
        instanceId?: string | null;
      }>,
      now?: number,
    ): Promise<void>;
    findByRequestId(requestId: string): Promise<LedgerReservationRow | undefined>;
    /**
     * Takes `amount` out of an open reservation, which stays open with the rest (a quota
     * grant's charge); false, with nothing written, when it is closed or missing.
     */
    drawDown(requestId: string, amount: number): Promise<boolean>;
    /**
     * The rows of these request ids, locked until the transaction ends, so that no other
     * transaction can close one between this read and `closeMany`.
     */
    lockMany(requestIds: readonly string[]): Promise<LedgerReservationRow[]>;
    /** Closes the open ones among these in one statement; returns how many it closed. */
    closeMany(
      closes: ReadonlyArray<{ requestId: string; outcome: ReservationOutcome; now: number }>,
    ): Promise<number>;
    /** True for the first close only: the idempotency gate of settlement. */
    close(requestId: string, outcome: ReservationOutcome, now?: number): Promise<boolean>;
    listOpenBefore(cutoff: number, limit?: number): Promise<LedgerReservationRow[]>;
    /** Open reservations of instances whose lease was taken by `instanceLeases.takeExpired`. */
    listOpenOfLapsedInstances(limit?: number): Promise<LedgerReservationRow[]>;
  };
  readonly instanceLeases: {
    /** Deletes lapsed leases (by the database's clock) and returns their ids, each to one caller. */
    takeExpired(limit?: number): Promise<string[]>;
  };
  readonly quotaAdjustments: {
    /** Rejects with an error `isDuplicateKey` recognizes when the idempotency key is taken. */
    create(
      adjustment: {
        idempotencyKey: string;
        userId: number;
        amount: number;
        reason: string;
        actorId: number | null;
      },
      now?: number,
    ): Promise<number>;
    findByKey(
      idempotencyKey: string,
    ): Promise<
      { readonly id: number; readonly userId: number; readonly amount: number } | undefined
    >;
  };
  readonly redemptionCodes: {
    createMany(
      codes: ReadonlyArray<{
        name: string;
        codeHash: string;
        quota: number;
        expiresAt?: number | null;
        createdBy?: number | null;
      }>,
      now?: number,
    ): Promise<void>;
    findByHash(codeHash: string): Promise<{ readonly quota: number } | undefined>;
    /** True for exactly one of any number of concurrent attempts. */
    markRedeemed(codeHash: string, userId: number, now?: number): Promise<boolean>;
  };
  readonly usageHourly: {
    add(increment: LedgerUsageIncrement): Promise<void>;
    /** Many increments in one statement; those of the same hour and key are summed. */
    addMany(increments: readonly LedgerUsageIncrement[]): Promise<void>;
  };
  readonly logs: {
    insertMany(entries: readonly LedgerLogEntry[], now?: number): Promise<void>;
    listByRequestId(requestId: string): Promise<LedgerLogEntry[]>;
  };
}

/** A database that runs `work` in one write transaction (retrying it on deadlocks). */
export interface LedgerStore {
  transaction<T>(work: (repositories: LedgerRepositories) => Promise<T>): Promise<T>;
  /**
   * Optional: `work`'s writes, atomic, in one round trip (PostgreSQL sends them as one
   * script after `work` has run). Its statements answer `work` "no rows, nothing changed",
   * so the ledger gives it only writes that need no answer: a batch of settlements drawn
   * from quota grants. Without it, such a batch is a transaction like any other.
   */
  writeInOneTrip?<T>(work: (repositories: LedgerRepositories) => Promise<T>): Promise<T>;
  /**
   * True when `error` is this database refusing a second row with the same unique key (a
   * taken request id or idempotency key). The store knows its driver's error codes; the
   * ledger does not.
   */
  isDuplicateKey(error: unknown): boolean;
}
