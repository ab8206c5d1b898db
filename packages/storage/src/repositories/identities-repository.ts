import { sql } from 'kysely';
import type { IdentityRow } from '../schema';
import { affectedRows, type Executor, insertReturningId } from './executor';

export type Identity = IdentityRow;

export interface NewIdentity {
  readonly provider: string;
  readonly subject: string;
  readonly userId: number;
  readonly email: string | null;
}

/** Accounts at outside identity providers linked to users (sign-in with OIDC or GitHub). */
export function createIdentitiesRepository(executor: Executor) {
  const { db } = executor;
  const findById = (id: number) =>
    db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    /** Links an account; a second link of the same provider subject is a unique violation. */
    async create(identity: NewIdentity, now = Date.now()): Promise<Identity> {
      const id = await insertReturningId(
        executor,
        db.insertInto('identities').values({ ...identity, createdAt: now }),
      );
      return (await findById(id))!;
    },

    findBySubject: (provider: string, subject: string) =>
      db
        .selectFrom('identities')
        .selectAll()
        .where('provider', '=', provider)
        .where('subject', '=', subject)
        .executeTakeFirst(),

    /** A user's linked accounts, oldest first. */
    listForUser: (userId: number) =>
      db.selectFrom('identities').selectAll().where('userId', '=', userId).orderBy('id').execute(),

    /** Unlinks one of a user's accounts; false when the user has no such link. */
    async delete(userId: number, id: number): Promise<boolean> {
      return (
        affectedRows(
          await db
            .deleteFrom('identities')
            .where('id', '=', id)
            .where('userId', '=', userId)
            .executeTakeFirst(),
        ) === 1
      );
    },

    /**
     * Ids of the users who have proved they own `email` (a mailed link), ignoring case. An
     * address merely typed in is no claim to an account. Emails are not unique among users,
     * so the caller decides what several matches mean; at most two: enough to tell.
     */
    async findUserIdsByVerifiedEmail(email: string): Promise<number[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .where('emailVerifiedAt', 'is not', null)
        .limit(2)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type IdentitiesRepository = ReturnType<typeof createIdentitiesRepository>;
