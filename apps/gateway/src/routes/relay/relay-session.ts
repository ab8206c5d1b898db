import { isAdapterError } from '@oneapi/adapters';
import {
  type BillableUsage,
  isLedgerError,
  type Reservation,
  relayRateLimitRules,
} from '@oneapi/ledger';
import { type Attempt, type DispatchContext, isRouterError } from '@oneapi/router';
import type { Context } from 'hono';
import { checkQuotaAlertLater } from '../../alerts/quota-alert';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { forwardedFor } from '../../http/peer-address';
import { enforceRateLimit } from '../../middleware/limit-rate';
import { systemSettingsOf } from '../../options/system-settings';
import type { RelayTrace } from '../../tracing/relay-tracer';
import { recordRequestLog } from './record-request-log';
import { deriveSessionKey } from './session-affinity';

/** What a request may cost, known before it is sent: the reservation is priced from it. */
export interface RelayEstimate {
  /**
   * An upper bound on the prompt's tokens (its UTF-8 bytes plus framing: see
   * `boundPromptTokens`), linear to compute, never below what the tokenizer would count.
   */
  readonly promptTokens: number;
  /** The completion budget; null: the ledger's default. 0 for endpoints with no completion. */
  readonly maxTokens: number | null;
  readonly images?: number;
  readonly audioSeconds?: number;
  readonly characters?: number;
}

/** How a relayed request ended, for its settlement, log row and metrics. */
export interface RelayOutcome {
  readonly channelId: number;
  readonly attempts: readonly Attempt[];
  readonly usage: BillableUsage & { readonly estimated?: boolean };
  /** 200, or the status of an error that ended a stream after output. */
  readonly status: number;
  readonly firstTokenMs?: number;
  readonly error?: { readonly code: string; readonly message: string };
  /** The model the upstream says answered, when its answer names one (for traces). */
  readonly responseModel?: string;
  /** Why each choice ended, when the answer says (for traces). */
  readonly finishReasons?: readonly string[];
}

/** What a relay route tells `beginRelay` besides the model and the estimate. */
export interface RelayRequestInfo {
  readonly stream: boolean;
  /** GenAI `gen_ai.operation.name` of its trace: `chat`, `embeddings`, ... */
  readonly operation: string;
  /** The caller's messages or input, put in the trace only if the operator opted in. */
  readonly input?: () => unknown;
  /** The client's body as it wrote it, where agents name their session (`metadata`, ...). */
  readonly body?: unknown;
}

/** One admitted relay request between its reservation and its settlement. */
export interface RelaySession {
  readonly group: string;
  readonly reservation: Reservation;
  /** What the router needs to know about the caller. */
  readonly dispatchContext: DispatchContext;
  /** Releases the reservation, writes the error log row, counts it, and rethrows `error`. */
  fail(error: unknown): Promise<never>;
  /** Charges the usage; the ledger writes the log row in the same transaction. */
  settle(outcome: RelayOutcome): Promise<void>;
  /** As `settle`, for streams whose response is already gone: a failure is logged, not thrown. */
  settleLater(outcome: RelayOutcome): void;
}

/** The group a request is routed and priced in: its key's, else its owner's. */
export function relayGroup(c: Context<AppEnv>): string {
  return c.get('token').groupName ?? c.get('tokenOwner').groupName;
}

/**
 * Whether a channel of the request's group serving `model` is of a type `accepts` takes: the
 * question every route asks before it chooses a passthrough or a translation.
 */
export function poolHasType(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  accepts: (type: string) => boolean,
): boolean {
  for (const type of services.channelSource.typesServing(relayGroup(c), model))
    if (accepts(type)) return true;
  return false;
}

/** Whether channels of the request's group serve `model` and every one is of a type `accepts` takes. */
export function poolHasOnlyTypes(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  accepts: (type: string) => boolean,
): boolean {
  const types = services.channelSource.typesServing(relayGroup(c), model);
  if (types.size === 0) return false;
  for (const type of types) if (!accepts(type)) return false;
  return true;
}

/**
 * Admits one relay request: the key may use the model, the rate limits allow it, a channel
 * serves it, and the user can cover its estimate (held as a reservation). Everything that
 * follows is the caller's: dispatch, then exactly one of `settle` or `fail`.
 */
export async function beginRelay(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  estimate: RelayEstimate,
  options: RelayRequestInfo,
): Promise<RelaySession> {
  const trace = services.tracer.start({
    operation: options.operation,
    model,
    stream: options.stream,
    requestId: c.get('requestId'),
    ...(options.input && { input: options.input }),
  });
  try {
    return await admitRelay(services, c, model, estimate, options, trace);
  } catch (error) {
    // Refused before any attempt (a model the key may not use, a rate limit, no quota).
    trace.end({ status: statusOf(error), attempts: [], error: errorOf(error) });
    throw error;
  }
}

