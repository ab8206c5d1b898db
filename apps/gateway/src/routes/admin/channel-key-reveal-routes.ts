import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody } from '../../http/parse-body';
import { peerAddress } from '../../http/peer-address';
import { verifyPassword } from '../../secrets/passwords';
import { openChannelKeys } from './channel-keys';
import { createLoginThrottle } from './login-throttle';

export const keyReveal = z.strictObject({ password: z.string().min(1).max(256) });

/**
 * Shows a channel's upstream keys in full: to root only, and only after root types the
 * password again, session or access token notwithstanding, so a stolen cookie or token
 * alone never yields a key. Every attempt, allowed or refused, leaves an `audit` log row
 * naming the channel and the caller, never a key.
 */
export function createChannelKeyRevealRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { channels, logs } = services.storage.repositories;
  const wrongPasswords = createLoginThrottle();

  // The policy lets admins in so that their attempts are audited too; only root passes.
  app.post('/channels/:id/key', async (c) => {
    const user = c.get('user');
    const channelId = idParam(c);
    const audit = (outcome: string) =>
      logs.insertMany([
        {
          type: 'audit',
          userId: user.id,
          channelId,
          requestId: c.get('requestId'),
          clientIp: peerAddress(c) ?? null,
          content: `channel ${channelId} keys ${outcome} user ${user.id} (${user.username})`,
        },
      ]);
    const throttleKey = `reveal|${user.id}`;
    let keys: string[];
    try {
      if (user.role !== 'root')
        throw new GatewayError('forbidden', 'Only root can see channel keys');
      try {
        wrongPasswords.check(throttleKey);
      } catch (error) {
        throw new GatewayError('too_many_requests', 'Too many wrong passwords; try again later', {
          cause: error,
        });
      }
      const { password } = await parseBody(c, keyReveal);
      if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
        wrongPasswords.fail(throttleKey);
        throw new GatewayError('forbidden', 'Wrong password', { param: 'password' });
      }
      wrongPasswords.succeed(throttleKey);
      const channel = await channels.findById(channelId);
      if (!channel) throw new GatewayError('not_found', 'No such channel');
      keys = openChannelKeys(services.cipher, channel.keyCiphertext);
    } catch (error) {
      // Our own messages name no key; anything else (a database or decryption failure) might.
      const reason = error instanceof GatewayError ? error.message : 'internal error';
      await audit(`refused (${reason}) to`);
      throw error;
    }
    // Written before the answer: a reveal that cannot be audited does not happen.
    await audit('revealed to');
    c.header('cache-control', 'no-store');
    return c.json({ keys });
  });

  return app;
}
