export {
  type AdapterExecutorOptions,
  type AdapterRegistry,
  createAdapterExecutor,
} from './adapter-executor';
export type { Attempt, AttemptOutcome, AttemptRoute } from './attempt';
export type { Channel, ChannelStatus, ChannelSummary, KeyRotation } from './channel';
export type { Candidate } from './channel-index';
export {
  type Clock,
  createManualClock,
  type ManualClock,
  systemClock,
  type TimerHandle,
} from './clock';
export { createRouter, type Router, type RouterOptions, type RouterTuning } from './create-router';
export type {
  CallContext,
  CallDispatch,
  CallTarget,
  CompletionDispatch,
  DispatchContext,
  DispatchResult,
  StreamDispatch,
} from './dispatch-types';
export type { ChannelTestResult } from './health/channel-tester';
export {
  type BreakerState,
  type BreakerThresholds,
  DEFAULT_BREAKER,
  type OpenReason,
} from './health/circuit-breaker';
export type { HealthEvent, HealthEventSink, HealthEventType } from './health/health-events';
export type { ChannelHealthSnapshot, KeyHealthSnapshot } from './health/health-snapshot';
export { DEFAULT_REVIVAL, type RevivalPolicy } from './health/probe-schedule';
export type { RevivalClaim } from './health/revival-prober';
export { compileModelMapping, type ModelMapper } from './model-mapping';
export {
  PINNED_CHANNEL_HEADER,
  type PinnedToken,
  parsePinnedToken,
  readPinnedChannel,
} from './pinning';
export {
  type ChannelTestPolicy,
  DEFAULT_POLICY,
  type RouterPolicy,
  type RouterPolicyInput,
  resolvePolicy,
} from './policy';
export type { AttemptCall, ChannelSource, UpstreamExecutor } from './ports';
export { createSeededRandom, type Random, systemRandom } from './random';
export { DEFAULT_RETRY_BUDGET, type RetryBudgetOptions } from './retry-budget';
export { decideRetry, type RetryDecision } from './retry-policy';
export {
  isRouterError,
  ROUTER_ERROR_TRAITS,
  RouterError,
  type RouterErrorCode,
  type RouterErrorTraits,
} from './router-error';
export { createStaticChannelSource, type StaticChannelSource } from './static-channel-source';
export type { StrategyName } from './strategies/builtin-strategies';
export type { SelectionStrategy } from './strategies/selection-strategy';
export { DEFAULT_TIMEOUTS, type TimeoutOverrides, type Timeouts } from './timeouts';
