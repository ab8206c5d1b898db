import type { Kysely } from 'kysely';
import type { AbilityRow, Database } from '../schema';
import { fromFlag } from '../values';
import type { Channel } from './channels-repository';
import type { Executor } from './executor';

/** One row of the routing index: this channel serves this model for this group. */
export interface Ability {
  readonly groupName: string;
  readonly model: string;
  readonly channelId: number;
  readonly enabled: boolean;
  readonly priority: number;
  readonly weight: number;
}

const toAbility = (row: AbilityRow): Ability => ({ ...row, enabled: fromFlag(row.enabled) });

/** Rebuilds a channel's abilities from its groups and models; run inside the channel's write. */
export async function replaceChannelAbilities(
  db: Kysely<Database>,
  channel: Channel,
): Promise<void> {
  await db.deleteFrom('abilities').where('channelId', '=', channel.id).execute();
  const models = [...new Set(channel.models)];
  const groups = [...new Set(channel.groups)];
  const rows = groups.flatMap((groupName) =>
    models.map((model) => ({
      groupName,
      model,
      channelId: channel.id,
      enabled: channel.status === 'enabled' ? 1 : 0,
      priority: channel.priority,
      weight: channel.weight,
    })),
  );
  // Batches keep each statement under every dialect's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('abilities')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export function createAbilitiesRepository({ db }: Executor) {
  return {
    /** Enabled abilities for one group and model, highest priority first. */
    async listForModel(groupName: string, model: string): Promise<Ability[]> {
      const rows = await db
        .selectFrom('abilities')
        .selectAll()
        .where('groupName', '=', groupName)
        .where('model', '=', model)
        .where('enabled', '=', 1)
        .orderBy('priority', 'desc')
        .orderBy('channelId')
        .execute();
      return rows.map(toAbility);
    },

    async listForChannel(channelId: number): Promise<Ability[]> {
      const rows = await db
        .selectFrom('abilities')
        .selectAll()
        .where('channelId', '=', channelId)
        .orderBy('groupName')
        .orderBy('model')
        .execute();
      return rows.map(toAbility);
    },

    /** The models a group can reach through at least one enabled channel, sorted. */
    async listModelsForGroup(groupName: string): Promise<string[]> {
      const rows = await db
        .selectFrom('abilities')
        .select('model')
        .distinct()
        .where('groupName', '=', groupName)
        .where('enabled', '=', 1)
        .orderBy('model')
        .execute();
      return rows.map((row) => row.model);
    },
  };
}

export type AbilitiesRepository = ReturnType<typeof createAbilitiesRepository>;
