import type { Storage } from '@oneapi/storage';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import type { LedgerStore } from './ports';
import { reserveQuota } from './reservations/reserve-quota';
import { createTestAccount, readBalances, uniqueId } from './testing/ledger-fixtures';

// The port promise: the gateway hands its Storage to the ledger as is. Checked by tsc;
// never called.
export const asLedgerStore = (storage: Storage) => storage satisfies LedgerStore;

describeEachDatabase('the ledger on a real Storage', (current) => {
  it('runs a reservation through storage.transaction', async () => {
    const store = current() satisfies LedgerStore;
    const account = await createTestAccount(store, { userQuota: 100, tokenQuota: 50 });
    await reserveQuota(store, { requestId: uniqueId('port'), ...account, amount: 30 });
    expect(await readBalances(store, account)).toMatchObject({ quota: 70, remainQuota: 20 });
  });

  it('learns of a duplicate key from the store, not from driver error codes', async () => {
    const store = current() satisfies LedgerStore;
    const account = await createTestAccount(store, { userQuota: 100, tokenQuota: 50 });
    const hold = { requestId: uniqueId('duplicate'), ...account, amount: 10 };
    await reserveQuota(store, hold);
    const refused: unknown = await reserveQuota(store, hold).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'duplicate_request', status: 409 });
    expect(store.isDuplicateKey((refused as Error).cause)).toBe(true);
    expect(store.isDuplicateKey(new Error('connection refused'))).toBe(false);
    // The refused hold debited nothing.
    expect(await readBalances(store, account)).toMatchObject({ quota: 90, remainQuota: 40 });
  });
});
