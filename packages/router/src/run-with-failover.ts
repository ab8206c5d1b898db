import { AdapterError, isAdapterError } from '@oneapi/adapters';
import type { Attempt, AttemptRoute } from './attempt';
import type { Candidate, RoutedChannel, Tier } from './channel-index';
import type { Clock } from './clock';
import type { DispatchScope } from './dispatch-scope';
import type { HealthTracker } from './health/health-tracker';
import type { Random } from './random';
import type { RetryBudget } from './retry-budget';
import { decideRetry } from './retry-policy';
import { RouterError } from './router-error';
import { selectChannel } from './select-channel';
import { selectKey } from './select-key';
import type { SelectionStrategy } from './strategies/selection-strategy';
import { StageTimer } from './timeouts';

export interface FailoverDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly tracker: HealthTracker;
  readonly budget: RetryBudget;
  readonly strategy: SelectionStrategy;
  readonly maxRetries: number;
  readonly scratch: Candidate[];
}

export interface RoutePlan {
  readonly tiers: readonly Tier[];
  /** A pinned dispatch uses this channel only, whatever its health. */
  readonly pinned: Candidate | undefined;
  /**
   * Set when attempts follow the session's sticky hash. Retries follow it too: the next
   * highest score among the untried channels is where the session lands once its channel is
   * out of rotation, so a failing channel moves its sessions to one place, not to many.
   */
  readonly sessionHash: number | undefined;
  /** Channels of the pool that cannot serve this request: skipped as if already tried. */
  readonly excluded?: readonly RoutedChannel[];
}

/** One attempt in flight: its own abort controller and stage timer, linked to the dispatch. */
export interface AttemptRun {
  readonly candidate: Candidate;
  readonly keyIndex: number;
  readonly attempt: Attempt;
  readonly controller: AbortController;
  readonly timer: StageTimer;
  /** Clears the timer and unlinks from the dispatch; call when the attempt's work ends. */
  readonly release: () => void;
}

interface Target {
  readonly candidate: Candidate;
  readonly keyIndex: number;
  readonly route: AttemptRoute;
}

/**
 * The failover loop: pick, try, classify, repeat. Resolves with the first attempt that
 * commits (a completion, or a stream's first event); its `release` is the caller's to call.
 * Retries go to another key (key-level failures) or another channel, at most `maxRetries`
 * times and only while the retry budget allows; client errors and aborts end it at once.
 */
