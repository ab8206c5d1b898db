export { createStorage, type Storage, type StorageOptions } from './create-database';
export {
  type DatabaseTarget,
  DEFAULT_SQLITE_PATH,
  type DialectName,
  maskDsn,
  parseDatabaseDsn,
} from './dsn';
export type { Repositories } from './repositories';
export type { AbilitiesRepository, Ability } from './repositories/abilities-repository';
export type { AlertDeliveriesRepository } from './repositories/alert-deliveries-repository';
export type {
  AuditEntry,
  AuditFilter,
  AuditLogsRepository,
  NewAuditEntry,
} from './repositories/audit-logs-repository';
export type {
  Channel,
  ChannelFilter,
  ChannelPatch,
  ChannelsRepository,
  NewChannel,
} from './repositories/channels-repository';
export type {
  EmailToken,
  EmailTokensRepository,
  NewEmailToken,
} from './repositories/email-tokens-repository';
export {
  isUniqueViolation,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from './repositories/executor';
export type {
  IdentitiesRepository,
  Identity,
  NewIdentity,
} from './repositories/identities-repository';
export type {
  InstanceLease,
  InstanceLeasesRepository,
  NewInstanceLease,
} from './repositories/instance-leases-repository';
export type {
  LogAttempt,
  LogEntry,
  LogFilter,
  LogNames,
  LogsRepository,
  NewLogEntry,
} from './repositories/logs-repository';
export type { OptionsRepository } from './repositories/options-repository';
export type { NewPasskey, Passkey, PasskeysRepository } from './repositories/passkeys-repository';
export type {
  NewQuotaAdjustment,
  QuotaAdjustment,
  QuotaAdjustmentsRepository,
} from './repositories/quota-adjustments-repository';
export type {
  NewQuotaReservation,
  QuotaReservation,
  QuotaReservationsRepository,
} from './repositories/quota-reservations-repository';
export type {
  NewRedemptionCode,
  RedemptionCode,
  RedemptionCodeFilter,
  RedemptionCodesRepository,
} from './repositories/redemption-codes-repository';
export type { Session, SessionsRepository } from './repositories/sessions-repository';
export type {
  NewSignInChallenge,
  SignInChallenge,
  SignInChallengesRepository,
} from './repositories/sign-in-challenges-repository';
export type {
  NewToken,
  Token,
  TokenFilter,
  TokenPatch,
  TokenQuotaChange,
  TokensRepository,
} from './repositories/tokens-repository';
export type {
  TotpFactor,
  TotpFactorsRepository,
} from './repositories/totp-factors-repository';
export {
  hourOf,
  type UsageHourly,
  type UsageHourlyRepository,
  type UsageIncrement,
  type UsageQuery,
} from './repositories/usage-hourly-repository';
export type {
  NewUser,
  User,
  UserFilter,
  UserPatch,
  UserQuotaChange,
  UsersRepository,
} from './repositories/users-repository';
export type {
  AuditAction,
  AuditEntityType,
  ChannelStatus,
  Database,
  EmailTokenPurpose,
  LogType,
  RedemptionCodeStatus,
  ReservationState,
  SignInChallengePurpose,
  TokenStatus,
  UserRole,
  UserStatus,
} from './schema';
export { isStorageError, StorageError, type StorageErrorCode } from './storage-error';
