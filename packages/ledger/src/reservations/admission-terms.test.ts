import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger } from '../create-ledger';
import {
  createTestAccount,
  createTestChannel,
  createTestPrices,
  TEST_MODEL,
  testHold,
} from '../testing/ledger-fixtures';

describeEachDatabase('a price edit while a request runs', (current) => {
  it('bills the running request at the price it was admitted on, the next one at the new', async () => {
    const prices = createTestPrices();
    const ledger = createLedger({ store: current(), prices });
    const account = await createTestAccount(current(), { userQuota: 10_000, tokenQuota: 10_000 });
    const channelId = await createTestChannel(current());
    const request = () => testHold(account, 'req');
    const usage = { promptTokens: 10, completionTokens: 20 };
    const running = await ledger.reserve(request());
    const before = prices.quote(TEST_MODEL, 'default', usage);
    prices.setModelPrice(TEST_MODEL, { modelRatio: 3, completionRatio: 2 });
    const after = prices.quote(TEST_MODEL, 'default', usage);
    expect(after).not.toBe(before);

    expect(await ledger.settle(running, { channelId, usage })).toMatchObject({ charged: before });
    const next = await ledger.reserve(request());
    expect(await ledger.settle(next, { channelId, usage })).toMatchObject({ charged: after });
  });
});
