import { z } from 'zod';
import { alertSettingsPatch } from '../../../alerts/alert-settings';
import { passkeyAnswer } from '../../../auth/webauthn';
import { modelPriceSchema } from '../../../options/price-overrides';
import { systemSettingsPatch } from '../../../options/system-settings';
import { ssoSettingsPatch } from '../../../sso/sso-settings';
import { alertSettingsView, testDeliveryResult, testEmailBody } from '../alert-settings-routes';
import { auditExportQuery, auditPage, auditQuery } from '../audit-logs-routes';
import { credentials, setup } from '../auth-routes';
import { testBody } from '../channel-checks-routes';
import { keyReveal } from '../channel-key-reveal-routes';
import {
  bulkChange,
  listQuery as channelListQuery,
  channelPatch,
  newChannel,
} from '../channels-routes';
import { emailLinkToken, emailVerified, verificationSent } from '../email-verification-routes';
import { logExportQuery, logQuery } from '../logs-routes';
import { newPasskey, passkeyList, passkeyView } from '../passkeys-routes';
import {
  passwordResetAccepted,
  passwordResetConfirm,
  passwordResetRequest,
} from '../password-reset-routes';
import { groupRatio } from '../prices-routes';
import { providerList } from '../providers-routes';
import {
  codeExportQuery,
  listQuery as codeListQuery,
  newBatch,
  redeem,
  statusChange,
} from '../redemption-codes-routes';
import { registration } from '../registration-routes';
import { secondFactorCode } from '../second-factor-routes';
import { selfPatch } from '../self-routes';
import { newToken, listQuery as tokenListQuery, tokenPatch } from '../tokens-routes';
import { recoveryCodes, totpConfirm, totpDisable, totpEnrolment, totpStatus } from '../totp-routes';
import { allUsageQuery, selfUsageQuery } from '../usage-routes';
import { newUser, quotaChange, listQuery as userListQuery, userPatch } from '../users-routes';

/** What the OpenAPI document says about one route, beside its access in ADMIN_POLICY. */
export interface RouteDoc {
  /** One line for the operation list. */
  readonly summary: string;
  /** The schema the handler parses the JSON body with. */
  readonly body?: z.ZodType;
  /** The handler also takes an empty body. */
  readonly bodyOptional?: boolean;
  /** The schema the handler parses the query with. */
  readonly query?: z.ZodType;
  /** Path parameters by name; one not named here is a string. */
  readonly params?: Readonly<Record<string, z.ZodType>>;
  /** The schema of the success answer, where the dashboard's types are generated from it. */
  readonly response?: z.ZodType;
  /** The success status, when it is not 200. */
  readonly status?: 201 | 202 | 204;
}

// idParam: anything but a positive integer is a 404.
const byId = { params: { id: z.number().int().positive() } };
// nameParam: 1-191 characters for a model (URL-encoded in the path), 1-64 for a group.
const byModel = { params: { model: z.string().min(1).max(191) } };
const byProvider = { params: { provider: z.enum(['oidc', 'github']) } };
const byGroup = { params: { group: z.string().min(1).max(64) } };

