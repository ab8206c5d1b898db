import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/create-logger';
import { type ChangeBus, type ChangeTopic, createLocalChangeBus } from './change-bus';
import { openRedis } from './redis-client';

/** Longest an admin write waits for its change to be published to the other instances. */
const PUBLISH_TIMEOUT_MS = 500;

/**
 * Several instances: changes travel over Redis pub/sub, so a channel disabled through one
 * instance leaves rotation on all of them within a round trip. Pub/sub is fire-and-forget:
 * an instance that was disconnected may have missed changes, so on every (re)connect it
 * runs all handlers once to catch up.
 */
export async function createRedisChangeBus(options: {
  readonly url: string;
  readonly keyPrefix: string;
  readonly logger: Logger;
}): Promise<ChangeBus> {
  const { logger } = options;
  const local = createLocalChangeBus(logger);
  const topics = new Set<ChangeTopic>();
  const origin = randomUUID();
  const channel = `${options.keyPrefix}changes`;
  const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  // An admin write awaits its publish: with Redis unreachable but the connection still up
  // (a dropped route), a publish without a timeout would hold that write forever.
  const publisher = openRedis(options.url, { ...redisOptions, commandTimeout: PUBLISH_TIMEOUT_MS });
  const subscriber = openRedis(options.url, { ...redisOptions, enableOfflineQueue: true });
  for (const client of [publisher, subscriber])
    client.on('error', (error) => logger.warn({ err: String(error) }, 'change bus: Redis error'));

  subscriber.on('message', (_channel: string, text: string) => {
    try {
      const message = JSON.parse(text) as { topic: ChangeTopic; origin: string };
      if (message.origin !== origin) void local.publish(message.topic);
    } catch {
      logger.warn({}, 'change bus: unreadable message ignored');
    }
  });
  let connectedOnce = false;
  subscriber.on('ready', () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    // A reconnect: whatever was published meanwhile is lost, so refresh everything.
    for (const topic of topics) void local.publish(topic);
  });
  await Promise.all([publisher.connect(), subscriber.connect()]).catch((error: unknown) => {
    logger.warn({ err: String(error) }, 'change bus: Redis not reachable; changes stay local');
  });
  // Subscribed before the first request when Redis is there; queued until it is otherwise.
  const subscribed = subscriber.subscribe(channel).catch(() => {});
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);

  return {
    async publish(topic) {
      await local.publish(topic);
      await publisher
        .publish(channel, JSON.stringify({ topic, origin }))
        .catch((error: unknown) => {
          logger.warn({ topic, err: String(error) }, 'change bus: publish failed');
        });
    },
    subscribe(topic, handler) {
      topics.add(topic);
      local.subscribe(topic, handler);
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
