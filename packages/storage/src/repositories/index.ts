import type { Kysely } from 'kysely';
import type { DialectName } from '../dsn';
import type { Database } from '../schema';
import { createAbilitiesRepository } from './abilities-repository';
import { createAlertDeliveriesRepository } from './alert-deliveries-repository';
import { createAuditLogsRepository } from './audit-logs-repository';
import { createChannelsRepository } from './channels-repository';
import { createEmailTokensRepository } from './email-tokens-repository';
import { createIdentitiesRepository } from './identities-repository';
import { createInstanceLeasesRepository } from './instance-leases-repository';
import { createLogsRepository } from './logs-repository';
import { createOptionsRepository } from './options-repository';
import { createPasskeysRepository } from './passkeys-repository';
import { createQuotaAdjustmentsRepository } from './quota-adjustments-repository';
import { createQuotaReservationsRepository } from './quota-reservations-repository';
import { createRedemptionCodesRepository } from './redemption-codes-repository';
import { createSessionsRepository } from './sessions-repository';
import { createSignInChallengesRepository } from './sign-in-challenges-repository';
import { createTokensRepository } from './tokens-repository';
import { createTotpFactorsRepository } from './totp-factors-repository';
import { createUsageHourlyRepository } from './usage-hourly-repository';
import { createUsersRepository } from './users-repository';

/** Every repository, bound to one executor (the database, or one open transaction). */
export function createRepositories(db: Kysely<Database>, dialect: DialectName) {
  const executor = { db, dialect };
  return {
    users: createUsersRepository(executor),
    tokens: createTokensRepository(executor),
    channels: createChannelsRepository(executor),
    abilities: createAbilitiesRepository(executor),
    redemptionCodes: createRedemptionCodesRepository(executor),
    quotaReservations: createQuotaReservationsRepository(executor),
    instanceLeases: createInstanceLeasesRepository(executor),
    identities: createIdentitiesRepository(executor),
    emailTokens: createEmailTokensRepository(executor),
    quotaAdjustments: createQuotaAdjustmentsRepository(executor),
    logs: createLogsRepository(executor),
    auditLogs: createAuditLogsRepository(executor),
    alertDeliveries: createAlertDeliveriesRepository(executor),
    usageHourly: createUsageHourlyRepository(executor),
    options: createOptionsRepository(executor),
    sessions: createSessionsRepository(executor),
    totpFactors: createTotpFactorsRepository(executor),
    passkeys: createPasskeysRepository(executor),
    signInChallenges: createSignInChallengesRepository(executor),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
