import type { Storage } from '@oneapi/storage';
import { createPriceTable } from '../prices/price-table';

/*
 * Test helpers (not exported by the package). `test-model` costs 1 quota per prompt token
 * and 2 per completion token, so expected charges are easy to read in assertions.
 */

export const TEST_MODEL = 'test-model';

export const createTestPrices = () =>
  createPriceTable({ models: { [TEST_MODEL]: { modelRatio: 1, completionRatio: 2 } } });

let sequence = 0;

export interface TestAccount {
  readonly userId: number;
  readonly tokenId: number;
}

/** A user and one token, with the quotas given. */
export async function createTestAccount(
  storage: Pick<Storage, 'repositories'>,
  options: { userQuota: number; tokenQuota?: number; unlimited?: boolean },
): Promise<TestAccount> {
  sequence += 1;
  const unique = `${sequence}-${Math.random().toString(36).slice(2, 10)}`;
  const user = await storage.repositories.users.create({
    username: `ledger-${unique}`,
    displayName: 'Ledger Test',
    role: 'user',
    status: 'enabled',
    groupName: 'default',
    quota: options.userQuota,
  });
  const token = await storage.repositories.tokens.create({
    userId: user.id,
    name: `token-${unique}`,
    keyHash: `hash-${unique}`,
    keyPrefix: 'sk-test',
    remainQuota: options.tokenQuota ?? 0,
    unlimitedQuota: options.unlimited ?? false,
  });
  return { userId: user.id, tokenId: token.id };
}

export async function createTestChannel(storage: Pick<Storage, 'repositories'>): Promise<number> {
  const channel = await storage.repositories.channels.create({
    type: 'openai',
    name: `channel-${Math.random().toString(36).slice(2, 10)}`,
    keyCiphertext: 'x',
    models: ['test-model'],
    groups: ['default'],
  });
  return channel.id;
}

/** The user's and token's counters, read back from the database. */
export async function readBalances(storage: Pick<Storage, 'repositories'>, account: TestAccount) {
  const user = await storage.repositories.users.findById(account.userId);
  const token = await storage.repositories.tokens.findById(account.tokenId);
  return {
    quota: user!.quota,
    usedQuota: user!.usedQuota,
    requestCount: user!.requestCount,
    remainQuota: token!.remainQuota,
    tokenUsedQuota: token!.usedQuota,
  };
}

/** A reservation request of `account` for the test model: 10 prompt tokens, up to 100 more. */
export const testHold = (account: TestAccount, label: string) => ({
  requestId: uniqueId(label),
  ...account,
  model: TEST_MODEL,
  group: 'default',
  promptTokens: 10,
  maxTokens: 100,
});

export const uniqueId = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The consume logs' quota and count for one user, key or channel. */
export async function logTotals(
  storage: Storage,
  column: 'userId' | 'tokenId' | 'channelId',
  id: number,
) {
  const row = await storage.db
    .selectFrom('logs')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('quota'), eb.lit(0)).as('quota'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('type', '=', 'consume')
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return { quota: Number(row.quota), count: Number(row.count) };
}
