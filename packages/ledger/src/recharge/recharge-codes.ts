import { createHash, randomBytes } from 'node:crypto';
import { LedgerError } from '../ledger-error';
import type { LedgerMetrics } from '../metrics';
import type { LedgerStore } from '../ports';
import { checkQuotaAmount } from '../quota';

export interface CreateRechargeCodesInput {
  /** Shown in the admin list; several batches may share a name. */
  readonly name: string;
  /** Quota each code credits. */
  readonly quota: number;
  /** How many codes, 1 to 10,000. */
  readonly count: number;
  /** Epoch ms after which the codes no longer redeem; null: never. */
  readonly expiresAt?: number | null;
  readonly createdBy?: number | null;
}

export interface CreatedRechargeCodes {
  /** The plaintext codes. Only their hashes are stored: this is the one chance to export them. */
  readonly codes: string[];
  /** `name,code,quota,expires_at` with a header line, for the admin to download once. */
  readonly csv: string;
}

const MAX_BATCH = 10_000;

/** SHA-256 of a code, hex: what storage keeps instead of the code. */
export const hashRechargeCode = (code: string): string =>
  createHash('sha256').update(code.trim()).digest('hex');

/** 32 hex characters (128 random bits), One API's code format. */
const generateCode = () => randomBytes(16).toString('hex');

/** Creates a batch of codes in one transaction: all of them or none. */
export async function createRechargeCodes(
  store: LedgerStore,
  input: CreateRechargeCodesInput,
  now = Date.now(),
): Promise<CreatedRechargeCodes> {
  checkQuotaAmount(input.quota, 'A code quota');
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) {
    throw new LedgerError('invalid_amount', `count must be 1 to ${MAX_BATCH}, got ${input.count}`);
  }
  const codes = Array.from({ length: input.count }, generateCode);
  await store.transaction((repositories) =>
    repositories.redemptionCodes.createMany(
      codes.map((code) => ({
        name: input.name,
        codeHash: hashRechargeCode(code),
        quota: input.quota,
        expiresAt: input.expiresAt ?? null,
        createdBy: input.createdBy ?? null,
      })),
      now,
    ),
  );
  return { codes, csv: toCsv(input, codes) };
}

function toCsv(input: CreateRechargeCodesInput, codes: readonly string[]): string {
  const expires = input.expiresAt == null ? '' : new Date(input.expiresAt).toISOString();
  const name = csvField(input.name);
  const lines = codes.map((code) => `${name},${code},${input.quota},${expires}`);
  return `name,code,quota,expires_at\n${lines.join('\n')}\n`;
}

// Quotes a field when needed, and defuses spreadsheet formulas (=, +, -, @ first).
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Redeems a code for `userId`: marks it redeemed and credits its quota in one transaction.
 * Of any number of concurrent attempts, on any dialect, exactly one credits; the others get
 * `code_not_redeemable`, as do unknown, disabled and expired codes.
 */
export async function redeemRechargeCode(
  store: LedgerStore,
  input: { readonly code: string; readonly userId: number },
  options: { metrics?: LedgerMetrics; now?: number } = {},
): Promise<{ readonly quota: number }> {
  const codeHash = hashRechargeCode(input.code);
  const now = options.now ?? Date.now();
  const quota = await store.transaction(async (repositories) => {
    if (!(await repositories.redemptionCodes.markRedeemed(codeHash, input.userId, now))) {
      return null;
    }
    const code = await repositories.redemptionCodes.findByHash(codeHash);
    const credited = code?.quota ?? 0;
    await repositories.users.applyQuotaChange(input.userId, { quota: credited });
    await repositories.logs.insertMany(
      [
        {
          type: 'topup',
          createdAt: now,
          userId: input.userId,
          quota: credited,
          content: `Redeemed a recharge code for ${credited} quota`,
        },
      ],
      now,
    );
    return credited;
  });
  if (quota === null) {
    throw new LedgerError(
      'code_not_redeemable',
      'This code does not exist, has already been used, is disabled or has expired',
    );
  }
  options.metrics?.increment('codes_redeemed');
  return { quota };
}