/**
 * The admin routes' docs, keyed like ADMIN_POLICY, with the very schemas the handlers parse
 * with. A test fails for a policy route missing here.
 */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /api/status': { summary: 'Whether first-run setup is still open' },
  'GET /api/openapi.json': { summary: 'This OpenAPI document' },
  'POST /api/setup': {
    summary: 'Create root with the one-time setup token',
    body: setup,
    status: 201,
  },
  'GET /api/auth/session': {
    summary:
      'Whether the session cookie is signed in: {signedIn}, with the user and CSRF token, or the second factors a pending sign-in waits for',
  },
  'POST /api/auth/login': {
    summary:
      'Sign in: sets the session cookie and returns the CSRF token, or {secondFactor: {methods}} when one is needed',
    body: credentials,
  },
  'POST /api/auth/logout': { summary: 'Sign out' },
  'POST /api/user/self/email-verification': {
    summary: 'Mail a verification link (24 h, single use) to own email (409 when verified)',
    status: 202,
    response: verificationSent,
  },
  'POST /api/auth/email-verification/confirm': {
    summary:
      'Verify an email with the token from its mailed link (400 when unknown, used or expired)',
    body: emailLinkToken,
    response: emailVerified,
  },
  'POST /api/auth/password-reset': {
    summary:
      'Mail a password-reset link (30 min, single use) to the accounts with this email; the same 202 whether or not one exists',
    body: passwordResetRequest,
    status: 202,
    response: passwordResetAccepted,
  },
  'POST /api/auth/password-reset/confirm': {
    summary: 'Set a new password with a reset link’s token: ends every session, verifies the email',
    body: passwordResetConfirm,
    response: passwordResetAccepted,
  },
  'GET /api/auth/sso': {
    summary: 'The identity providers enabled for sign-in: {providers: [{id, name}]}, no secrets',
  },
  'GET /api/auth/sso/:provider/start': {
    summary: 'Browser sign-in: redirects (302) to the provider (oidc or github)',
    ...byProvider,
  },
  'GET /api/auth/sso/:provider/callback': {
    summary:
      'The provider’s redirect back: signs in and redirects to the dashboard, or to /?sso_error=<reason>',
    ...byProvider,
  },
  'GET /api/user/self/identities': { summary: 'Own linked sign-ins (OIDC, GitHub)' },
  'DELETE /api/user/self/identities/:id': {
    summary: 'Unlink one of own sign-ins (409 when it is the only way in)',
    status: 204,
    ...byId,
  },
  'GET /api/users/:id/identities': { summary: 'A user’s linked sign-ins', ...byId },
  'POST /api/auth/second-factor': {
    summary:
      'Second step of a pending sign-in: a TOTP code or a recovery code; starts the session like login',
    body: secondFactorCode,
  },
  'DELETE /api/auth/second-factor': {
    summary: 'Abandon a pending sign-in (start over with the first factor)',
    status: 204,
  },
  'POST /api/auth/second-factor/passkey/options': {
    summary: 'WebAuthn options to answer a pending sign-in with one of the user’s passkeys',
  },
  'POST /api/auth/second-factor/passkey': {
    summary: 'Second step of a pending sign-in with a passkey; starts the session like login',
    body: passkeyAnswer,
  },
  'POST /api/auth/passkey/options': {
    summary: 'WebAuthn options for a passwordless sign-in with a discoverable passkey',
  },
  'POST /api/auth/passkey': {
    summary: 'Passwordless sign-in with a passkey: sets the session cookie like login',
    body: passkeyAnswer,
  },
  'GET /api/user/self/totp': {
    summary: 'Whether own two-factor sign-in (TOTP) is on, and how many recovery codes are left',
    response: totpStatus,
  },
  'POST /api/user/self/totp': {
    summary: 'Start a TOTP enrolment: the secret and otpauth:// URI, shown once (409 when on)',
    response: totpEnrolment,
    status: 201,
  },
  'POST /api/user/self/totp/confirm': {
    summary: 'Turn TOTP on with a current code; answers the 10 recovery codes, shown once',
    body: totpConfirm,
    response: recoveryCodes,
  },
  'POST /api/user/self/totp/disable': {
    summary: 'Turn own TOTP off, proven with a current code, a recovery code or the password',
    body: totpDisable,
    status: 204,
  },
  'GET /api/user/self/passkeys': { summary: 'Own passkeys', response: passkeyList },
  'POST /api/user/self/passkeys/options': {
    summary: 'WebAuthn options to register a new passkey (discoverable, user-verified)',
  },
  'POST /api/user/self/passkeys': {
    summary: 'Register a passkey with the authenticator’s answer and a name',
    body: newPasskey,
    response: passkeyView,
    status: 201,
  },
  'DELETE /api/user/self/passkeys/:id': {
    summary: 'Remove one of own passkeys',
    status: 204,
    ...byId,
  },
  'DELETE /api/users/:id/second-factors': {
    summary:
      'Reset a user’s second factors (TOTP, recovery codes, passkeys), e.g. after a lost phone',
    status: 204,
    ...byId,
  },
  'GET /api/user/self': { summary: 'Own profile (with the CSRF token for cookie sessions)' },
  'PATCH /api/user/self': { summary: 'Edit own profile', body: selfPatch },
  'POST /api/user/self/access-token': {
    summary: 'A new admin API access token, shown once',
    status: 201,
  },
  'GET /api/user/self/invite': {
    summary: 'Own invite code (made on first request) and the rewards it brings',
  },
  'POST /api/user/self/playground-key': {
    summary:
      'The Playground’s one key: made on the first call (201), rotated after (200), secret shown once',
  },
  'GET /api/tokens': { summary: 'API keys: own, or anyone’s for admins', query: tokenListQuery },
  'POST /api/tokens': { summary: 'Create an API key, shown once', body: newToken, status: 201 },
  'PATCH /api/tokens/:id': { summary: 'Edit an API key', body: tokenPatch, ...byId },
  'DELETE /api/tokens/:id': { summary: 'Delete an API key', status: 204, ...byId },
  'GET /api/users': { summary: 'List users', query: userListQuery },
  'POST /api/users': { summary: 'Create a user', body: newUser, status: 201 },
  'GET /api/users/:id': { summary: 'One user', ...byId },
  'PATCH /api/users/:id': { summary: 'Edit a user', body: userPatch, ...byId },
  'DELETE /api/users/:id': { summary: 'Delete a user', status: 204, ...byId },
  'POST /api/users/:id/quota': {
    summary: 'Add or take back quota (200 when the idempotency key was already applied)',
    body: quotaChange,
    status: 201,
    ...byId,
  },
  'GET /api/logs': { summary: 'The consumption and audit log, newest first', query: logQuery },
  'POST /api/user/self/redeem': { summary: 'Redeem a recharge code', body: redeem },
  'GET /api/redemption-codes': { summary: 'List recharge codes', query: codeListQuery },
  'POST /api/redemption-codes': {
    summary: 'Create a batch of recharge codes, returned once with a CSV',
    body: newBatch,
    status: 201,
  },
  'POST /api/redemption-codes/status': {
    summary: 'Enable or disable recharge codes',
    body: statusChange,
  },
  'GET /api/providers': { summary: 'Every channel type with its settings', response: providerList },
  'GET /api/channels': { summary: 'List channels', query: channelListQuery },
  'POST /api/channels': {
    summary: 'Create a channel (type: an id from GET /api/providers)',
    body: newChannel,
    status: 201,
  },
  'GET /api/channels/:id': { summary: 'One channel, keys masked', ...byId },
  'PATCH /api/channels/:id': { summary: 'Edit a channel', body: channelPatch, ...byId },
  'DELETE /api/channels/:id': { summary: 'Delete a channel', status: 204, ...byId },
  'POST /api/channels/:id/test': {
    summary: 'Test a channel with one small chat (200 whether or not it passed)',
    body: testBody,
    bodyOptional: true,
    ...byId,
  },
  'POST /api/channels/test': { summary: 'Test every channel not disabled by an admin' },
  'GET /api/channels/:id/upstream-models': {
    summary: 'The models the upstream lists',
    ...byId,
  },
  'GET /api/channels/:id/balance': {
    summary: 'The upstream account’s balance, for providers with a balance endpoint',
    ...byId,
  },
  'GET /api/prices': { summary: 'Every model price and group ratio in effect' },
  'GET /api/public/pricing': {
    summary: 'Models with their prices and the group ratios, for anyone (404 unless published)',
  },
  'PUT /api/prices/models/:model': {
    summary: 'Set a model’s price (at least one pricing mode)',
    body: modelPriceSchema,
    ...byModel,
  },
  'DELETE /api/prices/models/:model': {
    summary: 'Remove a model’s price override',
    ...byModel,
  },
  'PUT /api/prices/groups/:group': { summary: 'Set a group’s ratio', body: groupRatio, ...byGroup },
  'GET /api/usage': { summary: 'Hourly usage, everyone’s', query: allUsageQuery },
  'GET /api/user/self/usage': { summary: 'Hourly usage, one’s own', query: selfUsageQuery },
  'POST /api/auth/register': {
    summary: 'Sign up while registration is open, optionally with an invite code',
    body: registration,
    status: 201,
  },
  'GET /api/logs/export.csv': {
    summary: 'The log as CSV (same filters and visibility)',
    query: logExportQuery,
  },
  'GET /api/audit-logs': {
    summary: 'Who changed what, newest first, filtered (secrets masked)',
    query: auditQuery,
    response: auditPage,
  },
  'GET /api/audit-logs/export.csv': {
    summary: 'The audit log as CSV (same filters)',
    query: auditExportQuery,
  },
  'GET /api/redemption-codes/export.csv': {
    summary: 'Recharge codes as stored, without the codes, as CSV',
    query: codeExportQuery,
  },
  'POST /api/channels/bulk': {
    summary: 'Enable, disable or delete channels at once',
    body: bulkChange,
  },
  'POST /api/channels/:id/key': {
    summary: 'A channel’s keys in full: root only, password again; every attempt audited',
    body: keyReveal,
    ...byId,
  },
  'GET /api/settings': { summary: 'The site settings' },
  'PATCH /api/settings': { summary: 'Change site settings', body: systemSettingsPatch },
  'GET /api/settings/sso': {
    summary: 'Sign-in providers’ settings, whether each secret is set, and the redirect URIs',
  },
  'PATCH /api/settings/sso': {
    summary: 'Change sign-in providers’ settings (secrets write-only)',
    body: ssoSettingsPatch,
  },
  'GET /api/settings/alerts': {
    summary: 'Mail (SMTP) and alert settings; secrets only as whether they are set',
    response: alertSettingsView,
  },
  'PATCH /api/settings/alerts': {
    summary: 'Change mail and alert settings (secrets write-only: a string sets, null clears)',
    body: alertSettingsPatch,
    response: alertSettingsView,
  },
  'POST /api/settings/alerts/test-email': {
    summary: 'Send a test email with the saved SMTP settings',
    body: testEmailBody,
    response: testDeliveryResult,
  },
  'POST /api/settings/alerts/test-webhook': {
    summary: 'POST a signed test alert to the saved webhook URL (one try)',
    response: testDeliveryResult,
  },
};