async function admitRelay(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  estimate: RelayEstimate,
  options: RelayRequestInfo,
  trace: RelayTrace,
): Promise<RelaySession> {
  const startedAt = Date.now();
  const token = c.get('token');
  if (token.allowedModels && !token.allowedModels.includes(model)) {
    throw new GatewayError('model_not_allowed', `This API key may not use model ${model}`, {
      param: 'model',
    });
  }
  const group = relayGroup(c);
  const clientIp = forwardedFor(c) ?? null;
  const leave = services.tokenConcurrency.tryEnter(token.id);
  if (!leave)
    throw new GatewayError(
      'too_many_concurrent_requests',
      `This API key already has ${services.config.tokenConcurrencyLimit} requests in flight; retry when one has finished`,
    );
  let reservation: Reservation;
  let sessionKey: string | undefined;
  try {
    await enforceRateLimit(
      services,
      c,
      relayRateLimitRules(
        { token: services.config.rateLimits.token, user: services.config.rateLimits.user },
        {
          tokenId: token.id,
          userId: token.userId,
          group,
          model,
          estimatedTokens: estimate.promptTokens + (estimate.maxTokens ?? 0),
        },
      ),
    );
    // Without a channel there is nothing to reserve for; say so before any price lookup.
    if (!services.channelSource.serves(group, model)) {
      throw new GatewayError(
        'model_not_found',
        `The model ${model} does not exist or is not available to group ${group}`,
        { param: 'model' },
      );
    }
    // Read before the hold: nothing after it may fail without releasing it.
    sessionKey = await stickySessionKey(services, c, group, options.body);
    reservation = await services.ledger.reserve({
      requestId: c.get('requestId'),
      userId: token.userId,
      tokenId: token.id,
      model,
      group,
      ...estimate,
    });
  } catch (error) {
    leave();
    throw error;
  }

  const logDetails = (
    attempts: readonly Attempt[],
    status: number,
    extra: { firstTokenMs?: number | undefined; error?: string | undefined },
  ) => ({
    isStream: options.stream,
    elapsedMs: Date.now() - startedAt,
    status,
    clientIp,
    attempts: attempts.map(toLogAttempt),
    upstreamModel: attempts.at(-1)?.upstreamModel ?? null,
    ...(extra.firstTokenMs !== undefined && { firstTokenMs: extra.firstTokenMs }),
    ...(extra.error && { content: extra.error }),
  });

  const settle = async (outcome: RelayOutcome) => {
    leave();
    services.metrics.observeRelay({
      model,
      channelId: outcome.channelId,
      status: outcome.status,
      stream: options.stream,
      durationMs: Date.now() - startedAt,
      promptTokens: outcome.usage.promptTokens,
      completionTokens: outcome.usage.completionTokens,
      ...(outcome.firstTokenMs !== undefined && { firstTokenMs: outcome.firstTokenMs }),
      ...(outcome.error && { errorClass: outcome.error.code }),
    });
    trace.end({
      status: outcome.status,
      attempts: outcome.attempts,
      usage: outcome.usage,
      ...(outcome.responseModel !== undefined && { responseModel: outcome.responseModel }),
      ...(outcome.finishReasons && { finishReasons: outcome.finishReasons }),
      ...(outcome.error && { error: outcome.error }),
    });
    await services.ledger.settle(reservation, {
      channelId: outcome.channelId,
      usage: outcome.usage,
      log: logDetails(outcome.attempts, outcome.status, {
        firstTokenMs: outcome.firstTokenMs,
        error: outcome.error?.message,
      }),
    });
    // One API's quota reminder, in the background: the caller never waits for it.
    checkQuotaAlertLater(services, token.userId);
  };

  return {
    group,
    reservation,
    dispatchContext: {
      group,
      signal: c.req.raw.signal,
      ...(token.allowedModels && { allowedModels: token.allowedModels }),
      ...(sessionKey !== undefined && { sessionKey }),
    },
    async fail(error) {
      leave();
      const attempts = isRouterError(error) ? error.attempts : [];
      const status = isRouterError(error) || isAdapterError(error) ? error.status : 500;
      const channelId = attempts.at(-1)?.channelId ?? null;
      trace.end({ status, attempts, error: errorOf(error) });
      await services.ledger.release(reservation, { channelId });
      await recordRequestLog(services, {
        type: 'error',
        userId: token.userId,
        tokenId: token.id,
        channelId,
        model,
        requestId: reservation.requestId,
        ...logDetails(attempts, status, { error: String((error as Error)?.message) }),
      });
      services.metrics.observeRelay({
        model,
        channelId,
        status,
        stream: options.stream,
        durationMs: Date.now() - startedAt,
        errorClass: isRouterError(error) || isAdapterError(error) ? error.code : 'internal',
      });
      throw error;
    },
    settle,
    settleLater(outcome) {
      settle(outcome).catch((error: unknown) => {
        // The reservation stays open; recovery settles or releases it.
        services.logger.error(
          { requestId: reservation.requestId, err: String(error) },
          'settlement failed',
        );
      });
    },
  };
}

/** The caller's session, when stickiness is on for its group (the `stickySessions` settings). */
async function stickySessionKey(
  services: GatewayServices,
  c: Context<AppEnv>,
  group: string,
  body: unknown,
): Promise<string | undefined> {
  const settings = await systemSettingsOf(services).read();
  if (!settings.stickySessions || settings.nonStickyGroups.includes(group)) return undefined;
  return deriveSessionKey(c.req.raw.headers, body, c.get('token').id);
}

/** The errors the error handler answers with their own status and message (to-error-response.ts). */
const isAnsweredError = (error: unknown) =>
  isRouterError(error) ||
  isAdapterError(error) ||
  isLedgerError(error) ||
  error instanceof GatewayError;

function statusOf(error: unknown): number {
  return isAnsweredError(error) ? (error as { status: number }).status : 500;
}

// Anything else may quote a driver or worse: its text stays out of the trace, as out of answers.
function errorOf(error: unknown): { code: string; message: string } {
  if (!isAnsweredError(error)) return { code: 'internal', message: 'internal error' };
  const { code, message } = error as { code: string; message: string };
  return { code, message };
}

function toLogAttempt(attempt: Attempt) {
  return {
    channelId: attempt.channelId,
    keyIndex: attempt.keyIndex,
    ...(attempt.upstreamStatus !== undefined && { status: attempt.upstreamStatus }),
    ...(attempt.errorCode !== undefined && { errorClass: attempt.errorCode }),
    ...(attempt.latencyMs !== undefined && { latencyMs: attempt.latencyMs }),
  };
}
