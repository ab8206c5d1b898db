import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * The typed database interface. Names are camelCase here; Kysely's CamelCasePlugin maps
 * them to the snake_case tables and columns the migrations create.
 *
 * Conventions, the same on all three dialects:
 * - money-like amounts (quota) are integers: BIGINT columns read as JS numbers, checked safe;
 * - every `*At` column is UTC epoch milliseconds (BIGINT), never a local time;
 * - flags are 0/1 integers (SQLite has no boolean); repositories expose booleans;
 * - list and map columns are JSON text; repositories parse them.
 */

export type UserRole = 'root' | 'admin' | 'user';
export type UserStatus = 'enabled' | 'disabled';
export type TokenStatus = 'enabled' | 'disabled' | 'expired' | 'exhausted';
export type ChannelStatus = 'enabled' | 'manually_disabled' | 'auto_disabled';
export type RedemptionCodeStatus = 'enabled' | 'disabled' | 'redeemed';
export type ReservationState = 'open' | 'settled' | 'released';
export type LogType = 'consume' | 'topup' | 'manage' | 'system' | 'error' | 'audit';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** scrypt or argon2 hash in PHC string form; null for accounts that cannot sign in with a password. */
  passwordHash: string | null;
  displayName: string;
  role: UserRole;
  status: UserStatus;
  email: string | null;
  groupName: string;
  /** Remaining quota, in quota units (500,000 = 1 USD by default). */
  quota: Generated<number>;
  usedQuota: Generated<number>;
  requestCount: Generated<number>;
  /** SHA-256 of the user's API access token for the admin API. */
  accessTokenHash: string | null;
  inviteCode: string | null;
  inviterId: number | null;
  /** When the user last proved they own `email` (a mailed link); null: not proved. */
  emailVerifiedAt: Generated<number | null>;
  createdAt: number;
  updatedAt: number;
}

