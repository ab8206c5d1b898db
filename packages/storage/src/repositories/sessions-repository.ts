import type { SessionRow } from '../schema';
import { affectedRows, type Executor } from './executor';

export type Session = SessionRow;

export function createSessionsRepository({ db }: Executor) {
  return {
    async create(session: Session): Promise<void> {
      await db.insertInto('sessions').values(session).execute();
    },

    /** The session if it exists and has not expired at `now`. */
    findValid: (idHash: string, now = Date.now()) =>
      db
        .selectFrom('sessions')
        .selectAll()
        .where('idHash', '=', idHash)
        .where('expiresAt', '>', now)
        .executeTakeFirst(),

    async delete(idHash: string): Promise<boolean> {
      return (
        affectedRows(
          await db.deleteFrom('sessions').where('idHash', '=', idHash).executeTakeFirst(),
        ) === 1
      );
    },

    /** Signs a user out everywhere, e.g. after a password change or a disable. */
    async deleteForUser(userId: number): Promise<number> {
      return affectedRows(
        await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst(),
      );
    },

    async deleteExpired(now = Date.now()): Promise<number> {
      return affectedRows(
        await db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst(),
      );
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
