import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { isUniqueViolation } from './executor';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('users repository', (current) => {
  it('creates, finds and updates a user', async () => {
    const { users } = current().repositories;
    const created = await createTestUser(current().repositories, {
      email: 'ada@example.com',
      quota: 500_000,
      accessTokenHash: 'a'.repeat(64),
    });
    expect(created).toMatchObject({ quota: 500_000, usedQuota: 0, requestCount: 0, role: 'user' });
    expect(typeof created.id).toBe('number');
    expect(await users.findByUsername(created.username)).toEqual(created);
    expect((await users.findByAccessTokenHash('a'.repeat(64)))?.id).toBe(created.id);

    expect(await users.update(created.id, { role: 'admin', displayName: 'Ada' }, 42)).toBe(true);
    expect(await users.findById(created.id)).toMatchObject({
      role: 'admin',
      displayName: 'Ada',
      updatedAt: 42,
    });
    expect(await users.update(999_999, { role: 'admin' })).toBe(false);
  });

  it('refuses a duplicate username with a unique violation', async () => {
    const { repositories } = current();
    const first = await createTestUser(repositories);
    const duplicate = createTestUser(repositories, { username: first.username });
    await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
  });

  it('lists with filters, case-insensitive search that treats wildcards literally, and a cursor', async () => {
    const { repositories } = current();
    const tag = Math.random().toString(36).slice(2, 8);
    for (let index = 0; index < 5; index++) {
      await createTestUser(repositories, { displayName: `Team ${tag} member ${index}` });
    }
    await createTestUser(repositories, { displayName: `100% ${tag}` });
    await createTestUser(repositories, { displayName: `100x ${tag}` });

    const first = await repositories.users.list({ search: tag.toUpperCase(), limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).not.toBeNull();
    const second = await repositories.users.list({
      search: tag,
      limit: 4,
      cursor: first.nextCursor,
    });
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((user) => user.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(7);

    const literal = await repositories.users.list({ search: `100% ${tag}` });
    expect(literal.items.map((user) => user.displayName)).toEqual([`100% ${tag}`]);
  });

  it('assigns an invite code once, and never one another user holds', async () => {
    const { repositories } = current();
    const { users } = repositories;
    const tag = Math.random().toString(36).slice(2, 10);
    const first = await createTestUser(repositories);
    const second = await createTestUser(repositories);
    expect(await users.assignInviteCode(first.id, `a-${tag}`)).toBe(true);
    expect(await users.assignInviteCode(first.id, `b-${tag}`)).toBe(false);
    expect((await users.findById(first.id))?.inviteCode).toBe(`a-${tag}`);
    expect((await users.findByInviteCode(`a-${tag}`))?.id).toBe(first.id);
    await expect(users.assignInviteCode(second.id, `a-${tag}`)).rejects.toSatisfy(
      isUniqueViolation,
    );
    expect(await users.assignInviteCode(999_999, `c-${tag}`)).toBe(false);
  });

  it('debits quota only when enough remains', async () => {
    const { users } = current().repositories;
    const user = await createTestUser(current().repositories, { quota: 100 });
    expect(await users.debitQuota(user.id, 60)).toBe(true);
    expect(await users.debitQuota(user.id, 60)).toBe(false);
    expect(await users.debitQuota(user.id, 40)).toBe(true);
    expect((await users.findById(user.id))?.quota).toBe(0);
  });

  it('debits against what a change in the same statement returns, or writes nothing', async () => {
    const { users } = current().repositories;
    const user = await createTestUser(current().repositories, { quota: 100 });
    // 100 + 50 returned covers 150, not 151: the short debit leaves the row as it was.
    expect(
      await users.debitQuota(user.id, 151, { quota: 50, usedQuota: 30, requestCount: 1 }),
    ).toBe(false);
    expect(await users.findById(user.id)).toMatchObject({
      quota: 100,
      usedQuota: 0,
      requestCount: 0,
    });
    expect(
      await users.debitQuota(user.id, 150, { quota: 50, usedQuota: 30, requestCount: 1 }),
    ).toBe(true);
    expect(await users.findById(user.id)).toMatchObject({
      quota: 0,
      usedQuota: 30,
      requestCount: 1,
    });
    // A change that nets to nothing still finds the row (MySQL counts found rows).
    expect(await users.debitQuota(user.id, 10, { quota: 10 })).toBe(true);
    expect((await users.findById(user.id))?.quota).toBe(0);
  });

  it('applies counter changes in one statement', async () => {
    const { users } = current().repositories;
    const user = await createTestUser(current().repositories, { quota: 1_000 });
    await users.applyQuotaChange(user.id, { quota: -300, usedQuota: 300, requestCount: 1 });
    expect(await users.findById(user.id)).toMatchObject({
      quota: 700,
      usedQuota: 300,
      requestCount: 1,
    });
  });

  it('keeps integers past 2^32 exact', async () => {
    const { users } = current().repositories;
    const big = 2 ** 40 + 7;
    const user = await createTestUser(current().repositories, { quota: big });
    await users.applyQuotaChange(user.id, { quota: 1 });
    const stored = await users.findById(user.id);
    expect(stored?.quota).toBe(big + 1);
    expect(typeof stored?.quota).toBe('number');
  });

  it('never lets concurrent debits overspend a balance', async () => {
    const storage = current();
    const second = await storage.connectAgain();
    try {
      const user = await createTestUser(storage.repositories, { quota: 10 });
      const attempts = Array.from({ length: 60 }, (_, index) =>
        (index % 2 === 0 ? storage : second).repositories.users.debitQuota(user.id, 1),
      );
      const outcomes = await Promise.all(attempts);
      expect(outcomes.filter(Boolean)).toHaveLength(10);
      expect((await storage.repositories.users.findById(user.id))?.quota).toBe(0);
    } finally {
      await second.close();
    }
  });
});
