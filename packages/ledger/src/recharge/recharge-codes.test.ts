import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createCounterMetrics } from '../metrics';
import { createTestAccount, readBalances } from '../testing/ledger-fixtures';
import { createRechargeCodes, hashRechargeCode, redeemRechargeCode } from './recharge-codes';

describeEachDatabase('recharge codes', (current) => {
  it('creates a batch, stores only hashes and exports the codes once as CSV', async () => {
    const created = await createRechargeCodes(current(), {
      name: '=promo, "spring"',
      quota: 5_000,
      count: 3,
      expiresAt: Date.UTC(2030, 0, 1),
    });
    expect(created.codes).toHaveLength(3);
    expect(new Set(created.codes).size).toBe(3);
    for (const code of created.codes) expect(code).toMatch(/^[0-9a-f]{32}$/);
    const lines = created.csv.trimEnd().split('\n');
    expect(lines[0]).toBe('name,code,quota,expires_at');
    expect(lines[1]).toBe(
      `"'=promo, ""spring""",${created.codes[0]},5000,2030-01-01T00:00:00.000Z`,
    );
    const stored = await current().repositories.redemptionCodes.findByHash(
      hashRechargeCode(created.codes[0]!),
    );
    expect(stored).toMatchObject({ quota: 5_000, status: 'enabled' });
    expect(stored!.codeHash).not.toBe(created.codes[0]);
  });

  it('credits exactly once when 50 attempts redeem one code at the same time', async () => {
    const storage = current();
    const second = storage.dialect === 'sqlite' ? storage : await storage.connectAgain();
    try {
      const accounts = await Promise.all(
        Array.from({ length: 5 }, () => createTestAccount(storage, { userQuota: 0 })),
      );
      const {
        codes: [code],
      } = await createRechargeCodes(storage, { name: 'race', quota: 777, count: 1 });
      const metrics = createCounterMetrics();
      const attempts = await Promise.allSettled(
        Array.from({ length: 50 }, (_, index) =>
          redeemRechargeCode(
            index % 2 === 0 ? storage : second,
            { code: code!, userId: accounts[index % accounts.length]!.userId },
            { metrics },
          ),
        ),
      );
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === 'rejected') {
          expect(attempt.reason).toMatchObject({ code: 'code_not_redeemable', status: 400 });
        }
      }
      const balances = await Promise.all(accounts.map((account) => readBalances(storage, account)));
      expect(balances.reduce((total, balance) => total + balance.quota, 0)).toBe(777);
      expect(metrics.get('codes_redeemed')).toBe(1);
    } finally {
      if (second !== storage) await second.close();
    }
  });

  it('refuses unknown and expired codes', async () => {
    const account = await createTestAccount(current(), { userQuota: 0 });
    await expect(
      redeemRechargeCode(current(), { code: 'nope', userId: account.userId }),
    ).rejects.toMatchObject({ code: 'code_not_redeemable' });
    const { codes } = await createRechargeCodes(
      current(),
      { name: 'old', quota: 10, count: 1, expiresAt: 2_000 },
      1_000,
    );
    await expect(
      redeemRechargeCode(current(), { code: codes[0]!, userId: account.userId }, { now: 3_000 }),
    ).rejects.toMatchObject({ code: 'code_not_redeemable' });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 0 });
  });

  it('refuses a batch of 0 codes or a fractional quota', async () => {
    await expect(
      createRechargeCodes(current(), { name: 'x', quota: 1, count: 0 }),
    ).rejects.toMatchObject({
      code: 'invalid_amount',
    });
    await expect(
      createRechargeCodes(current(), { name: 'x', quota: 1.5, count: 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_amount',
    });
  });
});
