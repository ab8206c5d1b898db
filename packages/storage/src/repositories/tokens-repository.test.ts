import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestToken, createTestUser } from './testing/test-fixtures';

describeEachDatabase('tokens repository', (current) => {
  it('round-trips flags and lists, and finds a token by its key hash', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const created = await repositories.tokens.create({
      userId: user.id,
      name: 'ci',
      keyHash: 'f'.repeat(64),
      keyPrefix: 'sk-abcd',
      unlimitedQuota: true,
      allowedModels: ['gpt-4o', 'claude-sonnet-4'],
      allowedIps: ['10.0.0.0/8'],
      expiresAt: 1_900_000_000_000,
    });
    expect(created).toMatchObject({
      status: 'enabled',
      unlimitedQuota: true,
      allowedModels: ['gpt-4o', 'claude-sonnet-4'],
      allowedIps: ['10.0.0.0/8'],
      remainQuota: 0,
      groupName: null,
    });
    expect(await repositories.tokens.findByKeyHash('f'.repeat(64))).toEqual(created);

    await repositories.tokens.update(created.id, { allowedModels: null, unlimitedQuota: false });
    expect(await repositories.tokens.findById(created.id)).toMatchObject({
      allowedModels: null,
      unlimitedQuota: false,
      allowedIps: ['10.0.0.0/8'],
    });
  });

  it('replaces a token’s key: the new hash finds it, the old one nothing', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const token = await createTestToken(repositories, user.id);
    const newHash = `rotated-${Math.random()}`;
    await repositories.tokens.update(token.id, { keyHash: newHash, keyPrefix: 'sk-new1' });
    expect(await repositories.tokens.findByKeyHash(token.keyHash)).toBeUndefined();
    expect(await repositories.tokens.findByKeyHash(newHash)).toMatchObject({
      id: token.id,
      keyPrefix: 'sk-new1',
    });
  });

  it('debits remaining quota only when it covers the amount, unless unlimited', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const limited = await createTestToken(repositories, user.id, { remainQuota: 50 });
    const unlimited = await createTestToken(repositories, user.id, { unlimitedQuota: true });
    expect(await repositories.tokens.debitRemainQuota(limited.id, 30)).toBe(true);
    expect(await repositories.tokens.debitRemainQuota(limited.id, 30)).toBe(false);
    expect(await repositories.tokens.debitRemainQuota(unlimited.id, 1_000)).toBe(true);
    expect((await repositories.tokens.findById(limited.id))?.remainQuota).toBe(20);
    expect((await repositories.tokens.findById(unlimited.id))?.remainQuota).toBe(-1_000);
  });

  it('debits against what a change in the same statement returns, or writes nothing', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const limited = await createTestToken(repositories, user.id, { remainQuota: 50 });
    const unlimited = await createTestToken(repositories, user.id, { unlimitedQuota: true });
    const change = { remainQuota: 20, usedQuota: 5, lastUsedAt: 1_700_000_000_000 };
    expect(await repositories.tokens.debitRemainQuota(limited.id, 71, change)).toBe(false);
    expect(await repositories.tokens.findById(limited.id)).toMatchObject({
      remainQuota: 50,
      usedQuota: 0,
    });
    expect(await repositories.tokens.debitRemainQuota(limited.id, 70, change)).toBe(true);
    expect(await repositories.tokens.findById(limited.id)).toMatchObject({
      remainQuota: 0,
      usedQuota: 5,
      lastUsedAt: 1_700_000_000_000,
    });
    expect(await repositories.tokens.debitRemainQuota(unlimited.id, 1_000, change)).toBe(true);
    expect((await repositories.tokens.findById(unlimited.id))?.remainQuota).toBe(-980);
  });

  it('records usage and expires tokens past their expiry only', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const due = await repositories.tokens.create({
      userId: user.id,
      name: 'old',
      keyHash: `due-${Math.random()}`,
      keyPrefix: 'sk-old',
      expiresAt: 1_000,
    });
    const fresh = await createTestToken(repositories, user.id);
    await repositories.tokens.applyQuotaChange(fresh.id, { usedQuota: 12, lastUsedAt: 77 });
    expect(await repositories.tokens.expireDue(2_000)).toBeGreaterThanOrEqual(1);
    expect((await repositories.tokens.findById(due.id))?.status).toBe('expired');
    expect(await repositories.tokens.findById(fresh.id)).toMatchObject({
      status: 'enabled',
      usedQuota: 12,
      lastUsedAt: 77,
    });
  });

  it('lists a user’s tokens by page and deletes them with the user', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    for (let index = 0; index < 3; index++) await createTestToken(repositories, user.id);
    const page = await repositories.tokens.list({ userId: user.id, limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await repositories.tokens.list({ userId: user.id, cursor: page.nextCursor });
    expect(rest.items).toHaveLength(1);
    await repositories.users.delete(user.id);
    expect((await repositories.tokens.list({ userId: user.id })).items).toEqual([]);
  });
});
