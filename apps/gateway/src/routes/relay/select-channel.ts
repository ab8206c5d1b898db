import type { Ability, Channel, Storage } from '@oneapi/storage';
import { GatewayError } from '../../http/gateway-error';

/**
 * Picks the channel for a request: the highest-priority tier of enabled channels that
 * serve the model for the group, then weighted random inside it (weight 0 still gets a
 * small share, as in One API). Single attempt; failover and health come with the router.
 */
export async function selectChannel(
  storage: Storage,
  group: string,
  model: string,
  random = Math.random,
): Promise<Channel> {
  const abilities = await storage.repositories.abilities.listForModel(group, model);
  if (abilities.length === 0) {
    throw new GatewayError(
      'no_channel_available',
      `No available channel for model ${model} in group ${group}`,
      {
        param: 'model',
      },
    );
  }
  const top = abilities[0]!.priority;
  const tier = abilities.filter((ability) => ability.priority === top);
  const chosen = pickWeighted(tier, random);
  const channel = await storage.repositories.channels.findById(chosen.channelId);
  if (!channel || channel.status !== 'enabled') {
    throw new GatewayError('no_channel_available', `No available channel for model ${model}`, {
      param: 'model',
    });
  }
  return channel;
}

// One API adds 10 to every weight so a weight-0 channel still sees some traffic.
const SMOOTHING = 10;

function pickWeighted(tier: readonly Ability[], random: () => number): Ability {
  const total = tier.reduce((sum, ability) => sum + ability.weight + SMOOTHING, 0);
  let point = random() * total;
  for (const ability of tier) {
    point -= ability.weight + SMOOTHING;
    if (point < 0) return ability;
  }
  return tier.at(-1)!;
}
