import type { NewUser, UserRole } from '@oneapi/storage';
import { hashSecret } from '../../secrets/hash-secret';
import { isBcryptHash } from '../../secrets/passwords';
import { readNumber, readSeconds, readText, type SourceRow } from './source-values';

/** A source user ready to be written, with the counters `create` does not take. */
export interface UserImport {
  readonly sourceId: number;
  /** Without `inviterId`: the inviter's id here is known only once it is imported. */
  readonly user: NewUser;
  readonly sourceInviterId: number | null;
  readonly usedQuota: number;
  readonly requestCount: number;
  readonly createdAt: number | null;
  /** False when the source hash is one we cannot verify (or there was none): reset needed. */
  readonly passwordUsable: boolean;
}

export type MappedUser =
  | { readonly kind: 'import'; readonly value: UserImport }
  | { readonly kind: 'skip'; readonly sourceId: number; readonly reason: string };

/** common/constants.go (One API and new-api): 1 common, 10 admin, 100 root. */
function mapRole(role: number): UserRole {
  if (role >= 100) return 'root';
  return role >= 10 ? 'admin' : 'user';
}

/** Maps one `users` row. One API's username rule is max 12 characters; ours takes 64. */
export function mapUser(row: SourceRow): MappedUser {
  const sourceId = readNumber(row, 'id');
  const username = readText(row, 'username').trim();
  if (username === '' || username.length > 64) {
    return { kind: 'skip', sourceId, reason: `username ${JSON.stringify(username)} is unusable` };
  }
  // Both keep bcrypt from golang.org/x/crypto (common/crypto.go Password2Hash), which
  // secrets/passwords.ts verifies; an OAuth-only account has an empty password.
  const password = readText(row, 'password');
  const passwordUsable = isBcryptHash(password);
  const accessToken = readText(row, 'accessToken').trim();
  const inviteCode = readText(row, 'affCode').trim();
  const email = readText(row, 'email').trim();
  const inviterId = readNumber(row, 'inviterId');
  return {
    kind: 'import',
    value: {
      sourceId,
      user: {
        username,
        passwordHash: passwordUsable ? password : null,
        displayName: (readText(row, 'displayName').trim() || username).slice(0, 128),
        role: mapRole(readNumber(row, 'role', 1)),
        // 1 enabled, 2 disabled.
        status: readNumber(row, 'status', 1) === 1 ? 'enabled' : 'disabled',
        email: email === '' ? null : email.slice(0, 255),
        groupName: (readText(row, 'group').trim() || 'default').slice(0, 64),
        quota: readNumber(row, 'quota'),
        // One API's access token (a UUID, plaintext) still opens the admin API as a Bearer token.
        accessTokenHash: accessToken === '' ? null : hashSecret(accessToken),
        inviteCode: inviteCode === '' ? null : inviteCode.slice(0, 32),
      },
      sourceInviterId: inviterId > 0 ? inviterId : null,
      usedQuota: readNumber(row, 'usedQuota'),
      requestCount: readNumber(row, 'requestCount'),
      createdAt: readSeconds(row, 'createdTime'),
      passwordUsable,
    },
  };
}
