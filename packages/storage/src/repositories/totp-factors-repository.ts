import type { TotpFactorRow } from '../schema';
import { affectedRows, type Executor } from './executor';

export type TotpFactor = TotpFactorRow;

/**
 * Users' TOTP authenticators and their recovery codes. Secrets arrive encrypted and codes
 * hashed: this layer never sees either in the clear.
 */
export function createTotpFactorsRepository({ db }: Executor) {
  return {
    find: (userId: number) =>
      db.selectFrom('totpFactors').selectAll().where('userId', '=', userId).executeTakeFirst(),

    /**
     * Starts (or restarts) an enrolment with a new secret, unconfirmed. False when the user
     * already has a confirmed one: that must be disabled first.
     */
    async startEnrolment(userId: number, secret: string, now = Date.now()): Promise<boolean> {
      await db
        .deleteFrom('totpFactors')
        .where('userId', '=', userId)
        .where('confirmedAt', 'is', null)
        .execute();
      const existing = await db
        .selectFrom('totpFactors')
        .select('userId')
        .where('userId', '=', userId)
        .executeTakeFirst();
      if (existing) return false;
      await db.insertInto('totpFactors').values({ userId, secret, createdAt: now }).execute();
      return true;
    },

    /**
     * Turns an enrolment on, with the step of the code that confirmed it spent, and replaces
     * the recovery codes. False when there was no unconfirmed enrolment to confirm.
     */
    async confirm(
      userId: number,
      step: number,
      recoveryCodeHashes: readonly string[],
      now = Date.now(),
    ): Promise<boolean> {
      const confirmed = affectedRows(
        await db
          .updateTable('totpFactors')
          .set({ confirmedAt: now, lastUsedStep: step })
          .where('userId', '=', userId)
          .where('confirmedAt', 'is', null)
          .executeTakeFirst(),
      );
      if (confirmed !== 1) return false;
      await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
      await db
        .insertInto('recoveryCodes')
        .values(recoveryCodeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })))
        .execute();
      return true;
    },

    /**
     * Spends a code's time step. False when that step or a later one was already spent, so
     * a code seen once (over a shoulder, in a proxy log) cannot be used again.
     */
    async spendStep(userId: number, step: number): Promise<boolean> {
      return (
        affectedRows(
          await db
            .updateTable('totpFactors')
            .set({ lastUsedStep: step })
            .where('userId', '=', userId)
            .where('lastUsedStep', '<', step)
            .executeTakeFirst(),
        ) === 1
      );
    },

    /** Spends one unused recovery code; false when there is none with that hash. */
    async spendRecoveryCode(userId: number, codeHash: string, now = Date.now()) {
      return (
        affectedRows(
          await db
            .updateTable('recoveryCodes')
            .set({ usedAt: now })
            .where('userId', '=', userId)
            .where('codeHash', '=', codeHash)
            .where('usedAt', 'is', null)
            .executeTakeFirst(),
        ) === 1
      );
    },

    async countUnusedRecoveryCodes(userId: number): Promise<number> {
      const row = await db
        .selectFrom('recoveryCodes')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('userId', '=', userId)
        .where('usedAt', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Every enrolment's user and sealed secret, for a key rotation. */
    listSecrets: () =>
      db.selectFrom('totpFactors').select(['userId', 'secret']).orderBy('userId').execute(),

    /**
     * Swaps a secret's ciphertext for another (a key rotation), only if it is still
     * `expected`: an enrolment restarted meanwhile is not overwritten.
     */
    async replaceSecret(userId: number, expected: string, secret: string): Promise<boolean> {
      return (
        affectedRows(
          await db
            .updateTable('totpFactors')
            .set({ secret })
            .where('userId', '=', userId)
            .where('secret', '=', expected)
            .executeTakeFirst(),
        ) === 1
      );
    },

    /** Removes the authenticator and its recovery codes; false when there was none. */
    async delete(userId: number): Promise<boolean> {
      await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
      return (
        affectedRows(
          await db.deleteFrom('totpFactors').where('userId', '=', userId).executeTakeFirst(),
        ) === 1
      );
    },
  };
}

export type TotpFactorsRepository = ReturnType<typeof createTotpFactorsRepository>;
