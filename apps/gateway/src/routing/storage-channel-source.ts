import type { ChannelSource, Channel as RouterChannel } from '@oneapi/router';
import type { Channel, Storage } from '@oneapi/storage';
import { hostKey } from '../http/connect-guard';
import type { Logger } from '../log/create-logger';
import { openChannelKeys } from '../routes/admin/channel-keys';
import type { KeyCipher } from '../secrets/key-cipher';

export interface StorageChannelSource extends ChannelSource {
  /** Tells the router the channels changed (an admin edit, a health change). */
  changed(): void;
  /** Whether any channel not disabled by an admin serves this model to this group, as last read. */
  serves(group: string, model: string): boolean;
  /** The types (providers) of the channels not disabled by an admin that serve this model to this group. */
  typesServing(group: string, model: string): ReadonlySet<string>;
  /** Whether a channel with allowPrivateNetwork has its base URL at this `host:port`, as last read. */
  allowsPrivate(hostKey: string): boolean;
  /** The models channels not disabled by an admin serve to this group, sorted, as last read. */
  modelsFor(group: string): readonly string[];
}

/**
 * The router's channels, read from the database with their keys decrypted. Read once and
 * again on every change, never per request. A channel whose keys do not decrypt is left
 * out (and reported) rather than breaking routing for the others.
 */
export function createStorageChannelSource(
  storage: Storage,
  cipher: KeyCipher,
  logger: Logger,
): StorageChannelSource {
  const listeners = new Set<() => void>();
  let modelsByGroup = new Map<string, ReadonlySet<string>>();
  // "group\u0000model" -> channel types: which wire formats a request could be served in.
  let typesByRoute = new Map<string, ReadonlySet<string>>();
  let sortedByGroup = new Map<string, readonly string[]>();
  let privateHosts = new Set<string>();
  return {
    async getChannels() {
      const channels = await storage.repositories.channels.listAll();
      const building = new Map<string, Set<string>>();
      const types = new Map<string, Set<string>>();
      for (const channel of channels) {
        if (channel.status === 'manually_disabled') continue;
        for (const group of channel.groups) {
          const models = building.get(group) ?? new Set<string>();
          for (const model of channel.models) {
            models.add(model);
            const route = routeKey(group, model);
            types.set(route, (types.get(route) ?? new Set<string>()).add(channel.type));
          }
          building.set(group, models);
        }
      }
      modelsByGroup = building;
      typesByRoute = types;
      privateHosts = new Set(channels.flatMap(privateHostOf));
      sortedByGroup = new Map(
        [...building].map(([group, models]) => [group, [...models].sort()] as const),
      );
      return channels.flatMap((channel) => {
        try {
          return [toRouterChannel(channel, openChannelKeys(cipher, channel.keyCiphertext))];
        } catch {
          logger.error({ channelId: channel.id }, 'channel keys do not decrypt; channel skipped');
          return [];
        }
      });
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    changed() {
      for (const listener of listeners) listener();
    },
    serves: (group, model) => modelsByGroup.get(group)?.has(model) === true,
    typesServing: (group, model) => typesByRoute.get(routeKey(group, model)) ?? NO_TYPES,
    allowsPrivate: (key) => privateHosts.has(key),
    modelsFor: (group) => sortedByGroup.get(group) ?? [],
  };
}

const NO_TYPES: ReadonlySet<string> = new Set();

function routeKey(group: string, model: string): string {
  return `${group}\u0000${model}`;
}

/** The `host:port` a channel allowed onto a private network may reach: its base URL's. */
function privateHostOf(channel: Channel): string[] {
  if (channel.config?.allowPrivateNetwork !== true || !channel.baseUrl) return [];
  try {
    const url = new URL(channel.baseUrl);
    return [hostKey(url.hostname, url.port, url.protocol)];
  } catch {
    return [];
  }
}

function toRouterChannel(channel: Channel, keys: string[]): RouterChannel {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    keys,
    models: channel.models,
    groups: channel.groups,
    priority: channel.priority,
    weight: channel.weight,
    status: channel.status,
    ...(channel.baseUrl && { baseUrl: channel.baseUrl }),
    ...(channel.modelMapping && { modelMapping: channel.modelMapping }),
    ...(channel.config && { config: channel.config }),
    ...(channel.testModel && { testModel: channel.testModel }),
  };
}
