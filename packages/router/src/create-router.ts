import type { ChatRequest, JsonEncoder } from '@oneapi/adapters';
import { type AdapterRegistry, createAdapterExecutor } from './adapter-executor';
import type { ChannelSummary } from './channel';
import { type Candidate, ChannelIndex } from './channel-index';
import { type Clock, systemClock, type TimerHandle } from './clock';
import { DispatchScope } from './dispatch-scope';
import { openStream, streamCommitted } from './dispatch-stream';
import type {
  CallContext,
  CallDispatch,
  CallTarget,
  CompletionDispatch,
  DispatchResult,
  StreamDispatch,
} from './dispatch-types';
import {
  type ChannelTestResult,
  testEveryKey,
  testUnhealthyChannels,
} from './health/channel-tester';
import { EjectionLimit } from './health/ejection';
import type { HealthEventSink } from './health/health-events';
import { type ChannelHealthSnapshot, snapshotHealth } from './health/health-snapshot';
import { HealthTracker } from './health/health-tracker';
import { claimAlways, probeRetired, type RevivalClaim } from './health/revival-prober';
import { type RouterPolicy, type RouterPolicyInput, resolvePolicy } from './policy';
import type { ChannelSource, UpstreamExecutor } from './ports';
import { type Random, systemRandom } from './random';
import { resolveRoute } from './resolve-route';
import { RetryBudget } from './retry-budget';
import { RouterError } from './router-error';
import { type FailoverDeps, type RoutePlan, runWithFailover } from './run-with-failover';
import { selectChannel } from './select-channel';
import { selectKey } from './select-key';
import { resolveStrategy } from './strategies/builtin-strategies';
import { hashSessionKey } from './strategies/sticky';
import { raceAbort } from './timeouts';

/** The part of the policy `tune` may change while the router runs. */
export type RouterTuning = Partial<Pick<RouterPolicy, 'maxRetries' | 'strategy' | 'sticky'>> & {
  readonly timeouts?: Partial<RouterPolicy['timeouts']>;
};

export interface RouterOptions {
  readonly source: ChannelSource;
  /** The adapter registry: `import * as adapters from '@oneapi/adapters'` satisfies it. */
  readonly adapters?: AdapterRegistry;
  /** Performs attempts; default: through `adapters`. Inject one for simulations. */
  readonly executor?: UpstreamExecutor;
  /** The fetch the default executor uses. */
  readonly fetch?: typeof fetch;
  /**
   * Resolves the hosts of URLs a request hands the upstream to fetch (image URLs, refused when
   * private unless the channel allows private networks); default the system resolver.
   */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** How the default executor encodes request bodies as JSON; default JSON.stringify. */
  readonly encodeJson?: JsonEncoder;
  readonly policy?: RouterPolicyInput;
  readonly clock?: Clock;
  readonly random?: Random;
  /** Health changes, to persist and broadcast. */
  readonly onHealthEvent?: HealthEventSink;
}

export interface Router {
  /**
   * Routes one request: a completion, or a committed stream, with the attempt trail. With
   * `accepts`, only the channels it accepts serve it (a body only some formats carry).
   */
  dispatch(request: ChatRequest & { stream: true }, context: CallContext): Promise<StreamDispatch>;
  dispatch(request: ChatRequest, context: CallContext): Promise<DispatchResult>;
  /**
   * Routes a request the router does not interpret (embeddings, images, audio, passthrough):
   * `perform` makes one attempt and must reject with an AdapterError to be classified and
   * retried; it resolves once the upstream has answered (its body may still be streaming).
   */
  call<T>(
    model: string,
    context: CallContext,
    perform: (target: CallTarget) => Promise<T>,
  ): Promise<CallDispatch<T>>;
  /** Which channel and key a request would get now, without sending (advances key rotation). */
  select(group: string, model: string, sessionKey?: string): ChannelSummary | undefined;
  /** Reads the source again and rebuilds the index (health is kept by channel id). */
  reload(): Promise<void>;
  /** One pass of the channel test over unhealthy channels. */
  testChannels(): Promise<ChannelTestResult[]>;
  /**
   * Tests every key of one channel now, health ignored (an admin's "test"); a pass revives
   * dead keys and re-enables the channel. Rejects with `pinned_channel_unavailable` for a
   * channel that does not exist or is manually disabled.
   */
  testChannel(channelId: number, model?: string): Promise<ChannelTestResult[]>;
  /**
   * Probes the retired keys and auto-disabled channels whose backoff is due (the policy's
   * `revival`); a pass brings them back. Call it often (every few seconds): nothing is sent
   * before its time. `claim` lets one of several instances probe each key per round.
   */
  probeRetired(claim?: RevivalClaim): Promise<ChannelTestResult[]>;
  healthSnapshot(): ChannelHealthSnapshot[];
  /** The policy in force (it changes with `tune`). */
  readonly policy: RouterPolicy;
  /**
   * Changes the knobs an operator adjusts while running: retries, strategy, stickiness and
   * timeouts (the timeouts apply from the next channel reload, which this starts). Health
   * records are kept. Other fields are fixed at creation.
   */
  tune(change: RouterTuning): Promise<void>;
  /** Stops the periodic channel test and the source subscription. */
  close(): void;
}

