import { createRechargeCodes, redeemRechargeCode } from '@oneapi/ledger';
import type { RedemptionCode } from '@oneapi/storage';
import { Hono } from 'hono';
import { z } from 'zod';
import { checkQuotaAlertLater } from '../../alerts/quota-alert';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import { auditedStore } from '../../audit/audited-ledger-store';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { parseBody, parseQuery } from '../../http/parse-body';
import { type CsvColumn, csvResponse, csvTime, exportFilename, readPages } from './csv-export';
import { createLoginThrottle } from './login-throttle';

export const newBatch = z.strictObject({
  name: z.string().min(1).max(128),
  /** Quota each code credits. */
  quota: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  count: z.number().int().min(1).max(1000),
  /** Epoch ms; null: never expires. */
  expiresAt: z.number().int().positive().nullable().default(null),
});
export const statusChange = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(1000),
  status: z.enum(['enabled', 'disabled']),
});
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(32).optional(),
  search: z.string().max(128).optional(),
  status: z.enum(['enabled', 'disabled', 'redeemed']).optional(),
});
export const redeem = z.strictObject({ code: z.string().min(8).max(128) });
/** The list's filters; the export pages through the cursor itself. */
export const codeExportQuery = listQuery.omit({ limit: true, cursor: true });

// Only what is stored: the codes themselves are hashed, shown once in the creation answer.
const CODE_COLUMNS: readonly CsvColumn<RedemptionCode>[] = [
  ['id', (code) => code.id],
  ['name', (code) => code.name],
  ['status', (code) => code.status],
  ['quota', (code) => code.quota],
  ['expires_at', (code) => csvTime(code.expiresAt)],
  ['created_by', (code) => code.createdBy],
  ['created_at', (code) => csvTime(code.createdAt)],
  ['redeemed_by', (code) => code.redeemedBy],
  ['redeemed_at', (code) => csvTime(code.redeemedAt)],
];

/**
 * Recharge codes: admins create them in batches (the codes and a CSV are returned once;
 * only hashes are kept), list, export and disable them; any user redeems one for their own
 * quota.
 */
export function createRedemptionCodesRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { redemptionCodes } = services.storage.repositories;
  // Guessing codes is throttled like guessing passwords.
  const guesses = createLoginThrottle();

  app.get('/redemption-codes', async (c) => {
    const page = await redemptionCodes.list(parseQuery(c, listQuery));
    return c.json({
      items: page.items.map(({ codeHash: _hash, ...code }) => code),
      nextCursor: page.nextCursor,
    });
  });

  app.get('/redemption-codes/export.csv', async (c) => {
    const filter = parseQuery(c, codeExportQuery);
    return csvResponse(c, {
      filename: exportFilename('redemption-codes'),
      columns: CODE_COLUMNS,
      batches: readPages((page) => redemptionCodes.list({ ...filter, ...page })),
    });
  });

  app.post('/redemption-codes', async (c) => {
    const body = await parseBody(c, newBatch);
    // The codes are shown once and stored hashed: the entry names the batch, never a code.
    const store = auditedStore(services.storage, auditActorOf(c), {
      action: 'create',
      entityType: 'redemption_code',
      entityId: body.name,
      after: body,
    });
    const created = await createRechargeCodes(store, { ...body, createdBy: c.get('user').id });
    return c.json({ codes: created.codes, csv: created.csv }, 201);
  });

  app.post('/redemption-codes/status', async (c) => {
    const body = await parseBody(c, statusChange);
    const changed = await services.storage.transaction(async (repositories) => {
      const count = await repositories.redemptionCodes.setStatus(body.ids, body.status);
      if (count > 0)
        await recordAudit(repositories, auditActorOf(c), {
          action: body.status === 'enabled' ? 'enable' : 'disable',
          entityType: 'redemption_code',
          entityId: listOfIds(body.ids),
          after: { ids: body.ids, status: body.status, changed: count },
        });
      return count;
    });
    return c.json({ changed });
  });

  app.post('/user/self/redeem', async (c) => {
    const { code } = await parseBody(c, redeem);
    const user = c.get('user');
    const key = `redeem|${user.id}`;
    guesses.check(key);
    try {
      const { quota } = await redeemRechargeCode(services.storage, {
        code: code.trim(),
        userId: user.id,
      });
      guesses.succeed(key);
      checkQuotaAlertLater(services, user.id);
      return c.json({
        credited: quota,
        quota: (await services.storage.repositories.users.findById(user.id))!.quota,
      });
    } catch (error) {
      guesses.fail(key);
      throw error;
    }
  });

  return app;
}

// The entity id column holds 191 characters; the full list is in the entry's `after`.
function listOfIds(ids: readonly number[]): string {
  const list = ids.join(',');
  return list.length <= 191 ? list : `${list.slice(0, 190)}…`;
}
