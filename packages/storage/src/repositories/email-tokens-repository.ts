import type { EmailTokenPurpose, EmailTokenRow } from '../schema';
import { affectedRows, type Executor } from './executor';

export type EmailToken = EmailTokenRow;

export interface NewEmailToken {
  readonly userId: number;
  readonly purpose: EmailTokenPurpose;
  /** SHA-256 of the token mailed; the token itself is never stored. */
  readonly tokenHash: string;
  readonly email: string;
  readonly expiresAt: number;
}

/** The single-use links mailed to users (verify an address, reset a password). */
export function createEmailTokensRepository({ db }: Executor) {
  const deleteForUser = async (userId: number, purpose: EmailTokenPurpose) =>
    affectedRows(
      await db
        .deleteFrom('emailTokens')
        .where('userId', '=', userId)
        .where('purpose', '=', purpose)
        .executeTakeFirst(),
    );

  return {
    /**
     * Stores a new link for the user and drops their earlier ones of the same purpose: only
     * the latest mail works, and a user never holds more than one row per purpose.
     */
    async replace(token: NewEmailToken, now = Date.now()): Promise<void> {
      await deleteForUser(token.userId, token.purpose);
      await db
        .insertInto('emailTokens')
        .values({ ...token, createdAt: now })
        .execute();
    },

    /**
     * Uses up a link: the row is deleted whatever its state, and returned only if it had not
     * expired at `now`. Of two uses at once only the one whose delete took the row gets it.
     */
    async consume(
      purpose: EmailTokenPurpose,
      tokenHash: string,
      now = Date.now(),
    ): Promise<EmailToken | undefined> {
      const token = await db
        .selectFrom('emailTokens')
        .selectAll()
        .where('tokenHash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      if (!token) return undefined;
      const deleted = await db
        .deleteFrom('emailTokens')
        .where('id', '=', token.id)
        .executeTakeFirst();
      if (affectedRows(deleted) !== 1 || token.expiresAt <= now) return undefined;
      return token;
    },

    /** Drops a user's links of one purpose, e.g. every reset link once the password changed. */
    deleteForUser,
  };
}

export type EmailTokensRepository = ReturnType<typeof createEmailTokensRepository>;
