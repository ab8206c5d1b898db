import type { Token, User } from '@oneapi/storage';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { generateApiKey, hashSecret, keyPrefixOf } from '../../secrets/hash-secret';
import { toTokenView } from './views';

/** The name of each user's one Playground key, as the API keys page lists it. */
export const PLAYGROUND_KEY_NAME = 'playground';
/** Each handout works this long; the next visit hands out a new secret and a new day. */
export const PLAYGROUND_KEY_LIFETIME_MS = 24 * 3_600_000;
// Enough to find the key among a user's; a user with more keys than this gets a second one.
const SEARCH_LIMIT = 500;

/**
 * The dashboard Playground's key: one per user, made on the first call and reused after.
 * Only a key's hash is stored, so its secret cannot be read back: each call rotates the one
 * key (same row, new secret, expiry moved a day on) and answers the new secret, which the
 * dashboard keeps for the tab. A tab still holding the old secret gets a 401 and asks again.
 */
export function createPlaygroundKeyRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { tokens } = services.storage.repositories;

  const findPlaygroundKey = async (user: User): Promise<Token | undefined> => {
    const page = await tokens.list({
      userId: user.id,
      search: PLAYGROUND_KEY_NAME,
      limit: SEARCH_LIMIT,
    });
    // Newest first: earlier dashboards left one "playground" key per visit; the newest wins.
    return page.items.find((token) => token.name === PLAYGROUND_KEY_NAME);
  };

  app.post('/user/self/playground-key', async (c) => {
    const user = c.get('user');
    const key = generateApiKey();
    const expiresAt = Date.now() + PLAYGROUND_KEY_LIFETIME_MS;
    const secret = { keyHash: hashSecret(key), keyPrefix: keyPrefixOf(key) };
    const existing = await findPlaygroundKey(user);
    let token: Token;
    if (existing) {
      // Re-enabled too: an expired or disabled Playground key would leave the page broken.
      await tokens.update(existing.id, { ...secret, expiresAt, status: 'enabled' });
      token = (await tokens.findById(existing.id))!;
    } else {
      // Unlimited on its own: the owner's quota is still the limit, as for any key.
      token = await tokens.create({
        ...secret,
        userId: user.id,
        name: PLAYGROUND_KEY_NAME,
        unlimitedQuota: true,
        expiresAt,
      });
    }
    // The old secret may sit in the relay's key cache: drop it everywhere.
    await services.changes.publish('tokens');
    return c.json({ ...toTokenView(token), key }, existing ? 200 : 201);
  });

  return app;
}
