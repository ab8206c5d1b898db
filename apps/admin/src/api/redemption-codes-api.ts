import { request } from './request';
import type { Page, RedemptionCode } from './types';

export interface NewCodeBatch {
  name: string;
  /** Quota each code credits. */
  quota: number;
  count: number;
  /** Milliseconds since the epoch, or null for never. */
  expiresAt: number | null;
}

/** The codes in clear text and as CSV: answered this once, only their hashes are kept. */
export interface CreatedCodeBatch {
  readonly codes: string[];
  readonly csv: string;
}

export const listRedemptionCodes = (cursor: string | null) =>
  request<Page<RedemptionCode>>(
    'GET',
    `/api/redemption-codes?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );

export const createRedemptionCodes = (input: NewCodeBatch) =>
  request<CreatedCodeBatch>('POST', '/api/redemption-codes', input);

export const setRedemptionCodesStatus = (ids: number[], status: 'enabled' | 'disabled') =>
  request<{ changed: number }>('POST', '/api/redemption-codes/status', { ids, status });

/** Credits the signed-in user; answers with the quota credited and the new balance. */
export const redeemCode = (code: string) =>
  request<{ credited: number; quota: number }>('POST', '/api/user/self/redeem', { code });

/** Every code as stored (no plain codes: only their hashes are kept), as a CSV download. */
export const REDEMPTION_CODES_EXPORT_URL = '/api/redemption-codes/export.csv';
