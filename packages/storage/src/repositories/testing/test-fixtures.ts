import type { Repositories } from '../index';
import type { NewUser } from '../users-repository';

let sequence = 0;

/** A user with a unique name, for tests that need an owner. */
export function createTestUser(repositories: Repositories, overrides: Partial<NewUser> = {}) {
  sequence += 1;
  return repositories.users.create({
    username: `user-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    displayName: 'Test User',
    role: 'user',
    status: 'enabled',
    groupName: 'default',
    quota: 0,
    ...overrides,
  });
}

/** A token with a unique hash for `userId`. */
export function createTestToken(
  repositories: Repositories,
  userId: number,
  overrides: { remainQuota?: number; unlimitedQuota?: boolean } = {},
) {
  sequence += 1;
  return repositories.tokens.create({
    userId,
    name: `token-${sequence}`,
    keyHash: `hash-${sequence}-${Math.random().toString(36).slice(2)}`,
    keyPrefix: 'sk-test',
    ...overrides,
  });
}
