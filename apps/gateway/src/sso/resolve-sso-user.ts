import { randomBytes } from 'node:crypto';
import { isUniqueViolation, type Repositories, type Storage, type User } from '@oneapi/storage';
import type { AuditActor } from '../audit/audit-trail';
import { recordAudit } from '../audit/audit-trail';
import { toUserView } from '../routes/admin/views';
import { type ExternalIdentity, SsoError } from './external-identity';

export interface NewAccountDefaults {
  /** Whether an identity that matches no user may create one (`ssoSignUpEnabled`). */
  readonly signUpEnabled: boolean;
  readonly defaultGroup: string;
  readonly newUserQuota: number;
}

export interface ResolvedSsoUser {
  readonly user: User;
  /** How the identity found its user: an earlier link, a new link by email, a new account. */
  readonly outcome: 'linked' | 'linked_by_email' | 'created';
}

/**
 * Who an identity signs in as: the user it is linked to; else the one user who has proved
 * they own the email the provider has verified (a mailed link, or a password reset), which
 * links it; else a new account when sign-up through SSO is open. An unproved address on a
 * local account is no claim to it: anyone can type someone else's email into a profile.
 * Refused for a disabled user, a verified email shared by several users, or closed sign-up.
 */
export async function resolveSsoUser(
  storage: Storage,
  identity: ExternalIdentity,
  defaults: NewAccountDefaults,
  actorFrom: (user: User) => AuditActor,
): Promise<ResolvedSsoUser> {
  const { identities, users } = storage.repositories;
  const linked = await identities.findBySubject(identity.provider, identity.subject);
  if (linked) {
    const user = await users.findById(linked.userId);
    // The link cascades with its user, so a link without one is a race with a delete.
    if (!user) throw new SsoError('provider_failed', 'The linked account is gone');
    return { user: enabledOnly(user), outcome: 'linked' };
  }

  if (identity.verifiedEmail) {
    const matches = await identities.findUserIdsByVerifiedEmail(identity.verifiedEmail);
    if (matches.length > 1)
      throw new SsoError(
        'email_ambiguous',
        'Several accounts have this email; an admin must link one',
      );
    const match = matches[0] === undefined ? undefined : await users.findById(matches[0]);
    if (match) {
      enabledOnly(match);
      return linkOnce(storage, identity, async (repositories) => {
        await link(repositories, identity, match, actorFrom(match));
        return { user: match, outcome: 'linked_by_email' };
      });
    }
  }

  if (!defaults.signUpEnabled)
    throw new SsoError('sign_up_closed', 'No account matches and sign-up through SSO is closed');
  return linkOnce(storage, identity, async (repositories) => {
    const user = await repositories.users.create({
      username: await freeUsername(repositories, identity),
      displayName: (identity.name ?? identity.preferredUsername ?? 'user').slice(0, 64),
      // Only a verified address is kept, as proved: it is what a later email link trusts.
      email: identity.verifiedEmail,
      emailVerifiedAt: identity.verifiedEmail ? Date.now() : null,
      role: 'user',
      status: 'enabled',
      groupName: defaults.defaultGroup,
      passwordHash: null,
      quota: defaults.newUserQuota,
    });
    const actor = actorFrom(user);
    await recordAudit(repositories, actor, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: toUserView(user),
    });
    await link(repositories, identity, user, actor);
    return { user, outcome: 'created' };
  });

  // Two callbacks for the same new identity at once: the second's insert violates the unique
  // (provider, subject) and rolls back; it then signs in through the first one's link.
  async function linkOnce(
    store: Storage,
    external: ExternalIdentity,
    work: (repositories: Repositories) => Promise<ResolvedSsoUser>,
  ): Promise<ResolvedSsoUser> {
    try {
      return await store.transaction(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await identities.findBySubject(external.provider, external.subject);
      const user = raced && (await users.findById(raced.userId));
      if (!user) throw error;
      return { user: enabledOnly(user), outcome: 'linked' };
    }
  }
}

async function link(
  repositories: Repositories,
  identity: ExternalIdentity,
  user: User,
  actor: AuditActor,
): Promise<void> {
  const created = await repositories.identities.create({
    provider: identity.provider,
    subject: identity.subject,
    userId: user.id,
    email: identity.verifiedEmail,
  });
  await recordAudit(repositories, actor, {
    action: 'create',
    entityType: 'identity',
    entityId: created.id,
    after: {
      provider: created.provider,
      subject: created.subject,
      userId: user.id,
      email: created.email,
    },
  });
}

function enabledOnly(user: User): User {
  if (user.status !== 'enabled') throw new SsoError('account_disabled', 'This account is disabled');
  return user;
}

/** The provider's login name made to fit the username rules, with a suffix if it is taken. */
async function freeUsername(
  repositories: Repositories,
  identity: ExternalIdentity,
): Promise<string> {
  const fromProvider = (identity.preferredUsername ?? identity.verifiedEmail?.split('@')[0] ?? '')
    .replace(/[^a-zA-Z0-9_.-]/g, '')
    .slice(0, 48);
  const base = fromProvider.length >= 3 ? fromProvider : `${identity.provider}-user`;
  if (!(await repositories.users.findByUsername(base))) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await repositories.users.findByUsername(candidate))) return candidate;
  }
}