export async function runWithFailover<T>(
  plan: RoutePlan,
  scope: DispatchScope,
  deps: FailoverDeps,
  runAttempt: (run: AttemptRun) => Promise<T>,
): Promise<{ value: T; run: AttemptRun }> {
  const { clock, tracker, budget } = deps;
  const tried: RoutedChannel[] = plan.excluded ? [...plan.excluded] : [];
  let triedKeys: number[] = [];
  let lastError: AdapterError | undefined;
  let stopReason = 'no healthy channel is left';

  function nextChannel(): Target | undefined {
    triedKeys = [];
    if (plan.pinned) {
      if (scope.attempts.length > 0 || plan.excluded?.includes(plan.pinned.routed))
        return undefined;
      const keyIndex = selectKey(
        plan.pinned.routed.health,
        plan.pinned.routed.keyRotation,
        clock.now(),
        deps.random,
        triedKeys,
      );
      return keyIndex < 0 ? undefined : { candidate: plan.pinned, keyIndex, route: 'pinned' };
    }
    for (;;) {
      const now = clock.now();
      const selection = selectChannel(
        plan.tiers,
        tried,
        now,
        deps.strategy,
        deps.random,
        plan.sessionHash,
        deps.scratch,
      );
      if (!selection) return undefined;
      const routed = selection.candidate.routed;
      const keyIndex = selectKey(routed.health, routed.keyRotation, now, deps.random, triedKeys);
      if (keyIndex >= 0)
        return { candidate: selection.candidate, keyIndex, route: selection.route };
      tried.push(routed);
    }
  }

  /** Another usable key of the same channel; a pinned channel accepts any live one. */
  function nextKey(current: Target): Target | undefined {
    const routed = current.candidate.routed;
    triedKeys.push(current.keyIndex);
    const keyIndex = selectKey(
      routed.health,
      routed.keyRotation,
      clock.now(),
      deps.random,
      triedKeys,
    );
    if (keyIndex < 0) return undefined;
    if (!plan.pinned && !routed.health.keys[keyIndex]?.usable(clock.now())) return undefined;
    return { candidate: current.candidate, keyIndex, route: plan.pinned ? 'pinned' : 'next_key' };
  }

  let target = nextChannel();
  let retries = 0;
  budget.dispatchStarted();
  try {
    while (target) {
      if (scope.signal.aborted) throw scope.abortError();
      const isRetry = scope.attempts.length > 0;
      if (isRetry && retries >= deps.maxRetries) {
        stopReason = `${deps.maxRetries} retries are used up`;
        break;
      }
      if (isRetry && !budget.tryAcquireRetry()) {
        stopReason = 'the retry budget is exhausted';
        break;
      }
      if (isRetry) retries++;
      const run = startAttempt(target, scope, deps);
      try {
        const value = await runAttempt(run);
        run.attempt.outcome = 'success';
        run.attempt.latencyMs = clock.now() - run.attempt.startedAt;
        tracker.onSuccess(run.candidate.routed.health, run.keyIndex, run.attempt.latencyMs);
        return { value, run };
      } catch (thrown) {
        run.release();
        run.controller.abort();
        const health = run.candidate.routed.health;
        if (scope.signal.aborted) {
          run.attempt.outcome = 'aborted';
          tracker.onNeutral(health, run.keyIndex);
          throw scope.abortError();
        }
        const error = run.timer.expired ?? asAdapterError(thrown);
        recordFailure(run.attempt, error, clock.now());
        tracker.onFailure(health, run.keyIndex, error);
        lastError = error;
        const decision = decideRetry(error);
        if (decision === 'stop')
          throw new RouterError('upstream_rejected', error.message, {
            attempts: scope.attempts,
            lastError,
          });
        const current = target;
        target = decision === 'next_key' ? nextKey(current) : undefined;
        if (!target) {
          tried.push(current.candidate.routed);
          target = nextChannel();
        }
      } finally {
        if (isRetry) budget.releaseRetry();
      }
    }
  } finally {
    budget.dispatchFinished();
  }
  if (!lastError)
    throw new RouterError('no_channel_available', 'No channel with a live key serves this model', {
      attempts: scope.attempts,
    });
  throw new RouterError(
    'all_attempts_failed',
    `${scope.attempts.length} attempt(s) failed and ${stopReason}; last: ${lastError.message}`,
    { attempts: scope.attempts, lastError },
  );
}

function startAttempt(target: Target, scope: DispatchScope, deps: FailoverDeps): AttemptRun {
  const { candidate, keyIndex } = target;
  const attempt: Attempt = {
    channelId: candidate.channel.id,
    channelName: candidate.channel.name,
    channelType: candidate.channel.type,
    keyIndex,
    upstreamModel: candidate.upstreamModel,
    route: target.route,
    startedAt: deps.clock.now(),
    outcome: 'pending',
  };
  scope.attempts.push(attempt);
  const controller = new AbortController();
  const timer = new StageTimer(deps.clock, controller);
  const onScopeAbort = () => controller.abort(scope.signal.reason);
  scope.signal.addEventListener('abort', onScopeAbort, { once: true });
  deps.tracker.onSend(candidate.routed.health, keyIndex);
  return {
    candidate,
    keyIndex,
    attempt,
    controller,
    timer,
    release() {
      timer.clear();
      scope.signal.removeEventListener('abort', onScopeAbort);
    },
  };
}

function recordFailure(attempt: Attempt, error: AdapterError, now: number): void {
  attempt.outcome = 'failure';
  attempt.latencyMs = now - attempt.startedAt;
  attempt.errorCode = error.code;
  attempt.errorKind = error.kind;
  if (error.upstreamStatus !== undefined) attempt.upstreamStatus = error.upstreamStatus;
}

/** Anything an executor throws, as an AdapterError; unknown throws are retryable bad responses. */
export function asAdapterError(thrown: unknown): AdapterError {
  if (isAdapterError(thrown)) return thrown;
  return new AdapterError('upstream_bad_response', 'The upstream call failed unexpectedly', {
    cause: thrown,
  });
}
