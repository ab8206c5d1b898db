import { hashRechargeCode } from '@oneapi/ledger';
import type { RedemptionCodeStatus } from '@oneapi/storage';
import { readNumber, readSeconds, readText, type SourceRow } from './source-values';

/** A source redemption code, hashed the way redeeming hashes what a user types. */
export interface CodeImport {
  readonly sourceId: number;
  readonly codeHash: string;
  readonly name: string;
  readonly quota: number;
  readonly status: RedemptionCodeStatus;
  readonly expiresAt: number | null;
  readonly createdAt: number | null;
  /** The admin who made it (redemptions.user_id). */
  readonly sourceCreatorId: number | null;
  /** Who redeemed it: new-api's used_user_id; One API does not record it. */
  readonly sourceRedeemerId: number | null;
  readonly redeemedAt: number | null;
}

// model/redemption.go: 1 enabled, 2 disabled, 3 used.
const STATUSES: Readonly<Record<number, RedemptionCodeStatus>> = {
  1: 'enabled',
  2: 'disabled',
  3: 'redeemed',
};

/** Maps one `redemptions` row; the plaintext code (32 hex characters) is kept only hashed. */
export function mapRedemption(row: SourceRow): CodeImport | undefined {
  const code = readText(row, 'key').trim();
  if (code === '') return undefined;
  const creator = readNumber(row, 'userId');
  const redeemer = readNumber(row, 'usedUserId');
  return {
    sourceId: readNumber(row, 'id'),
    codeHash: hashRechargeCode(code),
    name: (readText(row, 'name').trim() || 'imported').slice(0, 128),
    quota: readNumber(row, 'quota'),
    status: STATUSES[readNumber(row, 'status', 1)] ?? 'disabled',
    // new-api's expired_time: 0 never expires.
    expiresAt: readSeconds(row, 'expiredTime'),
    createdAt: readSeconds(row, 'createdTime'),
    sourceCreatorId: creator > 0 ? creator : null,
    sourceRedeemerId: redeemer > 0 ? redeemer : null,
    redeemedAt: readSeconds(row, 'redeemedTime'),
  };
}
