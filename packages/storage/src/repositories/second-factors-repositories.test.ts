import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { isUniqueViolation } from './executor';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('second-factor repositories', (current) => {
  it('enrols TOTP once confirmed, spends each step and recovery code once, and removes it', async () => {
    const { repositories } = current();
    const { totpFactors } = repositories;
    const user = await createTestUser(repositories);
    expect(await totpFactors.startEnrolment(user.id, 'sealed-1')).toBe(true);
    // An unconfirmed enrolment is replaced by a restart.
    expect(await totpFactors.startEnrolment(user.id, 'sealed-2')).toBe(true);
    expect(await totpFactors.find(user.id)).toMatchObject({
      secret: 'sealed-2',
      confirmedAt: null,
    });

    expect(await totpFactors.confirm(user.id, 100, ['hash-a', 'hash-b'], 5)).toBe(true);
    expect(await totpFactors.confirm(user.id, 101, ['hash-c'])).toBe(false);
    expect(await totpFactors.find(user.id)).toMatchObject({ confirmedAt: 5, lastUsedStep: 100 });
    // A confirmed one is not replaced.
    expect(await totpFactors.startEnrolment(user.id, 'sealed-3')).toBe(false);

    expect(await totpFactors.spendStep(user.id, 100)).toBe(false);
    expect(await totpFactors.spendStep(user.id, 101)).toBe(true);
    expect(await totpFactors.spendStep(user.id, 101)).toBe(false);

    expect(await totpFactors.countUnusedRecoveryCodes(user.id)).toBe(2);
    expect(await totpFactors.spendRecoveryCode(user.id, 'hash-a')).toBe(true);
    expect(await totpFactors.spendRecoveryCode(user.id, 'hash-a')).toBe(false);
    expect(await totpFactors.spendRecoveryCode(user.id, 'hash-z')).toBe(false);
    expect(await totpFactors.countUnusedRecoveryCodes(user.id)).toBe(1);

    expect(await totpFactors.replaceSecret(user.id, 'sealed-1', 'sealed-9')).toBe(false);
    expect(await totpFactors.replaceSecret(user.id, 'sealed-2', 'sealed-4')).toBe(true);
    expect(await totpFactors.listSecrets()).toContainEqual({ userId: user.id, secret: 'sealed-4' });

    expect(await totpFactors.delete(user.id)).toBe(true);
    expect(await totpFactors.find(user.id)).toBeUndefined();
    expect(await totpFactors.countUnusedRecoveryCodes(user.id)).toBe(0);
  });

  it('keeps several passkeys per user, each credential once, with a counter that moves once', async () => {
    const { repositories } = current();
    const { passkeys } = repositories;
    const user = await createTestUser(repositories);
    const credentialId = `cred-${Math.random().toString(36).slice(2)}`;
    const laptop = {
      userId: user.id,
      credentialId,
      publicKey: 'pk',
      counter: 0,
      transports: '["internal"]',
      name: 'Laptop',
    };
    const first = await passkeys.create(laptop);
    await passkeys.create({ ...laptop, credentialId: `${credentialId}-2`, name: 'Phone' });
    await expect(passkeys.create({ ...laptop, name: 'Again' })).rejects.toSatisfy(
      isUniqueViolation,
    );
    expect((await passkeys.listForUser(user.id)).map((key) => key.name)).toEqual([
      'Laptop',
      'Phone',
    ]);
    expect(await passkeys.recordUse(first.id, 0, 3, 9)).toBe(true);
    expect(await passkeys.recordUse(first.id, 0, 4)).toBe(false);
    expect(await passkeys.findByCredentialId(credentialId)).toMatchObject({
      counter: 3,
      lastUsedAt: 9,
    });
    const other = await createTestUser(repositories);
    expect(await passkeys.delete(other.id, first.id)).toBe(false);
    expect(await passkeys.delete(user.id, first.id)).toBe(true);
    expect(await passkeys.deleteForUser(user.id)).toBe(1);
  });

  it('hands a sign-in challenge out once, and never after it expires', async () => {
    const { repositories } = current();
    const { signInChallenges } = repositories;
    const user = await createTestUser(repositories);
    const now = Date.now();
    const base = { purpose: 'second_factor' as const, userId: user.id, challenge: null };
    await signInChallenges.create({ ...base, idHash: `a-${now}`, expiresAt: now + 60_000 });
    await signInChallenges.create({ ...base, idHash: `b-${now}`, expiresAt: now - 1 });

    expect(await signInChallenges.find(`a-${now}`, 'passkey_sign_in')).toBeUndefined();
    expect(await signInChallenges.recordFailure(`a-${now}`)).toBe(1);
    expect(await signInChallenges.find(`a-${now}`, 'second_factor')).toMatchObject({
      userId: user.id,
      failures: 1,
    });
    expect(await signInChallenges.take(`a-${now}`, 'second_factor')).toMatchObject({
      userId: user.id,
    });
    expect(await signInChallenges.take(`a-${now}`, 'second_factor')).toBeUndefined();
    expect(await signInChallenges.find(`b-${now}`, 'second_factor')).toBeUndefined();
    expect(await signInChallenges.take(`b-${now}`, 'second_factor')).toBeUndefined();
  });
});
