import { expect, it } from 'vitest';
import { describeEachDatabase } from './testing/describe-each-database';

// On SQLite concurrent transactions share one commit (batched-transactions.ts); on every
// dialect each caller must still see exactly its own transaction's outcome.
describeEachDatabase('storage.transaction', (current) => {
  const newUser = (username: string) => ({
    username,
    displayName: username,
    role: 'user' as const,
    status: 'enabled' as const,
    groupName: 'default',
    quota: 100,
  });

  it('commits each concurrent transaction on its own; one that throws leaves nothing behind', async () => {
    const storage = current();
    const prefix = `tx-${Date.now().toString(36)}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        storage.transaction(async (repositories) => {
          const user = await repositories.users.create(newUser(`${prefix}-${index}`));
          await repositories.users.debitQuota(user.id, 30);
          if (index % 4 === 3) throw new Error(`refused ${index}`);
          return user.id;
        }),
      ),
    );

    for (const [index, outcome] of outcomes.entries()) {
      const user = await storage.repositories.users.findByUsername(`${prefix}-${index}`);
      if (index % 4 === 3) {
        expect(outcome).toMatchObject({
          status: 'rejected',
          reason: { message: `refused ${index}` },
        });
        expect(user).toBeUndefined();
      } else {
        expect(outcome).toEqual({ status: 'fulfilled', value: user?.id });
        expect(user?.quota).toBe(70);
      }
    }
  });

  it('counts every statement it sends: BEGIN and COMMIT, and a refused one, included', async () => {
    const storage = current();
    const name = `tx-count-${Date.now().toString(36)}`;
    const user = await storage.repositories.users.create(newUser(name));
    const sent = (since: number) => storage.statementCount() - since;

    let before = storage.statementCount();
    await storage.repositories.users.findByUsername(name);
    expect(sent(before)).toBe(1);

    before = storage.statementCount();
    await storage.transaction(async (repositories) => {
      await repositories.users.debitQuota(user.id, 1);
      await repositories.users.findByUsername(name);
    });
    expect(sent(before)).toBe(4);

    before = storage.statementCount();
    await expect(storage.repositories.users.create(newUser(name))).rejects.toThrow();
    expect(sent(before)).toBe(1);
  });

  it('rolls back a failed statement of one transaction without touching the others', async () => {
    const storage = current();
    const taken = `tx-taken-${Date.now().toString(36)}`;
    await storage.repositories.users.create(newUser(taken));
    const [duplicate, fresh] = await Promise.allSettled([
      storage.transaction(async (repositories) => {
        await repositories.users.create(newUser(`${taken}-before-duplicate`));
        return repositories.users.create(newUser(taken));
      }),
      storage.transaction((repositories) => repositories.users.create(newUser(`${taken}-fresh`))),
    ]);

    expect(duplicate?.status).toBe('rejected');
    expect(fresh?.status).toBe('fulfilled');
    expect(
      await storage.repositories.users.findByUsername(`${taken}-before-duplicate`),
    ).toBeUndefined();
    expect(await storage.repositories.users.findByUsername(`${taken}-fresh`)).toBeDefined();
  });
});
