import type { Logger } from '../log/create-logger';

/**
 * What an admin write can make stale in every instance's memory: cached API keys (`tokens`),
 * the router's channel index (`channels`), prices and settings (`options`).
 */
export type ChangeTopic = 'tokens' | 'channels' | 'options';

export interface ChangeBus {
  /** Runs this instance's handlers (awaited) and tells every other instance to run theirs. */
  publish(topic: ChangeTopic): Promise<void>;
  subscribe(topic: ChangeTopic, handler: () => void | Promise<void>): void;
  close(): Promise<void>;
}

/** One instance: a change only concerns this process. */
export function createLocalChangeBus(logger: Logger): ChangeBus {
  const handlers = new Map<ChangeTopic, Array<() => void | Promise<void>>>();
  const run = async (topic: ChangeTopic) => {
    for (const handler of handlers.get(topic) ?? []) {
      try {
        await handler();
      } catch (error) {
        logger.error({ topic, err: String(error) }, 'change handler failed');
      }
    }
  };
  return {
    publish: run,
    subscribe(topic, handler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler]);
    },
    close: async () => {},
  };
}
