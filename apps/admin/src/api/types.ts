/** The shapes the admin API answers with (see apps/gateway/src/routes/admin/views.ts). */

export type UserRole = 'root' | 'admin' | 'user';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly status: 'enabled' | 'disabled';
  readonly email: string | null;
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
  readonly createdAt: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
