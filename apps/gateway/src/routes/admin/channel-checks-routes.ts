import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody } from '../../http/parse-body';
import { readBodyText } from '../../http/read-json';
import { listUpstreamModels } from './list-upstream-models';
import { readChannelBalance } from './read-channel-balance';
import { type ChannelTestReport, testChannel } from './test-channel';

export const testBody = z.strictObject({ model: z.string().min(1).max(191).optional() });

/**
 * Admin checks of channels against their upstreams: a test chat, the upstream's models and
 * its account balance.
 */
export function createChannelChecksRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { channels } = services.storage.repositories;
  const findChannel = async (id: number) => {
    const channel = await channels.findById(id);
    if (!channel) throw new GatewayError('not_found', 'No such channel');
    return channel;
  };

  // 200 whether or not the upstream answered: the test result is the payload.
  app.post('/channels/:id/test', async (c) => {
    const channel = await findChannel(idParam(c));
    // The body is optional: an empty one tests the channel's own test model.
    const { model } = (await readBodyText(c)).trim() === '' ? {} : await parseBody(c, testBody);
    return c.json(await testChannel(services, channel, model));
  });

  // One after another, so a large fleet is not hit all at once from one gateway.
  app.post('/channels/test', async (c) => {
    const items: ChannelTestReport[] = [];
    for (const channel of await channels.listAll()) {
      if (channel.status !== 'manually_disabled') items.push(await testChannel(services, channel));
    }
    return c.json({ items });
  });

  app.get('/channels/:id/upstream-models', async (c) => {
    const channel = await findChannel(idParam(c));
    return c.json({ models: await listUpstreamModels(services, channel) });
  });

  app.get('/channels/:id/balance', async (c) => {
    const channel = await findChannel(idParam(c));
    return c.json(await readChannelBalance(services, channel));
  });

  return app;
}
