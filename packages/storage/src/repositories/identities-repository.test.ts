import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { isUniqueViolation } from './executor';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('identities repository', (current) => {
  it('links a provider subject to one user once, lists and unlinks it', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const subject = `sub-${Math.random().toString(36).slice(2)}`;
    const linked = await repositories.identities.create({
      provider: 'oidc',
      subject,
      userId: user.id,
      email: 'ada@example.com',
    });
    expect(linked).toMatchObject({ provider: 'oidc', subject, userId: user.id });
    expect(await repositories.identities.findBySubject('oidc', subject)).toEqual(linked);
    // The same subject at another provider is another account.
    expect(await repositories.identities.findBySubject('github', subject)).toBeUndefined();

    const other = await createTestUser(repositories);
    const again = repositories.identities.create({
      provider: 'oidc',
      subject,
      userId: other.id,
      email: null,
    });
    await expect(again).rejects.toSatisfy(isUniqueViolation);

    expect(await repositories.identities.listForUser(user.id)).toEqual([linked]);
    expect(await repositories.identities.delete(other.id, linked.id)).toBe(false);
    expect(await repositories.identities.delete(user.id, linked.id)).toBe(true);
    expect(await repositories.identities.listForUser(user.id)).toEqual([]);
  });

  it('goes with its user', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    await repositories.identities.create({
      provider: 'github',
      subject: `gh-${Math.random().toString(36).slice(2)}`,
      userId: user.id,
      email: null,
    });
    await repositories.users.delete(user.id);
    expect(await repositories.identities.listForUser(user.id)).toEqual([]);
  });

  it('finds users by a verified email whatever its case, and never by an unverified one', async () => {
    const { repositories } = current();
    const email = `Grace-${Math.random().toString(36).slice(2)}@Example.com`;
    const user = await createTestUser(repositories, { email });
    const find = repositories.identities.findUserIdsByVerifiedEmail;
    expect(await find(email.toLowerCase())).toEqual([]);
    await repositories.users.update(user.id, { emailVerifiedAt: Date.now() });
    expect(await find(email.toLowerCase())).toEqual([user.id]);
    expect(await find(`x${email}`)).toEqual([]);
  });
});
