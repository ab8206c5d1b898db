/** The shapes the admin API answers with (see apps/gateway/src/routes/admin/views.ts). */

export type UserRole = 'root' | 'admin' | 'user';

/** GET /api/status: what the dashboard shows before anyone signs in. */
export interface SiteStatus {
  /** True until first-run setup has created root. */
  readonly setupRequired: boolean;
  readonly systemName: string;
  /** An http(s) URL, or null. */
  readonly logoUrl: string | null;
  /** Free text from root, shown as text (never as HTML); empty for none. */
  readonly notice: string;
  readonly registrationEnabled: boolean;
  /** Whether GET /api/public/pricing (and the dashboard's /pricing page) is open. */
  readonly publicPricing: boolean;
  /** Whether reset links can be mailed: the sign-in page offers "Forgot password?". */
  readonly passwordReset: boolean;
}

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly status: 'enabled' | 'disabled';
  readonly email: string | null;
  /** When the user proved `email` through a mailed link; null: not proved. */
  readonly emailVerifiedAt: number | null;
  readonly groupName: string;
  /** Remaining quota; 500,000 quota is one US dollar. */
  readonly quota: number;
  readonly usedQuota: number;
  readonly requestCount: number;
  readonly createdAt: number;
}

/** GET /api/user/self adds the CSRF token for cookie sessions. */
export interface SelfUser extends User {
  readonly csrfToken?: string;
}

export interface Token {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  /** The first characters of the key, enough to recognise it. */
  readonly keyPrefix: string;
  readonly status: 'enabled' | 'disabled' | 'expired' | 'exhausted';
  /** Milliseconds since the epoch, or null for never. */
  readonly expiresAt: number | null;
  readonly remainQuota: number;
  readonly unlimitedQuota: boolean;
  readonly usedQuota: number;
  readonly allowedModels: string[] | null;
  /** null: any client address. */
  readonly allowedIps: string[] | null;
  readonly lastUsedAt: number | null;
  readonly createdAt: number;
}

/** POST /api/tokens answers with the full key, this once. */
export interface CreatedToken extends Token {
  readonly key: string;
}

export type ChannelStatus = 'enabled' | 'manually_disabled' | 'auto_disabled';

export interface Channel {
  readonly id: number;
  readonly type: string;
  readonly name: string;
  readonly baseUrl: string | null;
  readonly models: string[];
  readonly groups: string[];
  readonly priority: number;
  readonly weight: number;
  readonly status: ChannelStatus;
  readonly statusReason: string | null;
  readonly keyCount: number;
  /** Keys are write-only: `****1234` for each. */
  readonly keysMasked: string[];
  /** Client model -> upstream model. */
  readonly modelMapping: Record<string, string> | null;
  /** Provider settings; `allowPrivateNetwork` and `overrides` are kept here. */
  readonly config: Record<string, unknown> | null;
  /** The model a test uses when none is asked for; else the first model. */
  readonly testModel: string | null;
  /** When the last passing test ran, and how long it took. */
  readonly testedAt: number | null;
  readonly testLatencyMs: number | null;
  readonly createdAt: number;
  /** What health took out and when it is probed next (absent from older gateways). */
  readonly health?: ChannelHealth;
}

/** Why a channel or some of its keys are out of rotation, and when the gateway tries again. */
export interface ChannelHealth {
  /** The upstream's refusal (`upstream 401: ...`) or the auto-disable reason; null when nothing is out. */
  readonly reason: string | null;
  /** Epoch ms of the next probe of a retired key or of the channel; null: none planned. */
  readonly nextProbeAt: number | null;
  /** Keys retired after the upstream refused them. */
  readonly retiredKeys: number;
}

/** POST /api/channels/:id/test: the test's outcome (200 whether or not it passed). */
export interface ChannelTestReport {
  readonly channelId: number;
  readonly name: string;
  readonly ok: boolean;
  readonly latencyMs: number;
  /** The model asked for, or null when the channel has none to test. */
  readonly model: string | null;
  readonly error?: { readonly code: string; readonly message: string };
}

/** GET /api/channels/:id/balance: the upstream account's money, not quota. */
export interface ChannelBalance {
  readonly amount: number;
  /** ISO 4217, e.g. `USD`, `CNY`. */
  readonly currency: string;
  /** When it was read, ms since the epoch. */
  readonly checkedAt: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** A row of GET /api/audit-logs, generated from the gateway's OpenAPI document. */
export type AuditEntry =
  import('./admin-api.gen').operations['getApiAuditLogs']['responses'][200]['content']['application/json']['items'][number];
/** What the audit log records a change to. */
export type AuditEntityType = AuditEntry['entityType'];
export type AuditAction = AuditEntry['action'];

export type LogType = 'consume' | 'topup' | 'manage' | 'system' | 'error' | 'audit';

/** One upstream attempt of a request, in the order the router tried them. */
export interface LogAttempt {
  readonly channelId: number;
  /** Which of the channel's keys was used (0-based). */
  readonly keyIndex?: number;
  /** The upstream's HTTP status, when it answered. */
  readonly status?: number;
  /** Why the attempt failed (`rate_limited`, `timeout`…). */
  readonly errorClass?: string;
  readonly latencyMs?: number;
}

/** A row of GET /api/logs (see packages/storage/src/repositories/logs-repository.ts). */
export interface LogEntry {
  readonly id: number;
  readonly createdAt: number;
  readonly type: LogType;
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly channelId: number | null;
  /** The names behind the ids now (null: none, or deleted since); channel names for admins only. */
  readonly userName: string | null;
  readonly tokenName: string | null;
  readonly channelName: string | null;
  /** The model the caller asked for. */
  readonly model: string | null;
  /** The model name sent upstream, after any mapping. */
  readonly upstreamModel: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  /** The upstream reported no usage, so the tokens were counted locally. */
  readonly usageEstimated: boolean;
  readonly quota: number;
  readonly requestId: string | null;
  readonly elapsedMs: number | null;
  /** Milliseconds to the first streamed event. */
  readonly firstTokenMs: number | null;
  readonly isStream: boolean;
  /** The HTTP status the caller got. */
  readonly status: number | null;
  readonly attempts: LogAttempt[] | null;
  readonly clientIp: string | null;
  readonly content: string | null;
}

export type RedemptionCodeStatus = 'enabled' | 'disabled' | 'redeemed';

/** A row of GET /api/redemption-codes; the code itself is never stored, only its hash. */
export interface RedemptionCode {
  readonly id: number;
  readonly name: string;
  /** Quota the code credits. */
  readonly quota: number;
  readonly status: RedemptionCodeStatus;
  readonly expiresAt: number | null;
  readonly redeemedBy: number | null;
  readonly redeemedAt: number | null;
  readonly createdAt: number;
}
