import type { Kysely } from 'kysely';
import type { ChannelRow, ChannelStatus, Database } from '../schema';
import { runTransaction } from '../transaction';
import { readJson, writeJson } from '../values';
import { replaceChannelAbilities } from './abilities-repository';
import { compileOnce } from './compile-once';
import {
  affectedRows,
  containsText,
  type Executor,
  insertReturningId,
  type Page,
  type PageRequest,
  pageLimit,
  readCursor,
  toPage,
} from './executor';

/** An upstream account the router can send requests to. */
export interface Channel {
  readonly id: number;
  readonly type: string;
  readonly name: string;
  /** Encrypted by the gateway; this package never sees the plaintext keys. */
  readonly keyCiphertext: string;
  readonly baseUrl: string | null;
  readonly models: string[];
  readonly modelMapping: Record<string, string> | null;
  readonly groups: string[];
  readonly priority: number;
  readonly weight: number;
  readonly status: ChannelStatus;
  readonly statusReason: string | null;
  readonly statusChangedAt: number | null;
  readonly config: Record<string, unknown> | null;
  readonly testModel: string | null;
  readonly testedAt: number | null;
  readonly testLatencyMs: number | null;
  readonly balanceMicroUsd: number | null;
  readonly balanceUpdatedAt: number | null;
  readonly usedQuota: number;
  readonly tag: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewChannel = Pick<Channel, 'type' | 'name' | 'keyCiphertext' | 'models' | 'groups'> &
  Partial<
    Pick<
      Channel,
      'baseUrl' | 'modelMapping' | 'priority' | 'weight' | 'status' | 'config' | 'testModel' | 'tag'
    >
  >;

export type ChannelPatch = Partial<
  Pick<
    Channel,
    | 'type'
    | 'name'
    | 'keyCiphertext'
    | 'baseUrl'
    | 'models'
    | 'modelMapping'
    | 'groups'
    | 'priority'
    | 'weight'
    | 'config'
    | 'testModel'
    | 'tag'
  >
>;

export interface ChannelFilter extends PageRequest {
  readonly status?: ChannelStatus;
  readonly type?: string;
  readonly tag?: string;
  /** Matches the name by substring. */
  readonly search?: string;
}

export function toChannel(row: ChannelRow): Channel {
  return {
    ...row,
    models: readJson<string[]>(row.models, 'channels.models') ?? [],
    modelMapping: readJson<Record<string, string>>(row.modelMapping, 'channels.model_mapping'),
    groups: readJson<string[]>(row.groups, 'channels.groups') ?? [],
    config: readJson<Record<string, unknown>>(row.config, 'channels.config'),
  };
}

function toChannelColumns(patch: ChannelPatch) {
  const { models, modelMapping, groups, config, ...rest } = patch;
  return {
    ...rest,
    ...(models !== undefined && { models: JSON.stringify(models) }),
    ...(modelMapping !== undefined && { modelMapping: writeJson(modelMapping) }),
    ...(groups !== undefined && { groups: JSON.stringify(groups) }),
    ...(config !== undefined && { config: writeJson(config) }),
  };
}

// Run for every relayed request, so compiled once (compile-once.ts).
const addUsedQuota = compileOnce(2, ({ db }, id: number, quota: number) =>
  db
    .updateTable('channels')
    .set((eb) => ({ usedQuota: eb('usedQuota', '+', quota) }))
    .where('id', '=', id),
);

export function createChannelsRepository(executor: Executor) {
  const { db, dialect } = executor;
  // Channel rows and their abilities change together or not at all.
  const atomically = <T>(work: (executor: Kysely<Database>) => Promise<T>) =>
    db.isTransaction ? work(db) : runTransaction(db, work);

  async function findById(id: number, executor = db): Promise<Channel | undefined> {
    const row = await executor
      .selectFrom('channels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toChannel(row);
  }

  return {
    create(channel: NewChannel, now = Date.now()): Promise<Channel> {
      return atomically(async (executor) => {
        const id = await insertReturningId(
          { db: executor, dialect },
          executor.insertInto('channels').values({
            ...toChannelColumns(channel),
            type: channel.type,
            name: channel.name,
            keyCiphertext: channel.keyCiphertext,
            models: JSON.stringify(channel.models),
            groups: JSON.stringify(channel.groups),
            priority: channel.priority ?? 0,
            weight: channel.weight ?? 0,
            status: channel.status ?? 'enabled',
            createdAt: now,
            updatedAt: now,
          }),
        );
        const created = (await findById(id, executor))!;
        await replaceChannelAbilities(executor, created);
        return created;
      });
    },

    findById: (id: number) => findById(id),

    /** Every channel, for the router's in-memory index. */
    async listAll(): Promise<Channel[]> {
      const rows = await db.selectFrom('channels').selectAll().orderBy('id').execute();
      return rows.map(toChannel);
    },

    async list(filter: ChannelFilter = {}): Promise<Page<Channel>> {
      const limit = pageLimit(filter);
      const cursor = readCursor(filter.cursor);
      let query = db
        .selectFrom('channels')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor !== null) query = query.where('id', '<', cursor);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.type) query = query.where('type', '=', filter.type);
      if (filter.tag) query = query.where('tag', '=', filter.tag);
      if (filter.search) query = query.where(containsText('name', filter.search));
      const page = toPage(await query.execute(), limit);
      return { items: page.items.map(toChannel), nextCursor: page.nextCursor };
    },

    update(id: number, patch: ChannelPatch, now = Date.now()): Promise<Channel | undefined> {
      return atomically(async (executor) => {
        const result = await executor
          .updateTable('channels')
          .set({ ...toChannelColumns(patch), updatedAt: now })
          .where('id', '=', id)
          .executeTakeFirst();
        if (affectedRows(result) !== 1) return undefined;
        const updated = (await findById(id, executor))!;
        await replaceChannelAbilities(executor, updated);
        return updated;
      });
    },

    /**
     * Changes the status only when the current one is in `from`, so an automatic
     * re-enable can never undo an admin's manual disable. True when it changed.
     */
    setStatus(
      id: number,
      change: { to: ChannelStatus; from?: ChannelStatus[]; reason?: string | null },
      now = Date.now(),
    ): Promise<boolean> {
      return atomically(async (executor) => {
        let query = executor
          .updateTable('channels')
          .set({
            status: change.to,
            statusReason: change.reason ?? null,
            statusChangedAt: now,
            updatedAt: now,
          })
          .where('id', '=', id);
        if (change.from) query = query.where('status', 'in', change.from);
        if (affectedRows(await query.executeTakeFirst()) !== 1) return false;
        await executor
          .updateTable('abilities')
          .set({ enabled: change.to === 'enabled' ? 1 : 0 })
          .where('channelId', '=', id)
          .execute();
        return true;
      });
    },

    /**
     * Swaps the key ciphertext only while it still is `expected`, so a key rotation never
     * overwrites a key edited since it read the row. True when it changed. The channel's
     * settings are unchanged, so neither abilities nor updatedAt are touched.
     */
    async replaceKeyCiphertext(id: number, expected: string, next: string): Promise<boolean> {
      const result = await db
        .updateTable('channels')
        .set({ keyCiphertext: next })
        .where('id', '=', id)
        .where('keyCiphertext', '=', expected)
        .executeTakeFirst();
      return affectedRows(result) === 1;
    },

    async recordTest(id: number, latencyMs: number, now = Date.now()): Promise<void> {
      await db
        .updateTable('channels')
        .set({ testedAt: now, testLatencyMs: latencyMs })
        .where('id', '=', id)
        .execute();
    },

    async recordBalance(id: number, balanceMicroUsd: number, now = Date.now()): Promise<void> {
      await db
        .updateTable('channels')
        .set({ balanceMicroUsd, balanceUpdatedAt: now })
        .where('id', '=', id)
        .execute();
    },

    async addUsedQuota(id: number, quota: number): Promise<void> {
      await addUsedQuota(executor, id, quota);
    },

    async delete(id: number): Promise<boolean> {
      // Abilities go with it through ON DELETE CASCADE.
      return (
        affectedRows(await db.deleteFrom('channels').where('id', '=', id).executeTakeFirst()) === 1
      );
    },
  };
}

export type ChannelsRepository = ReturnType<typeof createChannelsRepository>;
