import type { Executor } from './executor';

/**
 * Key/value settings. Values are stored as JSON text and come back as `unknown`:
 * the gateway's option schema types them at the edge.
 */
export function createOptionsRepository({ db, dialect }: Executor) {
  return {
    async get(name: string): Promise<unknown> {
      const row = await db
        .selectFrom('options')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      return row === undefined ? undefined : JSON.parse(row.value);
    },

    async getAll(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('options').select(['name', 'value']).execute();
      return Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value)]));
    },

    async set(name: string, value: unknown, now = Date.now()): Promise<void> {
      const row = { name, value: JSON.stringify(value), updatedAt: now };
      const insert = db.insertInto('options').values(row);
      await (dialect === 'mysql'
        ? insert.onDuplicateKeyUpdate({ value: row.value, updatedAt: now })
        : insert.onConflict((conflict) =>
            conflict.column('name').doUpdateSet({ value: row.value, updatedAt: now }),
          )
      ).execute();
    },

    async delete(name: string): Promise<void> {
      await db.deleteFrom('options').where('name', '=', name).execute();
    },
  };
}

export type OptionsRepository = ReturnType<typeof createOptionsRepository>;
