import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

const uniqueHash = () => `hash-${Math.random().toString(36).slice(2)}`.padEnd(64, '0');

describeEachDatabase('email tokens repository', (current) => {
  it('gives a link back once, and only before it expires', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories, { email: 'ada@example.com' });
    const tokenHash = uniqueHash();
    const token = { userId: user.id, email: 'ada@example.com', tokenHash };
    await repositories.emailTokens.replace(
      { ...token, purpose: 'verify_email', expiresAt: 2000 },
      1000,
    );
    // The purpose is part of the key: a verification link cannot reset a password.
    expect(
      await repositories.emailTokens.consume('reset_password', tokenHash, 1500),
    ).toBeUndefined();
    expect(await repositories.emailTokens.consume('verify_email', tokenHash, 1500)).toMatchObject({
      userId: user.id,
      email: 'ada@example.com',
    });
    expect(await repositories.emailTokens.consume('verify_email', tokenHash, 1500)).toBeUndefined();

    const late = uniqueHash();
    await repositories.emailTokens.replace(
      { ...token, tokenHash: late, purpose: 'verify_email', expiresAt: 2000 },
      1000,
    );
    expect(await repositories.emailTokens.consume('verify_email', late, 2000)).toBeUndefined();
  });

  it('keeps only the latest link of a purpose, and drops them on request', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories, { email: 'bo@example.com' });
    const base = { userId: user.id, email: 'bo@example.com', expiresAt: Date.now() + 60_000 };
    const [first, second, verify] = [uniqueHash(), uniqueHash(), uniqueHash()];
    await repositories.emailTokens.replace({
      ...base,
      purpose: 'reset_password',
      tokenHash: first,
    });
    await repositories.emailTokens.replace({ ...base, purpose: 'verify_email', tokenHash: verify });
    await repositories.emailTokens.replace({
      ...base,
      purpose: 'reset_password',
      tokenHash: second,
    });
    expect(await repositories.emailTokens.consume('reset_password', first)).toBeUndefined();
    expect(await repositories.emailTokens.deleteForUser(user.id, 'reset_password')).toBe(1);
    expect(await repositories.emailTokens.consume('reset_password', second)).toBeUndefined();
    // Another purpose's link is untouched.
    expect(await repositories.emailTokens.consume('verify_email', verify)).toMatchObject({
      userId: user.id,
    });
  });
});
