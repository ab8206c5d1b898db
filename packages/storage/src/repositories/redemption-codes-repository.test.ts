import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('redemption codes', (current) => {
  it('creates a batch and lists it by page', async () => {
    const { repositories } = current();
    const name = `batch-${Math.random().toString(36).slice(2)}`;
    await repositories.redemptionCodes.createMany(
      Array.from({ length: 7 }, (_, index) => ({
        name,
        codeHash: `${name}-${index}`,
        quota: 1_000,
      })),
    );
    const page = await repositories.redemptionCodes.list({ search: name, limit: 5 });
    expect(page.items).toHaveLength(5);
    const rest = await repositories.redemptionCodes.list({ search: name, cursor: page.nextCursor });
    expect(rest.items).toHaveLength(2);
  });

  it('redeems once, refuses expired and disabled codes', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const prefix = Math.random().toString(36).slice(2);
    await repositories.redemptionCodes.createMany([
      { name: 'ok', codeHash: `${prefix}-ok`, quota: 10 },
      { name: 'old', codeHash: `${prefix}-old`, quota: 10, expiresAt: 1_000 },
      { name: 'off', codeHash: `${prefix}-off`, quota: 10 },
    ]);
    const off = await repositories.redemptionCodes.findByHash(`${prefix}-off`);
    expect(await repositories.redemptionCodes.setStatus([off!.id], 'disabled')).toBe(1);

    expect(await repositories.redemptionCodes.markRedeemed(`${prefix}-ok`, user.id, 5_000)).toBe(
      true,
    );
    expect(await repositories.redemptionCodes.markRedeemed(`${prefix}-ok`, user.id, 5_000)).toBe(
      false,
    );
    expect(await repositories.redemptionCodes.markRedeemed(`${prefix}-old`, user.id, 5_000)).toBe(
      false,
    );
    expect(await repositories.redemptionCodes.markRedeemed(`${prefix}-off`, user.id, 5_000)).toBe(
      false,
    );
    expect(await repositories.redemptionCodes.findByHash(`${prefix}-ok`)).toMatchObject({
      status: 'redeemed',
      redeemedBy: user.id,
      redeemedAt: 5_000,
    });
    // A redeemed code can no longer be re-enabled.
    const ok = await repositories.redemptionCodes.findByHash(`${prefix}-ok`);
    expect(await repositories.redemptionCodes.setStatus([ok!.id], 'enabled')).toBe(0);
  });

  it('credits exactly once when many users redeem one code at the same time', async () => {
    const storage = current();
    // A second SQLite connection in this same thread would block it in SQLite's busy wait
    // while the first holds the lock; separate processes do not have that problem, and one
    // connection still interleaves the 50 transactions at every await.
    const second = storage.dialect === 'sqlite' ? storage : await storage.connectAgain();
    try {
      const users = await Promise.all(
        Array.from({ length: 10 }, () => createTestUser(storage.repositories)),
      );
      const codeHash = `race-${Math.random().toString(36).slice(2)}`;
      await storage.repositories.redemptionCodes.createMany([
        { name: 'race', codeHash, quota: 777 },
      ]);

      const attempts = Array.from({ length: 50 }, (_, index) => {
        const instance = index % 2 === 0 ? storage : second;
        const user = users[index % users.length]!;
        return instance.transaction(async (repositories) => {
          if (!(await repositories.redemptionCodes.markRedeemed(codeHash, user.id))) return false;
          const code = await repositories.redemptionCodes.findByHash(codeHash);
          await repositories.users.applyQuotaChange(user.id, { quota: code!.quota });
          return true;
        });
      });
      expect((await Promise.all(attempts)).filter(Boolean)).toHaveLength(1);
      const balances = await Promise.all(
        users.map(async (user) => (await storage.repositories.users.findById(user.id))!.quota),
      );
      expect(balances.reduce((sum, quota) => sum + quota, 0)).toBe(777);
    } finally {
      if (second !== storage) await second.close();
    }
  });
});