export interface TokensTable {
  id: Generated<number>;
  userId: number;
  name: string;
  /** SHA-256 of the full `sk-...` key; the key itself is never stored. */
  keyHash: string;
  /** The first characters of the key, shown in the dashboard to tell keys apart. */
  keyPrefix: string;
  status: TokenStatus;
  /** null: never expires. */
  expiresAt: number | null;
  remainQuota: Generated<number>;
  unlimitedQuota: Generated<number>;
  usedQuota: Generated<number>;
  /** JSON array of model names; null: every model of the group. */
  allowedModels: string | null;
  /** JSON array of IPs and CIDRs; null: any address. */
  allowedIps: string | null;
  /** Overrides the owner's group for this token; null: the owner's group. */
  groupName: string | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelsTable {
  id: Generated<number>;
  /** Provider type id from @oneapi/adapters, e.g. `openai`, `anthropic`. */
  type: string;
  name: string;
  /** The channel's upstream keys, encrypted by the gateway (AES-256-GCM); never plaintext. */
  keyCiphertext: string;
  baseUrl: string | null;
  /** JSON array of exposed model names. */
  models: string;
  /** JSON object: exposed model name (wildcards allowed) -> upstream model name. */
  modelMapping: string | null;
  /** JSON array of group names. */
  groups: string;
  priority: number;
  weight: number;
  status: ChannelStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  /** JSON object of typed per-provider settings (api-version, region, ...). */
  config: string | null;
  testModel: string | null;
  testedAt: number | null;
  testLatencyMs: number | null;
  /** Upstream account balance in micro-USD, as last fetched. */
  balanceMicroUsd: number | null;
  balanceUpdatedAt: number | null;
  usedQuota: Generated<number>;
  tag: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The routing index: which channels serve a model for a group, with their priority and weight. */
export interface AbilitiesTable {
  groupName: string;
  model: string;
  channelId: number;
  enabled: number;
  priority: number;
  weight: number;
}

export interface RedemptionCodesTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 of the code; the code is shown once at creation. */
  codeHash: string;
  quota: number;
  status: RedemptionCodeStatus;
  expiresAt: number | null;
  createdBy: number | null;
  redeemedBy: number | null;
  redeemedAt: number | null;
  createdAt: number;
}

/** Quota held for a request in flight; settled with the real cost or released. */
export interface QuotaReservationsTable {
  id: Generated<number>;
  requestId: string;
  /** null for requests made with a user's access token rather than an API key. */
  tokenId: number | null;
  userId: number;
  amount: number;
  /** What the settlement charged; null while open. */
  charged: number | null;
  state: ReservationState;
  createdAt: number;
  resolvedAt: number | null;
  /** The gateway run holding it (instance_leases.id); null for rows older than leases. */
  instanceId: string | null;
}

/** One row per running gateway, renewed while it lives (docs/decisions/0004-instance-leases.md). */
/** An account at an outside identity provider, linked to one user. */
export interface IdentitiesTable {
  id: Generated<number>;
  /** `oidc` or `github`. */
  provider: string;
  /** The provider's stable account id (OIDC `sub`, GitHub's user id). */
  subject: string;
  userId: number;
  /** The verified email the provider gave when the link was made; null: none given. */
  email: string | null;
  /** Epoch ms. */
  createdAt: number;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

/** A single-use link mailed to a user: proves an address, or lets a new password be set. */
export interface EmailTokensTable {
  id: Generated<number>;
  userId: number;
  purpose: EmailTokenPurpose;
  /** SHA-256 of the token in the link; the token itself is never stored. */
  tokenHash: string;
  /** The address the link went to; verifying proves this one, not one set since. */
  email: string;
  expiresAt: number;
  createdAt: number;
}

export interface InstanceLeasesTable {
  /** Random, new for every run of a gateway process. */
  id: string;
  /** The host name and process id, for operators reading the table. */
  host: string;
  pid: number;
  /** Epoch ms, database clock. */
  startedAt: number;
  /** Epoch ms, database clock: past this, the instance is taken for dead. */
  leaseUntil: number;
}

/** Admin quota changes, made idempotent by their key. */
export interface QuotaAdjustmentsTable {
  id: Generated<number>;
  idempotencyKey: string;
  userId: number;
  /** Signed: positive adds quota, negative takes it away. */
  amount: number;
  reason: string;
  actorId: number | null;
  createdAt: number;
}

export interface LogsTable {
  id: Generated<number>;
  createdAt: number;
  type: LogType;
  userId: number | null;
  tokenId: number | null;
  channelId: number | null;
  /** The model the caller asked for. */
  model: string | null;
  /** The model name sent upstream after mapping. */
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** 1 when the token counts are the tokenizer's estimate, not the provider's numbers. */
  usageEstimated: number;
  quota: number;
  requestId: string | null;
  elapsedMs: number | null;
  firstTokenMs: number | null;
  isStream: number;
  /** HTTP status returned to the caller. */
  status: number | null;
  /** JSON array of attempts: channel, key index, status, error class, latency. */
  attempts: string | null;
  clientIp: string | null;
  content: string | null;
}

/** Hourly usage totals per user, token, model and channel, kept by settlement. */
/** What the audit log records a change to. */
export type AuditEntityType =
  | 'channel'
  | 'token'
  | 'user'
  | 'price'
  | 'setting'
  | 'redemption_code'
  /** An account at an identity provider linked to a user (sign-in with OIDC or GitHub). */
  | 'identity'
  /** A user's TOTP authenticator and its recovery codes. */
  | 'two_factor'
  /** A WebAuthn credential registered by a user. */
  | 'passkey';
/** What was done; `top_up` is a quota change made by an admin. */
export type AuditAction = 'create' | 'update' | 'delete' | 'enable' | 'disable' | 'top_up';

/** One admin change: who, when, from where, and the entity before and after (secrets masked). */
export interface AuditLogsTable {
  id: Generated<number>;
  createdAt: number;
  /** null: a change made by the system or the CLI, not a signed-in user. */
  actorId: number | null;
  /** The actor's username when the change was made; kept after the user is deleted. */
  actorName: string;
  action: AuditAction;
  entityType: AuditEntityType;
  /** The entity's id (a channel id, a price's model name, a setting's name), as text. */
  entityId: string;
  clientIp: string | null;
  userAgent: string | null;
  /** JSON of the entity before the change, secrets masked; null for a creation. */
  beforeValue: string | null;
  /** JSON of the entity after the change, secrets masked; null for a deletion. */
  afterValue: string | null;
}

/** One alert sent, claimed once by its identity (see the gateway's alerts module). */
export interface AlertDeliveriesTable {
  id: Generated<number>;
  /** The alert's identity, e.g. `quota_low:user:7`; unique, so only one instance sends it. */
  alertKey: string;
  /** What kind of alert: `quota_low`, `channel_disabled`, `channel_enabled`, `key_expiring`. */
  type: string;
  createdAt: number;
}

export interface UsageHourlyTable {
  /** Start of the hour, epoch milliseconds. */
  hour: number;
  userId: number;
  tokenId: number;
  model: string;
  channelId: number;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  quota: number;
}

export interface OptionsTable {
  name: string;
  /** JSON-encoded value; typed at the edge by the gateway's option schema. */
  value: string;
  updatedAt: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id held in the cookie. */
  idHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: number;
  createdAt: number;
}

/** A user's TOTP authenticator (one at most). */
export interface TotpFactorsTable {
  userId: number;
  /** The shared secret (base32), encrypted by the gateway; never shown after enrolment. */
  secret: string;
  /** null: enrolment not confirmed with a code yet, so sign-in does not ask for one. */
  confirmedAt: number | null;
  /** The last 30-second time step a code was accepted for; older or equal steps are replays. */
  lastUsedStep: Generated<number>;
  createdAt: number;
}

/** One single-use recovery code of a user's TOTP enrolment. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  userId: number;
  /** SHA-256 of the code. */
  codeHash: string;
  /** null: unused. */
  usedAt: number | null;
  createdAt: number;
}

/** A WebAuthn credential (passkey) registered by a user. */
export interface PasskeysTable {
  id: Generated<number>;
  userId: number;
  /** base64url credential id; unique. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  /** The authenticator's signature counter as last seen. */
  counter: Generated<number>;
  /** JSON array of transports; null: none reported. */
  transports: string | null;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export type SignInChallengePurpose = 'second_factor' | 'passkey_registration' | 'passkey_sign_in';

/** A sign-in between its steps, or a WebAuthn challenge: single-use and short-lived. */
export interface SignInChallengesTable {
  /** SHA-256 of the random id the browser holds. */
  idHash: string;
  purpose: SignInChallengePurpose;
  /** null: a passwordless sign-in, whose user the passkey will name. */
  userId: number | null;
  /** base64url WebAuthn challenge; null when none was issued. */
  challenge: string | null;
  /** Wrong codes entered against it so far. */
  failures: Generated<number>;
  expiresAt: number;
  createdAt: number;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  channels: ChannelsTable;
  abilities: AbilitiesTable;
  redemptionCodes: RedemptionCodesTable;
  quotaReservations: QuotaReservationsTable;
  instanceLeases: InstanceLeasesTable;
  identities: IdentitiesTable;
  emailTokens: EmailTokensTable;
  quotaAdjustments: QuotaAdjustmentsTable;
  logs: LogsTable;
  auditLogs: AuditLogsTable;
  alertDeliveries: AlertDeliveriesTable;
  usageHourly: UsageHourlyTable;
  options: OptionsTable;
  sessions: SessionsTable;
  totpFactors: TotpFactorsTable;
  recoveryCodes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  signInChallenges: SignInChallengesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TokenRow = Selectable<TokensTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type AbilityRow = Selectable<AbilitiesTable>;
export type RedemptionCodeRow = Selectable<RedemptionCodesTable>;
export type QuotaReservationRow = Selectable<QuotaReservationsTable>;
export type InstanceLeaseRow = Selectable<InstanceLeasesTable>;
export type IdentityRow = Selectable<IdentitiesTable>;
export type EmailTokenRow = Selectable<EmailTokensTable>;
export type QuotaAdjustmentRow = Selectable<QuotaAdjustmentsTable>;
export type LogRow = Selectable<LogsTable>;
export type NewLogRow = Insertable<LogsTable>;
export type AuditLogRow = Selectable<AuditLogsTable>;
export type UsageHourlyRow = Selectable<UsageHourlyTable>;
export type SessionRow = Selectable<SessionsTable>;
export type TotpFactorRow = Selectable<TotpFactorsTable>;
export type PasskeyRow = Selectable<PasskeysTable>;
export type SignInChallengeRow = Selectable<SignInChallengesTable>;
