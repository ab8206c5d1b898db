import { QUOTA_PER_UNIT } from '@oneapi/ledger';
import { type Context, Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';

/**
 * OpenAI's retired dashboard billing endpoints, which chat front ends (NextChat, LobeChat,
 * ...) still call to show a key's balance. The limit is what the key has used plus what it
 * can still spend: its own remaining quota, capped by its owner's, in US dollars.
 */
export function createBillingRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const toUsd = (quota: number) => quota / QUOTA_PER_UNIT;
  // The cached key is minutes old at worst; a balance should be current, so read it again.
  const fresh = async (c: Context<AppEnv>) => {
    const cached = c.get('token');
    const { tokens, users } = services.storage.repositories;
    const [token, owner] = await Promise.all([
      tokens.findByKeyHash(cached.keyHash),
      users.findById(cached.userId),
    ]);
    return { token: token ?? cached, owner: owner ?? c.get('tokenOwner') };
  };

  app.get('/dashboard/billing/subscription', async (c) => {
    const { token, owner } = await fresh(c);
    const spendable = token.unlimitedQuota ? owner.quota : Math.min(token.remainQuota, owner.quota);
    const limitUsd = toUsd(token.usedQuota + spendable);
    return c.json({
      object: 'billing_subscription',
      has_payment_method: true,
      soft_limit_usd: limitUsd,
      hard_limit_usd: limitUsd,
      system_hard_limit_usd: limitUsd,
      access_until: token.expiresAt === null ? 0 : Math.floor(token.expiresAt / 1000),
    });
  });

  // Cents, as OpenAI reported it; the date range a client sends is not narrowed here.
  app.get('/dashboard/billing/usage', async (c) => {
    const { token } = await fresh(c);
    return c.json({ object: 'list', total_usage: toUsd(token.usedQuota) * 100 });
  });

  return app;
}
