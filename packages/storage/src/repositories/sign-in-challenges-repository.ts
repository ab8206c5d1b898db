import type { SignInChallengePurpose, SignInChallengeRow } from '../schema';
import { affectedRows, type Executor } from './executor';

export type SignInChallenge = SignInChallengeRow;

export interface NewSignInChallenge {
  readonly idHash: string;
  readonly purpose: SignInChallengePurpose;
  readonly userId: number | null;
  readonly challenge: string | null;
  readonly expiresAt: number;
}

/**
 * Sign-ins between their steps and WebAuthn challenges, kept in the database so that any
 * instance can finish what another began, and so that taking one is once only.
 */
export function createSignInChallengesRepository({ db }: Executor) {
  return {
    async create(challenge: NewSignInChallenge, now = Date.now()): Promise<void> {
      await db
        .insertInto('signInChallenges')
        .values({ ...challenge, createdAt: now })
        .execute();
    },

    /** The challenge if it exists for `purpose` and has not expired; it stays. */
    find: (idHash: string, purpose: SignInChallengePurpose, now = Date.now()) =>
      db
        .selectFrom('signInChallenges')
        .selectAll()
        .where('idHash', '=', idHash)
        .where('purpose', '=', purpose)
        .where('expiresAt', '>', now)
        .executeTakeFirst(),

    /**
     * Removes the challenge and returns it if it was still valid: of two requests taking the
     * same one, exactly one gets it.
     */
    async take(idHash: string, purpose: SignInChallengePurpose, now = Date.now()) {
      const found = await db
        .selectFrom('signInChallenges')
        .selectAll()
        .where('idHash', '=', idHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      if (!found) return undefined;
      const deleted = affectedRows(
        await db.deleteFrom('signInChallenges').where('idHash', '=', idHash).executeTakeFirst(),
      );
      return deleted === 1 && found.expiresAt > now ? found : undefined;
    },

    /** Counts a wrong code; returns the failures so far. */
    async recordFailure(idHash: string): Promise<number> {
      await db
        .updateTable('signInChallenges')
        .set((eb) => ({ failures: eb('failures', '+', 1) }))
        .where('idHash', '=', idHash)
        .execute();
      const row = await db
        .selectFrom('signInChallenges')
        .select('failures')
        .where('idHash', '=', idHash)
        .executeTakeFirst();
      return row?.failures ?? Number.POSITIVE_INFINITY;
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('signInChallenges').where('idHash', '=', idHash).execute();
    },

    async deleteExpired(now = Date.now()): Promise<number> {
      return affectedRows(
        await db.deleteFrom('signInChallenges').where('expiresAt', '<=', now).executeTakeFirst(),
      );
    },
  };
}

export type SignInChallengesRepository = ReturnType<typeof createSignInChallengesRepository>;
