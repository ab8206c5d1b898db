import { type Executor, isUniqueViolation } from './executor';

/**
 * The alerts already sent, by identity. `claim` is the once-only gate: of several instances
 * noticing the same alert, the one whose insert lands sends it; the others see the key taken.
 */
export function createAlertDeliveriesRepository({ db }: Executor) {
  return {
    /** Records the alert as sent; false when it already was (by this or another instance). */
    async claim(alertKey: string, type: string, now = Date.now()): Promise<boolean> {
      try {
        await db.insertInto('alertDeliveries').values({ alertKey, type, createdAt: now }).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /** Whether the alert was sent (and not forgotten since). */
    async has(alertKey: string): Promise<boolean> {
      const row = await db
        .selectFrom('alertDeliveries')
        .select('id')
        .where('alertKey', '=', alertKey)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Re-arms an alert: the next claim of the key succeeds (a quota topped up again). */
    async forget(alertKey: string): Promise<void> {
      await db.deleteFrom('alertDeliveries').where('alertKey', '=', alertKey).execute();
    },

    /** Deletes rows older than `before` (epoch ms); returns how many. */
    async deleteBefore(before: number): Promise<number> {
      const result = await db
        .deleteFrom('alertDeliveries')
        .where('createdAt', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AlertDeliveriesRepository = ReturnType<typeof createAlertDeliveriesRepository>;
