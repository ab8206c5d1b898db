import type { AdapterError } from '@oneapi/adapters';
import type { Clock } from '../clock';
import type { ChannelHealth } from './channel-health';
import type { BreakerTransition } from './circuit-breaker';
import type { EjectionLimit } from './ejection';
import type { HealthEvent, HealthEventSink } from './health-events';
import type { RevivalPolicy } from './probe-schedule';

export interface HealthTrackerOptions {
  readonly clock: Clock;
  readonly ejection: EjectionLimit;
  readonly onEvent: HealthEventSink | undefined;
  /** Cooldown after a 429 that carries no Retry-After. */
  readonly rateLimitCooldownMs: number;
  /** Cap on a Retry-After cooldown, so a bogus header cannot park a key for days. */
  readonly maxCooldownMs: number;
  /** Weight of the newest sample in the time-to-first-byte EWMA. */
  readonly latencyAlpha: number;
  /** When retired keys are probed (the schedule starts at the retirement). */
  readonly revival: RevivalPolicy;
}

/** Longest retirement detail kept: enough for an upstream's one-line reason. */
const MAX_DETAIL_LENGTH = 200;

/**
 * Turns attempt outcomes into health changes, from the adapter's classification only:
 * `key_fatal` disables the key (and the channel once no key is left); `rate_limited` cools the
 * key down; other retryable errors count against the channel's and key's breakers; client
 * errors prove the upstream answered and count as successes; aborts count as nothing.
 */
export class HealthTracker {
  constructor(private readonly options: HealthTrackerOptions) {}

  onSend(health: ChannelHealth, keyIndex: number): void {
    const now = this.options.clock.now();
    this.emitTransition(health, undefined, health.breaker.onSend(now));
    const key = health.keys[keyIndex];
    if (key) this.emitTransition(health, keyIndex, key.breaker.onSend(now));
  }

  onSuccess(health: ChannelHealth, keyIndex: number, firstByteMs: number | undefined): void {
    const now = this.options.clock.now();
    if (firstByteMs !== undefined) {
      const alpha = this.options.latencyAlpha;
      health.latencyMs =
        health.latencyMs === undefined
          ? firstByteMs
          : alpha * firstByteMs + (1 - alpha) * health.latencyMs;
    }
    this.emitTransition(health, undefined, health.breaker.onSuccess(now));
    const key = health.keys[keyIndex];
    if (key) this.emitTransition(health, keyIndex, key.breaker.onSuccess(now));
  }

  onFailure(health: ChannelHealth, keyIndex: number, error: AdapterError): void {
    const now = this.options.clock.now();
    const key = health.keys[keyIndex];
    if (error.kind === 'client') {
      if (error.code === 'aborted') this.onNeutral(health, keyIndex);
      else this.onSuccess(health, keyIndex, undefined);
      return;
    }
    // The key's own problems say nothing about the channel: release its probe untouched.
    if (error.kind === 'key_fatal' || error.code === 'rate_limited') {
      health.breaker.onNeutral();
      key?.breaker.onNeutral();
      if (!key) return;
      if (error.kind === 'key_fatal') this.disableKey(health, keyIndex, error);
      else this.coolDown(health, keyIndex, error.retryAfterMs, now);
      return;
    }
    const ejection = this.options.ejection;
    this.emitTransition(
      health,
      undefined,
      health.breaker.onFailure(now, () => ejection.mayEject(health)),
    );
    // A single key's breaker would only shadow the channel's.
    if (key)
      this.emitTransition(
        health,
        keyIndex,
        key.breaker.onFailure(now, () => health.keys.length > 1),
      );
  }

  onNeutral(health: ChannelHealth, keyIndex: number): void {
    health.breaker.onNeutral();
    health.keys[keyIndex]?.breaker.onNeutral();
  }

  /** A passing channel test: revive dead keys it proved good, close breakers, re-enable. */
  onTestPassed(health: ChannelHealth, keyIndex: number): void {
    const key = health.keys[keyIndex];
    if (key?.disabledReason !== undefined) {
      key.disabledReason = undefined;
      key.disabledDetail = undefined;
      key.probe.clear();
      this.emit({ type: 'key_enabled', channelId: health.channelId, keyIndex, at: this.now() });
    }
    this.onSuccess(health, keyIndex, undefined);
    if (health.disabledReason !== undefined) {
      health.clearDisabled();
      this.emit({ type: 'channel_enabled', channelId: health.channelId, at: this.now() });
    }
  }

  emit(event: HealthEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing sink must not break routing; the gateway logs its own failures.
    }
  }

  private disableKey(health: ChannelHealth, keyIndex: number, error: AdapterError): void {
    const key = health.keys[keyIndex];
    if (!key || key.disabledReason !== undefined) return;
    const at = this.now();
    const detail = describeRetirement(error);
    key.disabledReason = error.code;
    key.disabledDetail = detail;
    key.probe.start(at, this.options.revival);
    this.emit({
      type: 'key_disabled',
      channelId: health.channelId,
      keyIndex,
      reason: error.code,
      detail,
      at,
    });
    if (health.liveKeyCount() === 0 && health.disabledReason === undefined) {
      health.disabledReason = 'all_keys_disabled';
      health.disabledDetail = detail;
      this.emit({
        type: 'channel_disabled',
        channelId: health.channelId,
        reason: 'all_keys_disabled',
        detail,
        at,
      });
    }
  }

  private coolDown(
    health: ChannelHealth,
    keyIndex: number,
    retryAfterMs: number | undefined,
    now: number,
  ) {
    const key = health.keys[keyIndex];
    if (!key) return;
    const rest = Math.min(
      retryAfterMs ?? this.options.rateLimitCooldownMs,
      this.options.maxCooldownMs,
    );
    key.cooldownUntil = Math.max(key.cooldownUntil, now + rest);
    this.emit({
      type: 'key_cooled_down',
      channelId: health.channelId,
      keyIndex,
      until: key.cooldownUntil,
      at: now,
    });
  }

  private emitTransition(
    health: ChannelHealth,
    keyIndex: number | undefined,
    transition: BreakerTransition | undefined,
  ): void {
    if (!transition) return;
    const base = {
      channelId: health.channelId,
      ...(keyIndex !== undefined && { keyIndex }),
      at: this.now(),
    };
    if (transition.to === 'open')
      this.emit({
        type: 'breaker_opened',
        ...base,
        reason: transition.reason,
        until: transition.until,
      });
    else
      this.emit({
        type: transition.to === 'closed' ? 'breaker_closed' : 'breaker_half_open',
        ...base,
      });
  }

  private now(): number {
    return this.options.clock.now();
  }
}

/**
 * `upstream 401: Incorrect API key provided: ****`: the upstream's status (else the error's
 * code) and the adapter's message,
 * which the adapters have already stripped of the key sent, on one bounded line.
 */
function describeRetirement(error: AdapterError): string {
  const source =
    error.upstreamStatus === undefined ? error.code : `upstream ${error.upstreamStatus}`;
  const line = `${source}: ${error.message}`.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_DETAIL_LENGTH ? line : `${line.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}
