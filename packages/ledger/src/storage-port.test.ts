import { createStorage, type Storage } from '@oneapi/storage';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, expectTypeOf, it } from 'vitest';
import type { LedgerStore } from './ports';
import { reserveQuota } from './reservations/reserve-quota';
import { createTestAccount, readBalances, uniqueId } from './testing/ledger-fixtures';

// The port promise: the gateway hands its Storage to the ledger as is. Checked by tsc;
// never called.
export const asLedgerStore = (storage: Storage) => storage satisfies LedgerStore;

it('accepts a Storage where a LedgerStore is expected (type level)', () => {
  expectTypeOf<Storage>().toMatchTypeOf<LedgerStore>();
  // Importing storage in a test is fine; the ledger's runtime code never does.
  expect(typeof createStorage).toBe('function');
});

describeEachDatabase('the ledger on a real Storage', (current) => {
  it('runs a reservation through storage.transaction', async () => {
    const store = current() satisfies LedgerStore;
    const account = await createTestAccount(store, { userQuota: 100, tokenQuota: 50 });
    await reserveQuota(store, { requestId: uniqueId('port'), ...account, amount: 30 });
    expect(await readBalances(store, account)).toMatchObject({ quota: 70, remainQuota: 20 });
  });
});
