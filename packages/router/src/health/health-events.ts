import type { AdapterErrorCode } from '@oneapi/adapters';
import type { OpenReason } from './circuit-breaker';

/**
 * A health change, emitted so that the gateway can persist it (channel status, disabled
 * reason) and broadcast it to other instances. `keyIndex` is present on key-level events and
 * never the key itself. `at` is the clock's time in ms.
 */
export type HealthEvent =
  | {
      readonly type: 'breaker_opened';
      readonly channelId: number;
      readonly keyIndex?: number;
      readonly reason: OpenReason;
      /** When a half-open probe may be sent. */
      readonly until: number;
      readonly at: number;
    }
  | {
      readonly type: 'breaker_half_open' | 'breaker_closed';
      readonly channelId: number;
      readonly keyIndex?: number;
      readonly at: number;
    }
  | {
      /** A 429: the key rests until `until` (Retry-After, or the policy's default); not disabled. */
      readonly type: 'key_cooled_down';
      readonly channelId: number;
      readonly keyIndex: number;
      readonly until: number;
      readonly at: number;
    }
  | {
      /** The adapter classified an error as `key_fatal` (auth, billing); `reason` is its code. */
      readonly type: 'key_disabled';
      readonly channelId: number;
      readonly keyIndex: number;
      readonly reason: AdapterErrorCode;
      /** What the upstream said (`upstream 401: ...`), keys redacted, at most 200 characters. */
      readonly detail: string;
      readonly at: number;
    }
  | {
      readonly type: 'key_enabled';
      readonly channelId: number;
      readonly keyIndex: number;
      readonly at: number;
    }
  | {
      /** Every key of the channel is disabled; persist as One API's auto-disabled status. */
      readonly type: 'channel_disabled';
      readonly channelId: number;
      readonly reason: 'all_keys_disabled';
      /** The last key's retirement detail. */
      readonly detail: string;
      readonly at: number;
    }
  | { readonly type: 'channel_enabled'; readonly channelId: number; readonly at: number };

export type HealthEventType = HealthEvent['type'];

/** Receives health events; must not throw (errors are swallowed so routing carries on). */
export type HealthEventSink = (event: HealthEvent) => void;
