import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('alert deliveries', (current) => {
  it('lets exactly one of several concurrent claims of an alert win, until it is forgotten', async () => {
    const { alertDeliveries } = current().repositories;
    const key = `quota_low:user:${randomUUID()}`;
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => alertDeliveries.claim(key, 'quota_low')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await alertDeliveries.has(key)).toBe(true);
    expect(await alertDeliveries.claim(key, 'quota_low')).toBe(false);

    await alertDeliveries.forget(key);
    expect(await alertDeliveries.has(key)).toBe(false);
    expect(await alertDeliveries.claim(key, 'quota_low')).toBe(true);
  });

  it('lists the enabled keys expiring within a window, soonest first', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const now = Date.now();
    const day = 86_400_000;
    const create = (name: string, expiresAt: number | null, status?: 'disabled') =>
      repositories.tokens.create({
        userId: user.id,
        name,
        keyHash: randomUUID(),
        keyPrefix: 'sk-test',
        expiresAt,
        ...(status && { status }),
      });
    const soon = await create('soon', now + day);
    const sooner = await create('sooner', now + day / 2);
    await create('later', now + 10 * day);
    await create('past', now - day);
    await create('never', null);
    await create('off', now + day, 'disabled');

    const expiring = await repositories.tokens.listExpiring(now, now + 3 * day);
    const mine = expiring.filter((token) => token.userId === user.id);
    expect(mine.map((token) => token.id)).toEqual([sooner.id, soon.id]);
  });
});
