import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('options and sessions', (current) => {
  it('stores typed option values and overwrites them', async () => {
    const { options } = current().repositories;
    const name = `opt-${Math.random().toString(36).slice(2)}`;
    expect(await options.get(name)).toBeUndefined();
    await options.set(name, { groupRatio: { vip: 0.5 } });
    await options.set(name, { groupRatio: { vip: 0.8 } });
    expect(await options.get(name)).toEqual({ groupRatio: { vip: 0.8 } });
    expect((await options.getAll())[name]).toEqual({ groupRatio: { vip: 0.8 } });
    await options.delete(name);
    expect(await options.get(name)).toBeUndefined();
  });

  it('finds only unexpired sessions and signs a user out everywhere', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const id = () => Math.random().toString(36).slice(2);
    const [live, stale, other] = [id(), id(), id()];
    const session = { userId: user.id, csrfToken: 'csrf', createdAt: 0 };
    await repositories.sessions.create({ ...session, idHash: live, expiresAt: 10_000 });
    await repositories.sessions.create({ ...session, idHash: stale, expiresAt: 1_000 });
    await repositories.sessions.create({ ...session, idHash: other, expiresAt: 10_000 });
    expect(await repositories.sessions.findValid(live, 5_000)).toMatchObject({ userId: user.id });
    expect(await repositories.sessions.findValid(stale, 5_000)).toBeUndefined();
    expect(await repositories.sessions.deleteExpired(5_000)).toBeGreaterThanOrEqual(1);
    expect(await repositories.sessions.delete(live)).toBe(true);
    expect(await repositories.sessions.deleteForUser(user.id)).toBe(1);
    expect(await repositories.sessions.findValid(other, 5_000)).toBeUndefined();
  });
});
