import type { Channel } from './channel';
import type { ChannelSource } from './ports';

export interface StaticChannelSource extends ChannelSource {
  /** Replaces the list and tells the router to rebuild its index. */
  set(channels: readonly Channel[]): void;
}

/** A channel source over an in-memory list: for config files, tests and examples. */
export function createStaticChannelSource(initial: readonly Channel[]): StaticChannelSource {
  let channels = initial;
  const listeners = new Set<() => void>();
  return {
    getChannels: () => channels,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    set(next) {
      channels = next;
      for (const listener of listeners) listener();
    },
  };
}
