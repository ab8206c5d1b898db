import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger } from '../create-ledger';
import { isLedgerError } from '../ledger-error';
import {
  createTestAccount,
  createTestPrices,
  readBalances,
  TEST_MODEL,
  uniqueId,
} from '../testing/ledger-fixtures';

const AMOUNT = 10 + 100 * 2; // promptTokens 10, maxTokens 100 on the test model

describeEachDatabase('200 concurrent reservations over a balance that covers 10', (current) => {
  for (const limitedBy of ['user', 'token'] as const) {
    it(`admits at most 10 and keeps the ${limitedBy} balance exact`, async () => {
      const storage = current();
      // Two pools, as two gateway instances would have. On SQLite a second connection in this
      // thread would block in SQLite's busy wait; one connection still interleaves the
      // transactions at every await.
      const second = storage.dialect === 'sqlite' ? storage : await storage.connectAgain();
      try {
        const account = await createTestAccount(storage, {
          userQuota: limitedBy === 'user' ? AMOUNT * 10 + AMOUNT - 1 : 1_000_000,
          tokenQuota: limitedBy === 'token' ? AMOUNT * 10 + AMOUNT - 1 : 1_000_000,
        });
        const ledgers = [storage, second].map((store) =>
          createLedger({ store, prices: createTestPrices() }),
        );
        const attempts = await Promise.allSettled(
          Array.from({ length: 200 }, (_, index) =>
            ledgers[index % 2]!.reserve({
              requestId: uniqueId(`race-${index}`),
              ...account,
              model: TEST_MODEL,
              group: 'default',
              promptTokens: 10,
              maxTokens: 100,
            }),
          ),
        );
        const admitted = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const refused = attempts.filter((attempt) => attempt.status === 'rejected');
        expect(admitted).toHaveLength(10);
        for (const attempt of refused) {
          expect(isLedgerError(attempt.reason) && attempt.reason.code).toBe('insufficient_quota');
        }
        const after = await readBalances(storage, account);
        const limited = limitedBy === 'user' ? after.quota : after.remainQuota;
        expect(limited).toBe(AMOUNT - 1);

        // Settle them all at once from both instances: exact again.
        await Promise.all(
          admitted.map((attempt, index) =>
            ledgers[index % 2]!.settle(attempt.value, {
              channelId: null,
              usage: { promptTokens: 10, completionTokens: 45 }, // 100
            }),
          ),
        );
        const settled = await readBalances(storage, account);
        expect(limitedBy === 'user' ? settled.quota : settled.remainQuota).toBe(
          AMOUNT * 11 - 1 - 10 * 100,
        );
        expect(settled).toMatchObject({
          usedQuota: 1_000,
          requestCount: 10,
          tokenUsedQuota: 1_000,
        });
      } finally {
        if (second !== storage) await second.close();
      }
    });
  }
});
