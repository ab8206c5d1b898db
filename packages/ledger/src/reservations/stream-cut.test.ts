import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createLedger } from '../create-ledger';
import {
  createTestAccount,
  createTestPrices,
  readBalances,
  TEST_MODEL,
  uniqueId,
} from '../testing/ledger-fixtures';

describeEachDatabase('streams cut by the client or the upstream', (current) => {
  it('charges the prompt plus what was delivered, never 0 and never more than reserved', async () => {
    const ledger = createLedger({ store: current(), prices: createTestPrices() });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 4_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (promptTokens, maxTokens, cutAt) => {
          const deliveredTokens = Math.floor(maxTokens * cutAt);
          const account = await createTestAccount(current(), {
            userQuota: 20_000,
            tokenQuota: 20_000,
          });
          const reservation = await ledger.reserve({
            requestId: uniqueId('cut'),
            ...account,
            model: TEST_MODEL,
            group: 'default',
            promptTokens,
            maxTokens,
          });
          const result = await ledger.settleCutStream(reservation, {
            channelId: null,
            promptTokens,
            deliveredTokens,
          });
          if (result.outcome !== 'settled') throw new Error('expected a settlement');
          expect(result.charged).toBe(promptTokens + deliveredTokens * 2);
          expect(result.charged).toBeGreaterThan(0);
          if (deliveredTokens < maxTokens) expect(result.charged).toBeLessThan(reservation.amount);
          expect(await readBalances(current(), account)).toMatchObject({
            quota: 20_000 - result.charged,
            remainQuota: 20_000 - result.charged,
            usedQuota: result.charged,
          });
          const [log] = await current().repositories.logs.listByRequestId(reservation.requestId);
          expect(log).toMatchObject({ usageEstimated: true, completionTokens: deliveredTokens });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('never charges more than the reservation, even if the count says otherwise', async () => {
    const ledger = createLedger({ store: current(), prices: createTestPrices() });
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    const reservation = await ledger.reserve({
      requestId: uniqueId('cut'),
      ...account,
      model: TEST_MODEL,
      group: 'default',
      promptTokens: 10,
      maxTokens: 5,
    });
    const result = await ledger.settleCutStream(reservation, {
      channelId: null,
      promptTokens: 10,
      deliveredTokens: 9, // the tokenizer counted more than max_tokens
    });
    expect(result).toEqual({ outcome: 'settled', charged: 20, refunded: 0 });
  });
});
