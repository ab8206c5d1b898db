import { request } from './request';

/** How a channel is picked among channels of equal priority. */
export type RoutingStrategy = 'weighted' | 'least-latency' | 'least-cost';

export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = [
  'weighted',
  'least-latency',
  'least-cost',
];

/** GET /api/settings (see apps/gateway/src/options/system-settings.ts). */
export interface SystemSettings {
  /** The name the dashboard shows; 1-64 characters. */
  readonly systemName: string;
  /** An http(s) URL of the logo, or null for none. */
  readonly logoUrl: string | null;
  /** Shown to every visitor before sign-in (as plain text here); at most 10,000 characters. */
  readonly notice: string;
  /** Whether anyone, signed in or not, may read the models and prices (GET /api/public/pricing). */
  readonly publicPricing: boolean;
  /** Whether POST /api/auth/register is open. */
  readonly registrationEnabled: boolean;
  /** Quota every new account starts with. */
  readonly newUserQuota: number;
  /** The group new accounts join; it must have a ratio. */
  readonly defaultGroup: string;
  /** Quota credited to a user each time someone signs up with their invite code. */
  readonly inviterQuota: number;
  /** Quota an invited account gets on top of `newUserQuota`. */
  readonly inviteeQuota: number;
  /** Further attempts after a failure, 0-10; null: the RETRY_TIMES environment variable. */
  readonly retryTimes: number | null;
  readonly routingStrategy: RoutingStrategy;
  /** Whether one caller's conversation keeps to one channel. */
  readonly stickySessions: boolean;
  /** Groups whose requests are never sticky, whatever `stickySessions` says. */
  readonly nonStickyGroups: readonly string[];
  /** Seconds to an upstream's first byte before failover; null: RELAY_TIMEOUT. */
  readonly firstByteTimeoutSeconds: number | null;
}

/** Only the settings sent change. */
export type SettingsPatch = Partial<SystemSettings>;

export const getSettings = () => request<SystemSettings>('GET', '/api/settings');

/** Root only; answers with every setting after the change. */
export const updateSettings = (patch: SettingsPatch) =>
  request<SystemSettings>('PATCH', '/api/settings', patch);
