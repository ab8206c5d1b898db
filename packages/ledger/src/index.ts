export {
  type CutStreamRequest,
  createLedger,
  DEFAULT_MAX_TOKENS,
  type Ledger,
  type LedgerOptions,
  type Reservation,
  type ReservationRef,
  type ReserveRequest,
  type SettleRequest,
} from './create-ledger';
export {
  isLedgerError,
  LedgerError,
  type LedgerErrorCode,
  type OpenAIErrorBody,
} from './ledger-error';
export {
  type CounterMetrics,
  createCounterMetrics,
  type LedgerMetricName,
  type LedgerMetrics,
  noopMetrics,
} from './metrics';
export type {
  LedgerLogAttempt,
  LedgerLogEntry,
  LedgerRepositories,
  LedgerReservationRow,
  LedgerStore,
  LedgerUsageIncrement,
  RequestLogDetails,
  ReservationOutcome,
  ReservationState,
} from './ports';
export { computeQuota } from './prices/compute-quota';
export {
  DEFAULT_GROUP_RATIOS,
  DEFAULT_MODEL_PRICES,
  DEFAULT_PRICES_AS_OF,
} from './prices/default-prices';
export {
  type BillableUsage,
  type LongContextPrices,
  type ModelPrice,
  type PricingMode,
  pricingModeOf,
  type TokenPrices,
} from './prices/model-price';
export {
  createPriceTable,
  type PriceTable,
  type PriceTableOptions,
  type PriceTerms,
} from './prices/price-table';
export {
  cheaperLongContextClasses,
  type EffectiveTokenPrices,
  resolveTokenPrices,
  tokenPricesAt,
} from './prices/token-prices';
export { QUOTA_PER_UNIT, quotaToUsd, usdToQuota } from './quota';
export type {
  ConcurrencyLease,
  CounterStore,
  RateLimitDecision,
  RateLimitRule,
  RuleState,
} from './rate-limit/counter-store';
export {
  createFallbackCounterStore,
  type FallbackCounterStoreOptions,
} from './rate-limit/fallback-counter-store';
export { createMemoryCounterStore } from './rate-limit/memory-counter-store';
export {
  ipRateLimitRules,
  type MinuteLimits,
  type RateLimitPolicy,
  type RelayRateLimitSubject,
  relayRateLimitRules,
} from './rate-limit/rate-limit-policy';
export {
  formatResetDuration,
  rateLimitHeaders,
  toRateLimitError,
} from './rate-limit/rate-limit-response';
export { type InviteRewardOptions, rewardInvite } from './recharge/invite-rewards';
export {
  type CreatedRechargeCodes,
  type CreateRechargeCodesInput,
  createRechargeCodes,
  hashRechargeCode,
  redeemRechargeCode,
} from './recharge/recharge-codes';
export { type TopUpInput, type TopUpResult, topUp } from './recharge/top-up';
export { BATCH_LINGER_MS } from './reservations/ledger-batcher';
export {
  QUOTA_GRANT_DEFAULTS,
  type QuotaGrantOptions,
} from './reservations/quota-grants';
export {
  type RecoverReservationsOptions,
  type RecoveryReport,
  recoverLapsedInstances,
  recoverStaleReservations,
} from './reservations/recover-reservations';
export {
  type ReleaseReservationInput,
  type ReleaseResult,
  releaseReservation,
} from './reservations/release-reservation';
export { newRequestId } from './reservations/request-id';
export { type ReserveQuotaInput, reserveQuota } from './reservations/reserve-quota';
export {
  type SettledUsage,
  type SettleReservationInput,
  type SettleResult,
  settleReservation,
} from './reservations/settle-reservation';
export { type UsageRollupRow, usageRollupsToCsv } from './usage-export';
