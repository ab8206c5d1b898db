import type { UserRole } from '@oneapi/storage';

/** Who may call an admin route: anyone, any signed-in user, an admin or root. */
export type Access = 'public' | UserRole;

/**
 * The one declaration of admin API access, `METHOD path` -> minimum role. A route that is
 * not listed here is refused (fail closed), and a test fails for any route missing from it.
 * Object ownership (a user's own tokens) is checked in the handlers on top of this.
 */
export const ADMIN_POLICY: Readonly<Record<string, Access>> = {
  'GET /api/status': 'public',
  'GET /api/openapi.json': 'public',
  // 404 unless root turned the publicPricing setting on.
  'GET /api/public/pricing': 'public',
  'POST /api/setup': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/register': 'public',
  'POST /api/auth/logout': 'user',
  // Mailed links: the token is the proof, so opening one needs no session.
  'POST /api/auth/email-verification/confirm': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'POST /api/user/self/email-verification': 'user',
  // Sign-in through an identity provider: which are on, the redirect there, and back.
  'GET /api/auth/sso': 'public',
  'GET /api/auth/sso/:provider/start': 'public',
  'GET /api/auth/sso/:provider/callback': 'public',
  'GET /api/user/self/identities': 'user',
  'DELETE /api/user/self/identities/:id': 'user',
  'GET /api/users/:id/identities': 'admin',
  // The second step of a sign-in; the handlers require the pending sign-in's cookie.
  'POST /api/auth/second-factor': 'public',
  'DELETE /api/auth/second-factor': 'public',
  'POST /api/auth/second-factor/passkey/options': 'public',
  'POST /api/auth/second-factor/passkey': 'public',
  // Passwordless sign-in with a discoverable passkey.
  'POST /api/auth/passkey/options': 'public',
  'POST /api/auth/passkey': 'public',
  'GET /api/user/self/totp': 'user',
  'POST /api/user/self/totp': 'user',
  'POST /api/user/self/totp/confirm': 'user',
  'POST /api/user/self/totp/disable': 'user',
  'GET /api/user/self/passkeys': 'user',
  'POST /api/user/self/passkeys/options': 'user',
  'POST /api/user/self/passkeys': 'user',
  'DELETE /api/user/self/passkeys/:id': 'user',
  // Root's check for admins is in the handler, as for the other user routes.
  'DELETE /api/users/:id/second-factors': 'admin',
  'GET /api/user/self': 'user',
  'PATCH /api/user/self': 'user',
  'POST /api/user/self/access-token': 'user',
  'GET /api/user/self/invite': 'user',
  'POST /api/user/self/playground-key': 'user',
  'GET /api/tokens': 'user',
  'POST /api/tokens': 'user',
  'PATCH /api/tokens/:id': 'user',
  'DELETE /api/tokens/:id': 'user',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'GET /api/users/:id': 'admin',
  'PATCH /api/users/:id': 'admin',
  'DELETE /api/users/:id': 'admin',
  'POST /api/users/:id/quota': 'admin',
  'GET /api/logs': 'user',
  'GET /api/logs/export.csv': 'user',
  'GET /api/audit-logs': 'admin',
  'GET /api/audit-logs/export.csv': 'admin',
  'POST /api/user/self/redeem': 'user',
  'GET /api/redemption-codes': 'admin',
  'POST /api/redemption-codes': 'admin',
  'POST /api/redemption-codes/status': 'admin',
  'GET /api/redemption-codes/export.csv': 'admin',
  'GET /api/providers': 'admin',
  'GET /api/channels': 'admin',
  'POST /api/channels': 'admin',
  'GET /api/channels/:id': 'admin',
  'PATCH /api/channels/:id': 'admin',
  'DELETE /api/channels/:id': 'admin',
  'POST /api/channels/bulk': 'admin',
  // Root only, checked in the handler: an admin's attempt gets an audit row too.
  'POST /api/channels/:id/key': 'admin',
  'POST /api/channels/:id/test': 'admin',
  'POST /api/channels/test': 'admin',
  'GET /api/channels/:id/upstream-models': 'admin',
  'GET /api/channels/:id/balance': 'admin',
  'GET /api/prices': 'admin',
  'PUT /api/prices/models/:model': 'root',
  'DELETE /api/prices/models/:model': 'root',
  'PUT /api/prices/groups/:group': 'root',
  'GET /api/settings': 'admin',
  'PATCH /api/settings': 'root',
  'GET /api/settings/sso': 'admin',
  'PATCH /api/settings/sso': 'root',
  // Root only: a webhook URL may carry a token of its own (Slack's and Discord's do).
  'GET /api/settings/alerts': 'root',
  'PATCH /api/settings/alerts': 'root',
  // Root only: a test sends with the stored SMTP password and webhook secret.
  'POST /api/settings/alerts/test-email': 'root',
  'POST /api/settings/alerts/test-webhook': 'root',
  'GET /api/usage': 'admin',
  'GET /api/user/self/usage': 'user',
};

const RANK: Record<UserRole, number> = { user: 1, admin: 2, root: 3 };

export function satisfiesRole(role: UserRole, required: UserRole): boolean {
  return RANK[role] >= RANK[required];
}
