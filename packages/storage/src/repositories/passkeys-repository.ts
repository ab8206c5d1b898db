import type { PasskeyRow } from '../schema';
import { affectedRows, type Executor, insertReturningId } from './executor';

export type Passkey = PasskeyRow;

export interface NewPasskey {
  readonly userId: number;
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: string | null;
  readonly name: string;
}

/** Users' WebAuthn credentials: several per user, each usable for sign-in. */
export function createPasskeysRepository(executor: Executor) {
  const { db } = executor;
  const findById = (id: number) =>
    db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    /** A credential registered twice is a unique violation. */
    async create(passkey: NewPasskey, now = Date.now()): Promise<Passkey> {
      const id = await insertReturningId(
        executor,
        db.insertInto('passkeys').values({ ...passkey, createdAt: now }),
      );
      return (await findById(id))!;
    },

    findByCredentialId: (credentialId: string) =>
      db
        .selectFrom('passkeys')
        .selectAll()
        .where('credentialId', '=', credentialId)
        .executeTakeFirst(),

    /** A user's passkeys, oldest first. */
    listForUser: (userId: number) =>
      db.selectFrom('passkeys').selectAll().where('userId', '=', userId).orderBy('id').execute(),

    /**
     * Records a sign-in with the counter the authenticator reported. Conditional on the
     * counter read before, so of two sign-ins racing with one answer only one counts.
     */
    async recordUse(id: number, seenCounter: number, newCounter: number, now = Date.now()) {
      return (
        affectedRows(
          await db
            .updateTable('passkeys')
            .set({ counter: newCounter, lastUsedAt: now })
            .where('id', '=', id)
            .where('counter', '=', seenCounter)
            .executeTakeFirst(),
        ) === 1
      );
    },

    /** Removes one of a user's passkeys; false when the user has no such passkey. */
    async delete(userId: number, id: number): Promise<boolean> {
      return (
        affectedRows(
          await db
            .deleteFrom('passkeys')
            .where('id', '=', id)
            .where('userId', '=', userId)
            .executeTakeFirst(),
        ) === 1
      );
    },

    async deleteForUser(userId: number): Promise<number> {
      return affectedRows(
        await db.deleteFrom('passkeys').where('userId', '=', userId).executeTakeFirst(),
      );
    },
  };
}

export type PasskeysRepository = ReturnType<typeof createPasskeysRepository>;