/** Wires the router: the index, health, the failover loop and the executor. */
export function createRouter(options: RouterOptions): Router {
  let policy = resolvePolicy(options.policy);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const executor = options.executor ?? defaultExecutor(options);
  const ejection = new EjectionLimit(policy.maxEjectionPercent);
  const tracker = new HealthTracker({
    clock,
    ejection,
    onEvent: options.onHealthEvent,
    rateLimitCooldownMs: policy.rateLimitCooldownMs,
    maxCooldownMs: policy.maxCooldownMs,
    latencyAlpha: policy.latencyAlpha,
    revival: policy.revival,
  });
  const deps: { -readonly [K in keyof FailoverDeps]: FailoverDeps[K] } = {
    clock,
    random,
    tracker,
    budget: new RetryBudget(policy.retryBudget),
    strategy: resolveStrategy(policy.strategy),
    maxRetries: policy.maxRetries,
    scratch: [],
  };
  let index: ChannelIndex | undefined;
  let loading: Promise<ChannelIndex> | undefined;

  async function load(): Promise<ChannelIndex> {
    const channels = await options.source.getChannels();
    const next = new ChannelIndex(channels, index?.healthById() ?? new Map(), policy);
    ejection.setGroups(next.groupMembers);
    index = next;
    return next;
  }
  function currentIndex(): ChannelIndex | Promise<ChannelIndex> {
    if (index) return index;
    loading ??= load();
    return loading;
  }
  const unsubscribe = options.source.subscribe?.(() => {
    loading = load();
    loading.catch(() => {});
  });

  async function planRoute(model: string, context: CallContext): Promise<RoutePlan> {
    const route = resolveRoute(await currentIndex(), model, context);
    const { accepts } = context;
    return {
      ...route,
      sessionHash:
        policy.sticky && context.sessionKey ? hashSessionKey(context.sessionKey) : undefined,
      ...(accepts && {
        excluded: [
          ...(route.pinned ? [route.pinned.routed] : []),
          ...route.tiers.flatMap((tier) => tier.candidates.map((candidate) => candidate.routed)),
        ].filter((routed) => !accepts(routed.channel)),
      }),
    };
  }

  async function call<T>(
    model: string,
    context: CallContext,
    perform: (target: CallTarget) => Promise<T>,
  ): Promise<CallDispatch<T>> {
    const plan = await planRoute(model, context);
    const scope = new DispatchScope(clock, context.signal, policy.timeouts.totalMs);
    try {
      const { value, run } = await runWithFailover(plan, scope, deps, (run) => {
        run.timer.arm('first_byte', run.candidate.routed.timeouts.firstByteMs);
        const target: CallTarget = {
          channel: run.candidate.channel,
          keyIndex: run.keyIndex,
          apiKey: run.candidate.channel.keys[run.keyIndex] as string,
          upstreamModel: run.candidate.upstreamModel,
          signal: run.controller.signal,
        };
        return raceAbort(perform(target), run.controller.signal);
      });
      run.release();
      return { value, attempts: scope.attempts, channel: summarize(run.candidate, run.keyIndex) };
    } finally {
      scope.dispose();
    }
  }

  async function dispatch(request: ChatRequest, context: CallContext): Promise<DispatchResult> {
    const plan = await planRoute(request.model, context);
    const scope = new DispatchScope(clock, context.signal, policy.timeouts.totalMs);
    const callFor = (candidate: Candidate, keyIndex: number, signal: AbortSignal) => ({
      channel: candidate.channel,
      keyIndex,
      apiKey: candidate.channel.keys[keyIndex] as string,
      request:
        candidate.upstreamModel === request.model
          ? request
          : { ...request, model: candidate.upstreamModel },
      signal,
    });
    if (!request.stream) {
      try {
        const { value, run } = await runWithFailover(plan, scope, deps, (run) => {
          run.timer.arm('first_byte', run.candidate.routed.timeouts.firstByteMs);
          const call = callFor(run.candidate, run.keyIndex, run.controller.signal);
          return raceAbort(executor.chat(call), run.controller.signal);
        });
        run.release();
        const result: CompletionDispatch = {
          kind: 'completion',
          completion: value,
          attempts: scope.attempts,
          channel: summarize(run.candidate, run.keyIndex),
        };
        return result;
      } finally {
        scope.dispose();
      }
    }
    try {
      const { value, run } = await runWithFailover(plan, scope, deps, (run) =>
        openStream(
          run,
          () => executor.stream(callFor(run.candidate, run.keyIndex, run.controller.signal)),
          clock,
        ),
      );
      const result: StreamDispatch = {
        kind: 'stream',
        events: streamCommitted(value, run, scope, tracker),
        attempts: scope.attempts,
        channel: summarize(run.candidate, run.keyIndex),
      };
      return result;
    } catch (error) {
      scope.dispose();
      throw error;
    }
  }

  let testTimer: TimerHandle | undefined;
  let closed = false;
  async function testChannels(): Promise<ChannelTestResult[]> {
    const current = await currentIndex();
    return testUnhealthyChannels(current.channels, {
      executor,
      tracker,
      clock,
      buildRequest: policy.channelTest.buildRequest,
    });
  }
  async function testChannel(channelId: number, model?: string): Promise<ChannelTestResult[]> {
    const routed = (await currentIndex()).channel(channelId);
    if (!routed)
      throw new RouterError(
        'pinned_channel_unavailable',
        `Channel ${channelId} does not exist or is manually disabled`,
      );
    return testEveryKey(
      routed,
      { executor, tracker, clock, buildRequest: policy.channelTest.buildRequest },
      model,
    );
  }
  function scheduleTests(): void {
    if (closed || policy.channelTest.intervalMs <= 0) return;
    testTimer = clock.setTimeout(() => {
      testChannels().then(scheduleTests, scheduleTests);
    }, policy.channelTest.intervalMs);
  }
  scheduleTests();

  return {
    dispatch: dispatch as Router['dispatch'],
    call,
    select(group, model, sessionKey) {
      const tiers = index?.tiers(group, model);
      if (!tiers) return undefined;
      const now = clock.now();
      const hash = sessionKey && policy.sticky ? hashSessionKey(sessionKey) : undefined;
      const selection = selectChannel(tiers, [], now, deps.strategy, random, hash, deps.scratch);
      if (!selection) return undefined;
      const { routed } = selection.candidate;
      const keyIndex = selectKey(routed.health, routed.keyRotation, now, random, []);
      return keyIndex < 0 ? undefined : summarize(selection.candidate, keyIndex);
    },
    async reload() {
      loading = load();
      await loading;
    },
    testChannels,
    testChannel,
    async probeRetired(claim = claimAlways) {
      return probeRetired((await currentIndex()).channels, {
        executor,
        tracker,
        clock,
        buildRequest: policy.channelTest.buildRequest,
        policy: policy.revival,
        claim,
      });
    },
    healthSnapshot: () =>
      index?.channels.map((routed) => snapshotHealth(routed, clock.now())) ?? [],
    get policy() {
      return policy;
    },
    async tune(change) {
      policy = {
        ...policy,
        ...(change.maxRetries !== undefined && { maxRetries: change.maxRetries }),
        ...(change.strategy !== undefined && { strategy: change.strategy }),
        ...(change.sticky !== undefined && { sticky: change.sticky }),
        timeouts: { ...policy.timeouts, ...change.timeouts },
      };
      deps.maxRetries = policy.maxRetries;
      deps.strategy = resolveStrategy(policy.strategy);
      // Per-channel timeouts are resolved when the index is built.
      loading = load();
      await loading;
    },
    close() {
      closed = true;
      if (testTimer !== undefined) clock.clearTimeout(testTimer);
      unsubscribe?.();
    },
  };
}

function defaultExecutor(options: RouterOptions): UpstreamExecutor {
  if (!options.adapters)
    throw new TypeError('createRouter needs `adapters` (or an `executor`) to reach upstreams');
  return createAdapterExecutor({
    adapters: options.adapters,
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.encodeJson && { encodeJson: options.encodeJson }),
    ...(options.resolveHost && { resolveHost: options.resolveHost }),
  });
}

function summarize(candidate: Candidate, keyIndex: number): ChannelSummary {
  return {
    id: candidate.channel.id,
    name: candidate.channel.name,
    type: candidate.channel.type,
    keyIndex,
    upstreamModel: candidate.upstreamModel,
  };
}
