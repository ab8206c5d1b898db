// Generated from the gateway's OpenAPI document by openapi-typescript; do not edit.
// Regenerate: pnpm --filter @oneapi/gateway exec vitest run src/routes/admin/openapi/admin-api-types.test.ts --update

export interface paths {
    "/api/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether first-run setup is still open
         * @description Public.
         */
        get: operations["getApiStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI document
         * @description Public.
         */
        get: operations["getApiOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/pricing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Models with their prices and the group ratios, for anyone (404 unless published)
         * @description Public.
         */
        get: operations["getApiPublicPricing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create root with the one-time setup token
         * @description Public.
         */
        post: operations["postApiSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the session cookie is signed in: {signedIn}, with the user and CSRF token, or the second factors a pending sign-in waits for
         * @description Public.
         */
        get: operations["getApiAuthSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: sets the session cookie and returns the CSRF token, or {secondFactor: {methods}} when one is needed
         * @description Public.
         */
        post: operations["postApiAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up while registration is open, optionally with an invite code
         * @description Public.
         */
        post: operations["postApiAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Requires the user role or above.
         */
        post: operations["postApiAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/email-verification/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an email with the token from its mailed link (400 when unknown, used or expired)
         * @description Public.
         */
        post: operations["postApiAuthEmailVerificationConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password-reset link (30 min, single use) to the accounts with this email; the same 202 whether or not one exists
         * @description Public.
         */
        post: operations["postApiAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a reset link’s token: ends every session, verifies the email
         * @description Public.
         */
        post: operations["postApiAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a verification link (24 h, single use) to own email (409 when verified)
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The identity providers enabled for sign-in: {providers: [{id, name}]}, no secrets
         * @description Public.
         */
        get: operations["getApiAuthSso"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/{provider}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browser sign-in: redirects (302) to the provider (oidc or github)
         * @description Public.
         */
        get: operations["getApiAuthSsoProviderStart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider’s redirect back: signs in and redirects to the dashboard, or to /?sso_error=<reason>
         * @description Public.
         */
        get: operations["getApiAuthSsoProviderCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Own linked sign-ins (OIDC, GitHub)
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelfIdentities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/identities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink one of own sign-ins (409 when it is the only way in)
         * @description Requires the user role or above.
         */
        delete: operations["deleteApiUserSelfIdentitiesId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user’s linked sign-ins
         * @description Requires the admin role or above.
         */
        get: operations["getApiUsersIdIdentities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Second step of a pending sign-in: a TOTP code or a recovery code; starts the session like login
         * @description Public.
         */
        post: operations["postApiAuthSecondFactor"];
        /**
         * Abandon a pending sign-in (start over with the first factor)
         * @description Public.
         */
        delete: operations["deleteApiAuthSecondFactor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/second-factor/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * WebAuthn options to answer a pending sign-in with one of the user’s passkeys
         * @description Public.
         */
        post: operations["postApiAuthSecondFactorPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/second-factor/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Second step of a pending sign-in with a passkey; starts the session like login
         * @description Public.
         */
        post: operations["postApiAuthSecondFactorPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * WebAuthn options for a passwordless sign-in with a discoverable passkey
         * @description Public.
         */
        post: operations["postApiAuthPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Passwordless sign-in with a passkey: sets the session cookie like login
         * @description Public.
         */
        post: operations["postApiAuthPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether own two-factor sign-in (TOTP) is on, and how many recovery codes are left
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelfTotp"];
        put?: never;
        /**
         * Start a TOTP enrolment: the secret and otpauth:// URI, shown once (409 when on)
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn TOTP on with a current code; answers the 10 recovery codes, shown once
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn own TOTP off, proven with a current code, a recovery code or the password
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfTotpDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Own passkeys
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelfPasskeys"];
        put?: never;
        /**
         * Register a passkey with the authenticator’s answer and a name
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfPasskeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * WebAuthn options to register a new passkey (discoverable, user-verified)
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfPasskeysOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one of own passkeys
         * @description Requires the user role or above.
         */
        delete: operations["deleteApiUserSelfPasskeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/second-factors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Reset a user’s second factors (TOTP, recovery codes, passkeys), e.g. after a lost phone
         * @description Requires the admin role or above.
         */
        delete: operations["deleteApiUsersIdSecondFactors"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Own profile (with the CSRF token for cookie sessions)
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit own profile
         * @description Requires the user role or above.
         */
        patch: operations["patchApiUserSelf"];
        trace?: never;
    };
    "/api/user/self/access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new admin API access token, shown once
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Own invite code (made on first request) and the rewards it brings
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelfInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/playground-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The Playground’s one key: made on the first call (201), rotated after (200), secret shown once
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfPlaygroundKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API keys: own, or anyone’s for admins
         * @description Requires the user role or above.
         */
        get: operations["getApiTokens"];
        put?: never;
        /**
         * Create an API key, shown once
         * @description Requires the user role or above.
         */
        post: operations["postApiTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an API key
         * @description Requires the user role or above.
         */
        delete: operations["deleteApiTokensId"];
        options?: never;
        head?: never;
        /**
         * Edit an API key
         * @description Requires the user role or above.
         */
        patch: operations["patchApiTokensId"];
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Requires the admin role or above.
         */
        get: operations["getApiUsers"];
        put?: never;
        /**
         * Create a user
         * @description Requires the admin role or above.
         */
        post: operations["postApiUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user
         * @description Requires the admin role or above.
         */
        get: operations["getApiUsersId"];
        put?: never;
        post?: never;
        /**
         * Delete a user
         * @description Requires the admin role or above.
         */
        delete: operations["deleteApiUsersId"];
        options?: never;
        head?: never;
        /**
         * Edit a user
         * @description Requires the admin role or above.
         */
        patch: operations["patchApiUsersId"];
        trace?: never;
    };
    "/api/users/{id}/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add or take back quota (200 when the idempotency key was already applied)
         * @description Requires the admin role or above.
         */
        post: operations["postApiUsersIdQuota"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consumption and audit log, newest first
         * @description Requires the user role or above.
         */
        get: operations["getApiLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logs/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The log as CSV (same filters and visibility)
         * @description Requires the user role or above.
         */
        get: operations["getApiLogsExportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed what, newest first, filtered (secrets masked)
         * @description Requires the admin role or above.
         */
        get: operations["getApiAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log as CSV (same filters)
         * @description Requires the admin role or above.
         */
        get: operations["getApiAuditLogsExportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a recharge code
         * @description Requires the user role or above.
         */
        post: operations["postApiUserSelfRedeem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/redemption-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recharge codes
         * @description Requires the admin role or above.
         */
        get: operations["getApiRedemptionCodes"];
        put?: never;
        /**
         * Create a batch of recharge codes, returned once with a CSV
         * @description Requires the admin role or above.
         */
        post: operations["postApiRedemptionCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/redemption-codes/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable or disable recharge codes
         * @description Requires the admin role or above.
         */
        post: operations["postApiRedemptionCodesStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/redemption-codes/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recharge codes as stored, without the codes, as CSV
         * @description Requires the admin role or above.
         */
        get: operations["getApiRedemptionCodesExportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every channel type with its settings
         * @description Requires the admin role or above.
         */
        get: operations["getApiProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List channels
         * @description Requires the admin role or above.
         */
        get: operations["getApiChannels"];
        put?: never;
        /**
         * Create a channel (type: an id from GET /api/providers)
         * @description Requires the admin role or above.
         */
        post: operations["postApiChannels"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One channel, keys masked
         * @description Requires the admin role or above.
         */
        get: operations["getApiChannelsId"];
        put?: never;
        post?: never;
        /**
         * Delete a channel
         * @description Requires the admin role or above.
         */
        delete: operations["deleteApiChannelsId"];
        options?: never;
        head?: never;
        /**
         * Edit a channel
         * @description Requires the admin role or above.
         */
        patch: operations["patchApiChannelsId"];
        trace?: never;
    };
    "/api/channels/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable, disable or delete channels at once
         * @description Requires the admin role or above.
         */
        post: operations["postApiChannelsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{id}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A channel’s keys in full: root only, password again; every attempt audited
         * @description Requires the admin role or above.
         */
        post: operations["postApiChannelsIdKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a channel with one small chat (200 whether or not it passed)
         * @description Requires the admin role or above.
         */
        post: operations["postApiChannelsIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test every channel not disabled by an admin
         * @description Requires the admin role or above.
         */
        post: operations["postApiChannelsTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{id}/upstream-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The models the upstream lists
         * @description Requires the admin role or above.
         */
        get: operations["getApiChannelsIdUpstreamModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The upstream account’s balance, for providers with a balance endpoint
         * @description Requires the admin role or above.
         */
        get: operations["getApiChannelsIdBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every model price and group ratio in effect
         * @description Requires the admin role or above.
         */
        get: operations["getApiPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/prices/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a model’s price (at least one pricing mode)
         * @description Requires the root role or above.
         */
        put: operations["putApiPricesModelsModel"];
        post?: never;
        /**
         * Remove a model’s price override
         * @description Requires the root role or above.
         */
        delete: operations["deleteApiPricesModelsModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/prices/groups/{group}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a group’s ratio
         * @description Requires the root role or above.
         */
        put: operations["putApiPricesGroupsGroup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The site settings
         * @description Requires the admin role or above.
         */
        get: operations["getApiSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change site settings
         * @description Requires the root role or above.
         */
        patch: operations["patchApiSettings"];
        trace?: never;
    };
    "/api/settings/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sign-in providers’ settings, whether each secret is set, and the redirect URIs
         * @description Requires the admin role or above.
         */
        get: operations["getApiSettingsSso"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change sign-in providers’ settings (secrets write-only)
         * @description Requires the root role or above.
         */
        patch: operations["patchApiSettingsSso"];
        trace?: never;
    };
    "/api/settings/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mail (SMTP) and alert settings; secrets only as whether they are set
         * @description Requires the root role or above.
         */
        get: operations["getApiSettingsAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change mail and alert settings (secrets write-only: a string sets, null clears)
         * @description Requires the root role or above.
         */
        patch: operations["patchApiSettingsAlerts"];
        trace?: never;
    };
    "/api/settings/alerts/test-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test email with the saved SMTP settings
         * @description Requires the root role or above.
         */
        post: operations["postApiSettingsAlertsTestEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/alerts/test-webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * POST a signed test alert to the saved webhook URL (one try)
         * @description Requires the root role or above.
         */
        post: operations["postApiSettingsAlertsTestWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hourly usage, everyone’s
         * @description Requires the admin role or above.
         */
        get: operations["getApiUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user/self/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hourly usage, one’s own
         * @description Requires the user role or above.
         */
        get: operations["getApiUserSelfUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat Completions, streamed or not, on any channel type
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/chat/create; the model is routed to a channel.
         */
        post: operations["postV1ChatCompletions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Anthropic Messages on any channel type (errors in Anthropic’s shape)
         * @description The body and the answer follow https://docs.anthropic.com/en/api/messages; the model is routed to a channel.
         */
        post: operations["postV1Messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/count_tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count a Messages body’s input tokens (by Anthropic on its channels, else locally; not billed)
         * @description The body and the answer follow https://docs.anthropic.com/en/api/messages-count-tokens; the model is routed to a channel.
         */
        post: operations["postV1MessagesCountTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The models this key may use (in Gemini’s shape to Google’s clients)
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/models/list; the model is routed to a channel.
         */
        get: operations["getV1Models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One model this key may use (in Gemini’s shape to Google’s clients)
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/models/retrieve; the model is routed to a channel.
         */
        get: operations["getV1ModelsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{target}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Gemini {model}:generateContent, :streamGenerateContent (alt=sse, or a JSON array) and :countTokens on any channel type (errors in Gemini’s shape; the key may also be ?key=)
         * @description The body and the answer follow https://ai.google.dev/api/generate-content; the model is routed to a channel.
         */
        post: operations["postV1ModelsTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1beta/models/{target}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Gemini {model}:generateContent, :streamGenerateContent (alt=sse, or a JSON array) and :countTokens on any channel type (errors in Gemini’s shape; the key may also be ?key=)
         * @description The body and the answer follow https://ai.google.dev/api/generate-content; the model is routed to a channel.
         */
        post: operations["postV1betaModelsTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1beta/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The models this key may use, in Gemini’s list shape
         * @description The body and the answer follow https://ai.google.dev/api/models; the model is routed to a channel.
         */
        get: operations["getV1betaModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1beta/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One model this key may use, in Gemini’s shape
         * @description The body and the answer follow https://ai.google.dev/api/models; the model is routed to a channel.
         */
        get: operations["getV1betaModelsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Legacy completions
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/completions/create; the model is routed to a channel.
         */
        post: operations["postV1Completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Embeddings
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/embeddings/create; the model is routed to a channel.
         */
        post: operations["postV1Embeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate images
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/images/create; the model is routed to a channel.
         */
        post: operations["postV1ImagesGenerations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images/edits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Edit an image
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/images/createEdit; the model is routed to a channel.
         */
        post: operations["postV1ImagesEdits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audio/speech": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Text to speech
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/audio/createSpeech; the model is routed to a channel.
         */
        post: operations["postV1AudioSpeech"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audio/transcriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Speech to text
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/audio/createTranscription; the model is routed to a channel.
         */
        post: operations["postV1AudioTranscriptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audio/translations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Speech to English text
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/audio/createTranslation; the model is routed to a channel.
         */
        post: operations["postV1AudioTranslations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moderation
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/moderations/create; the model is routed to a channel.
         */
        post: operations["postV1Moderations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rerank": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rerank documents against a query
         * @description The body and the answer follow https://docs.cohere.com/reference/rerank; the model is routed to a channel.
         */
        post: operations["postV1Rerank"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Responses API
         * @description The body and the answer follow https://platform.openai.com/docs/api-reference/responses/create; the model is routed to a channel.
         */
        post: operations["postV1Responses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/billing/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The key’s spending limit in USD, as OpenAI’s retired billing endpoint answered
         * @description Authenticated with an API key.
         */
        get: operations["getV1DashboardBillingSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/billing/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The key’s usage in US cents, as OpenAI’s retired billing endpoint answered
         * @description Authenticated with an API key.
         */
        get: operations["getV1DashboardBillingUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                message: string;
                type: string;
                param: string | null;
                code: string | null;
            };
        };
    };
    responses: {
        /** @description An error (the /v1/messages routes answer in Anthropic’s shape, the Gemini routes in Gemini’s) */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiPublicPricing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    setupToken: string;
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuthSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    /** Format: email */
                    email?: string;
                    inviteCode?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthEmailVerificationConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
                        emailVerifiedAt: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sentTo: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuthSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuthSsoProviderStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "oidc" | "github";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuthSsoProviderCallback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "oidc" | "github";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelfIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiUserSelfIdentitiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUsersIdIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiAuthSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthSecondFactorPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthSecondFactorPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    response: {
                        id: string;
                        rawId: string;
                        /** @constant */
                        type: "public-key";
                        response: {
                            clientDataJSON: string;
                            attestationObject?: string;
                            authenticatorData?: string;
                            signature?: string;
                            userHandle?: string;
                            transports?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                        authenticatorAttachment?: string;
                        clientExtensionResults: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiAuthPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    response: {
                        id: string;
                        rawId: string;
                        /** @constant */
                        type: "public-key";
                        response: {
                            clientDataJSON: string;
                            attestationObject?: string;
                            authenticatorData?: string;
                            signature?: string;
                            userHandle?: string;
                            transports?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                        authenticatorAttachment?: string;
                        clientExtensionResults: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelfTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        pending: boolean;
                        recoveryCodesLeft: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        secret: string;
                        uri: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfTotpConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        recoveryCodes: string[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfTotpDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                } | {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelfPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            name: string;
                            createdAt: number;
                            lastUsedAt: number | null;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    response: {
                        id: string;
                        rawId: string;
                        /** @constant */
                        type: "public-key";
                        response: {
                            clientDataJSON: string;
                            attestationObject?: string;
                            authenticatorData?: string;
                            signature?: string;
                            userHandle?: string;
                            transports?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                        authenticatorAttachment?: string;
                        clientExtensionResults: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        createdAt: number;
                        lastUsedAt: number | null;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfPasskeysOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiUserSelfPasskeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiUsersIdSecondFactors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelf: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiUserSelf: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    email?: string | null;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelfInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfPlaygroundKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiTokens: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                search?: string;
                userId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default null */
                    expiresAt?: number | null;
                    /** @default 0 */
                    remainQuota?: number;
                    /** @default false */
                    unlimitedQuota?: boolean;
                    /** @default null */
                    allowedModels?: string[] | null;
                    /** @default null */
                    allowedIps?: string[] | null;
                    /** @default null */
                    groupName?: string | null;
                    userId?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiTokensId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiTokensId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    expiresAt?: number | null;
                    remainQuota?: number;
                    unlimitedQuota?: boolean;
                    allowedModels?: string[] | null;
                    allowedIps?: string[] | null;
                    groupName?: string | null;
                    /** @enum {string} */
                    status?: "enabled" | "disabled";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUsers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    displayName?: string;
                    /** Format: email */
                    email?: string;
                    /**
                     * @default user
                     * @enum {string}
                     */
                    role?: "user" | "admin" | "root";
                    groupName?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    email?: string | null;
                    /** @enum {string} */
                    role?: "user" | "admin" | "root";
                    /** @enum {string} */
                    status?: "enabled" | "disabled";
                    groupName?: string;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUsersIdQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: number;
                    idempotencyKey: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiLogs: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                from?: number;
                to?: number;
                type?: "consume" | "topup" | "manage" | "system" | "error" | "audit";
                userId?: number;
                username?: string;
                tokenId?: number;
                channelId?: number;
                model?: string;
                status?: number;
                requestId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiLogsExportCsv: {
        parameters: {
            query?: {
                from?: number;
                to?: number;
                type?: "consume" | "topup" | "manage" | "system" | "error" | "audit";
                userId?: number;
                username?: string;
                tokenId?: number;
                channelId?: number;
                model?: string;
                status?: number;
                requestId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuditLogs: {
        parameters: {
            query?: {
                actor?: string;
                actorId?: number;
                entityType?: "channel" | "token" | "user" | "price" | "setting" | "redemption_code" | "identity" | "two_factor" | "passkey";
                entityId?: string;
                action?: "create" | "update" | "delete" | "enable" | "disable" | "top_up";
                from?: number;
                to?: number;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            createdAt: number;
                            actorId: number | null;
                            actorName: string;
                            /** @enum {string} */
                            action: "create" | "update" | "delete" | "enable" | "disable" | "top_up";
                            /** @enum {string} */
                            entityType: "channel" | "token" | "user" | "price" | "setting" | "redemption_code" | "identity" | "two_factor" | "passkey";
                            entityId: string;
                            clientIp: string | null;
                            userAgent: string | null;
                            before: unknown;
                            after: unknown;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiAuditLogsExportCsv: {
        parameters: {
            query?: {
                actor?: string;
                actorId?: number;
                entityType?: "channel" | "token" | "user" | "price" | "setting" | "redemption_code" | "identity" | "two_factor" | "passkey";
                entityId?: string;
                action?: "create" | "update" | "delete" | "enable" | "disable" | "top_up";
                from?: number;
                to?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiUserSelfRedeem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiRedemptionCodes: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                search?: string;
                status?: "enabled" | "disabled" | "redeemed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiRedemptionCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    quota: number;
                    count: number;
                    /** @default null */
                    expiresAt?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiRedemptionCodesStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: number[];
                    /** @enum {string} */
                    status: "enabled" | "disabled";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiRedemptionCodesExportCsv: {
        parameters: {
            query?: {
                search?: string;
                status?: "enabled" | "disabled" | "redeemed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "native" | "openai-compatible";
                            defaultBaseUrl: string | null;
                            capabilities: {
                                [key: string]: boolean;
                            };
                            readonly configFields: {
                                name: string;
                                label: string;
                                required: boolean;
                                /** @enum {string} */
                                type?: "text" | "integer" | "select";
                                readonly options?: string[];
                                description?: string;
                                default?: string;
                            }[];
                            hasBalance: boolean;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiChannels: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                search?: string;
                type?: string;
                tag?: string;
                status?: "enabled" | "manually_disabled" | "auto_disabled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiChannels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type: string;
                    name: string;
                    key: string;
                    /** @default null */
                    baseUrl?: string | null;
                    models: string[];
                    /** @default null */
                    modelMapping?: {
                        [key: string]: string;
                    } | null;
                    /**
                     * @default [
                     *       "default"
                     *     ]
                     */
                    groups?: string[];
                    /** @default 0 */
                    priority?: number;
                    /** @default 1 */
                    weight?: number;
                    /** @default null */
                    config?: {
                        [key: string]: unknown;
                    } | null;
                    overrides?: {
                        setHeaders?: {
                            [key: string]: string;
                        };
                        stripHeaders?: string[];
                        setParams?: {
                            [key: string]: unknown;
                        };
                        dropParams?: string[];
                    } | null;
                    /** @default null */
                    testModel?: string | null;
                    /** @default null */
                    tag?: string | null;
                    /** @default false */
                    allowPrivateNetwork?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiChannelsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiChannelsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiChannelsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type?: string;
                    name?: string;
                    key?: string;
                    baseUrl?: string | null;
                    models?: string[];
                    modelMapping?: {
                        [key: string]: string;
                    } | null;
                    groups?: string[];
                    priority?: number;
                    weight?: number;
                    config?: {
                        [key: string]: unknown;
                    } | null;
                    overrides?: {
                        setHeaders?: {
                            [key: string]: string;
                        };
                        stripHeaders?: string[];
                        setParams?: {
                            [key: string]: unknown;
                        };
                        dropParams?: string[];
                    } | null;
                    testModel?: string | null;
                    tag?: string | null;
                    allowPrivateNetwork?: boolean;
                    /** @enum {string} */
                    status?: "enabled" | "manually_disabled";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiChannelsBulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: number[];
                    /** @enum {string} */
                    action: "enable" | "disable" | "delete";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiChannelsIdKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiChannelsIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    model?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postApiChannelsTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiChannelsIdUpstreamModels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiChannelsIdBalance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiPrices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    putApiPricesModelsModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    modelRatio?: number;
                    completionRatio?: number;
                    inputPerMillion?: number;
                    outputPerMillion?: number;
                    cachedInputPerMillion?: number;
                    cacheWritePerMillion?: number;
                    cacheWrite1hPerMillion?: number;
                    imageInputPerMillion?: number;
                    longContext?: {
                        aboveInputTokens: number;
                        inputPerMillion?: number;
                        outputPerMillion?: number;
                        cachedInputPerMillion?: number;
                        cacheWritePerMillion?: number;
                        cacheWrite1hPerMillion?: number;
                        imageInputPerMillion?: number;
                    };
                    perRequest?: number;
                    perImage?: number;
                    perAudioSecond?: number;
                    perCharacter?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiPricesModelsModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    putApiPricesGroupsGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ratio: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    systemName?: string;
                    logoUrl?: string | null;
                    notice?: string;
                    publicPricing?: boolean;
                    registrationEnabled?: boolean;
                    newUserQuota?: number;
                    defaultGroup?: string;
                    inviterQuota?: number;
                    inviteeQuota?: number;
                    retryTimes?: number | null;
                    /** @enum {string} */
                    routingStrategy?: "weighted" | "least-latency" | "least-cost";
                    stickySessions?: boolean;
                    nonStickyGroups?: string[];
                    firstByteTimeoutSeconds?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiSettingsSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiSettingsSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ssoSignUpEnabled?: boolean;
                    oidcEnabled?: boolean;
                    oidcIssuerUrl?: string | null;
                    oidcClientId?: string;
                    oidcDisplayName?: string;
                    oidcScopes?: string;
                    githubEnabled?: boolean;
                    githubClientId?: string;
                    oidcClientSecret?: string;
                    githubClientSecret?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiSettingsAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        smtpHost: string;
                        smtpPort: number;
                        /** @enum {string} */
                        smtpSecurity: "tls" | "starttls" | "none";
                        smtpUsername: string;
                        smtpFrom: string;
                        webhookUrl: string | null;
                        emailAlerts: boolean;
                        webhookAlerts: boolean;
                        quotaAlertEnabled: boolean;
                        quotaAlertThreshold: number;
                        channelAlertsEnabled: boolean;
                        keyExpiryAlertEnabled: boolean;
                        keyExpiryDays: number;
                        smtpPasswordSet: boolean;
                        webhookSecretSet: boolean;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiSettingsAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    smtpHost?: string;
                    smtpPort?: number;
                    /** @enum {string} */
                    smtpSecurity?: "tls" | "starttls" | "none";
                    smtpUsername?: string;
                    smtpFrom?: string;
                    webhookUrl?: string | null;
                    emailAlerts?: boolean;
                    webhookAlerts?: boolean;
                    quotaAlertEnabled?: boolean;
                    quotaAlertThreshold?: number;
                    channelAlertsEnabled?: boolean;
                    keyExpiryAlertEnabled?: boolean;
                    keyExpiryDays?: number;
                    smtpPassword?: string | null;
                    webhookSecret?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        smtpHost: string;
                        smtpPort: number;
                        /** @enum {string} */
                        smtpSecurity: "tls" | "starttls" | "none";
                        smtpUsername: string;
                        smtpFrom: string;
                        webhookUrl: string | null;
                        emailAlerts: boolean;
                        webhookAlerts: boolean;
                        quotaAlertEnabled: boolean;
                        quotaAlertThreshold: number;
                        channelAlertsEnabled: boolean;
                        keyExpiryAlertEnabled: boolean;
                        keyExpiryDays: number;
                        smtpPasswordSet: boolean;
                        webhookSecretSet: boolean;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiSettingsAlertsTestEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messageId?: string;
                        status?: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiSettingsAlertsTestWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messageId?: string;
                        status?: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUsage: {
        parameters: {
            query?: {
                from?: number;
                to?: number;
                groupBy?: "model" | "user" | "channel";
                userId?: number;
                tokenId?: number;
                channelId?: number;
                model?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiUserSelfUsage: {
        parameters: {
            query?: {
                from?: number;
                to?: number;
                groupBy?: "model";
                tokenId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1ChatCompletions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    model: string;
                    messages: (({
                        /** @constant */
                        role: "system";
                        content: string | ({
                            /** @constant */
                            type: "text";
                            text: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        name?: string;
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        role: "developer";
                        content: string | ({
                            /** @constant */
                            type: "text";
                            text: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        name?: string;
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        role: "user";
                        content: string | (({
                            /** @constant */
                            type: "text";
                            text: string;
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "image_url";
                            image_url: {
                                url: string;
                                /** @enum {string} */
                                detail?: "auto" | "low" | "high";
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "input_audio";
                            input_audio: {
                                data: string;
                                format: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "file";
                            file: {
                                file_data?: string;
                                file_id?: string;
                                filename?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }))[];
                        name?: string;
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        role: "assistant";
                        content?: (string | ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        })[]) | null;
                        refusal?: string | null;
                        tool_calls?: ({
                            id: string;
                            /** @constant */
                            type: "function";
                            function: {
                                name: string;
                                arguments: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        reasoning_content?: string | null;
                        thinking_blocks?: ({
                            /** @constant */
                            type: "thinking";
                            thinking: string;
                            signature: string;
                        } | {
                            /** @constant */
                            type: "redacted_thinking";
                            data: string;
                        })[];
                        name?: string;
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        role: "tool";
                        content: string | ({
                            /** @constant */
                            type: "text";
                            text: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        tool_call_id: string;
                    } & {
                        [key: string]: unknown;
                    }))[];
                    tools?: ({
                        /** @constant */
                        type: "function";
                        function: {
                            name: string;
                            description?: string;
                            parameters?: {
                                [key: string]: unknown;
                            };
                            strict?: boolean | null;
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    })[];
                    tool_choice?: ("none" | "auto" | "required") | ({
                        /** @constant */
                        type: "function";
                        function: {
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    });
                    parallel_tool_calls?: boolean;
                    response_format?: ({
                        /** @constant */
                        type: "text";
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        type: "json_object";
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        type: "json_schema";
                        json_schema: {
                            name: string;
                            description?: string;
                            schema?: {
                                [key: string]: unknown;
                            };
                            strict?: boolean | null;
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    });
                    stop?: (string | string[]) | null;
                    n?: number | null;
                    temperature?: number | null;
                    top_p?: number | null;
                    seed?: number | null;
                    max_tokens?: number | null;
                    max_completion_tokens?: number | null;
                    presence_penalty?: number | null;
                    frequency_penalty?: number | null;
                    logit_bias?: {
                        [key: string]: number;
                    } | null;
                    logprobs?: boolean | null;
                    top_logprobs?: number | null;
                    reasoning_effort?: ("minimal" | "low" | "medium" | "high") | null;
                    stream?: boolean | null;
                    stream_options?: ({
                        include_usage?: boolean;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    user?: string;
                    metadata?: {
                        [key: string]: string;
                    } | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Messages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    model: string;
                    max_tokens: number;
                    messages: ({
                        /** @enum {string} */
                        role: "user" | "assistant" | "system";
                        content: string | (({
                            /** @constant */
                            type: "text";
                            text: string;
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "image";
                            source: ({
                                /** @constant */
                                type: "base64";
                                media_type: string;
                                data: string;
                            } & {
                                [key: string]: unknown;
                            }) | ({
                                /** @constant */
                                type: "url";
                                url: string;
                            } & {
                                [key: string]: unknown;
                            });
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "document";
                            source: {
                                type: string;
                                media_type?: string;
                                data?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "tool_use";
                            id: string;
                            name: string;
                            input: unknown;
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @constant */
                            type: "tool_result";
                            tool_use_id: string;
                            content?: string | (({
                                /** @constant */
                                type: "text";
                                text: string;
                            } & {
                                [key: string]: unknown;
                            }) | ({
                                /** @constant */
                                type: "image";
                                source: ({
                                    /** @constant */
                                    type: "base64";
                                    media_type: string;
                                    data: string;
                                } & {
                                    [key: string]: unknown;
                                }) | ({
                                    /** @constant */
                                    type: "url";
                                    url: string;
                                } & {
                                    [key: string]: unknown;
                                });
                            } & {
                                [key: string]: unknown;
                            }))[];
                            is_error?: boolean;
                        } & {
                            [key: string]: unknown;
                        }) | ({
                            /** @enum {string} */
                            type: "thinking" | "redacted_thinking";
                        } & {
                            [key: string]: unknown;
                        }))[];
                    } & {
                        [key: string]: unknown;
                    })[];
                    system?: string | ({
                        /** @constant */
                        type: "text";
                        text: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    temperature?: number;
                    top_p?: number;
                    top_k?: number;
                    stop_sequences?: string[];
                    stream?: boolean;
                    tools?: ({
                        name: string;
                        description?: string;
                        input_schema: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    })[];
                    tool_choice?: {
                        /** @enum {string} */
                        type: "auto" | "any" | "tool" | "none";
                        name?: string;
                        disable_parallel_tool_use?: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                    thinking?: ({
                        /** @constant */
                        type: "enabled";
                        budget_tokens: number;
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        type: "adaptive";
                    } & {
                        [key: string]: unknown;
                    }) | ({
                        /** @constant */
                        type: "disabled";
                    } & {
                        [key: string]: unknown;
                    });
                    output_config?: {
                        effort?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    metadata?: {
                        user_id?: string;
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1MessagesCountTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1Models: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1ModelsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1ModelsTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                target: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contents: ({
                        /** @enum {string} */
                        role?: "user" | "model" | "function";
                        parts: ({
                            text?: string;
                            thought?: boolean;
                            thoughtSignature?: string;
                            inlineData?: {
                                mimeType: string;
                                data: string;
                            } & {
                                [key: string]: unknown;
                            };
                            fileData?: {
                                fileUri: string;
                                mimeType?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            functionCall?: {
                                id?: string;
                                name: string;
                                args?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            functionResponse?: {
                                id?: string;
                                name: string;
                                response?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    })[];
                    systemInstruction?: {
                        parts: ({
                            text?: string;
                            thought?: boolean;
                            thoughtSignature?: string;
                            inlineData?: {
                                mimeType: string;
                                data: string;
                            } & {
                                [key: string]: unknown;
                            };
                            fileData?: {
                                fileUri: string;
                                mimeType?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            functionCall?: {
                                id?: string;
                                name: string;
                                args?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            functionResponse?: {
                                id?: string;
                                name: string;
                                response?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                    tools?: ({
                        functionDeclarations?: ({
                            name: string;
                            description?: string;
                            parameters?: {
                                [key: string]: unknown;
                            };
                            parametersJsonSchema?: {
                                [key: string]: unknown;
                            };
                            parameters_json_schema?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    })[];
                    toolConfig?: {
                        functionCallingConfig?: {
                            mode?: string;
                            allowedFunctionNames?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                    generationConfig?: {
                        temperature?: number;
                        topP?: number;
                        topK?: number;
                        maxOutputTokens?: number;
                        stopSequences?: string[];
                        candidateCount?: number;
                        seed?: number;
                        presencePenalty?: number;
                        frequencyPenalty?: number;
                        responseMimeType?: string;
                        responseSchema?: {
                            [key: string]: unknown;
                        };
                        responseJsonSchema?: {
                            [key: string]: unknown;
                        };
                        response_json_schema?: {
                            [key: string]: unknown;
                        };
                        thinkingConfig?: {
                            includeThoughts?: boolean;
                            thinkingBudget?: number;
                            thinkingLevel?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1betaModelsTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                target: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contents: ({
                        /** @enum {string} */
                        role?: "user" | "model" | "function";
                        parts: ({
                            text?: string;
                            thought?: boolean;
                            thoughtSignature?: string;
                            inlineData?: {
                                mimeType: string;
                                data: string;
                            } & {
                                [key: string]: unknown;
                            };
                            fileData?: {
                                fileUri: string;
                                mimeType?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            functionCall?: {
                                id?: string;
                                name: string;
                                args?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            functionResponse?: {
                                id?: string;
                                name: string;
                                response?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    })[];
                    systemInstruction?: {
                        parts: ({
                            text?: string;
                            thought?: boolean;
                            thoughtSignature?: string;
                            inlineData?: {
                                mimeType: string;
                                data: string;
                            } & {
                                [key: string]: unknown;
                            };
                            fileData?: {
                                fileUri: string;
                                mimeType?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            functionCall?: {
                                id?: string;
                                name: string;
                                args?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            functionResponse?: {
                                id?: string;
                                name: string;
                                response?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                    tools?: ({
                        functionDeclarations?: ({
                            name: string;
                            description?: string;
                            parameters?: {
                                [key: string]: unknown;
                            };
                            parametersJsonSchema?: {
                                [key: string]: unknown;
                            };
                            parameters_json_schema?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    })[];
                    toolConfig?: {
                        functionCallingConfig?: {
                            mode?: string;
                            allowedFunctionNames?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                    generationConfig?: {
                        temperature?: number;
                        topP?: number;
                        topK?: number;
                        maxOutputTokens?: number;
                        stopSequences?: string[];
                        candidateCount?: number;
                        seed?: number;
                        presencePenalty?: number;
                        frequencyPenalty?: number;
                        responseMimeType?: string;
                        responseSchema?: {
                            [key: string]: unknown;
                        };
                        responseJsonSchema?: {
                            [key: string]: unknown;
                        };
                        response_json_schema?: {
                            [key: string]: unknown;
                        };
                        thinkingConfig?: {
                            includeThoughts?: boolean;
                            thinkingBudget?: number;
                            thinkingLevel?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1betaModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1betaModelsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Completions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Embeddings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1ImagesGenerations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1ImagesEdits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1AudioSpeech: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1AudioTranscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1AudioTranslations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Moderations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Rerank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    postV1Responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1DashboardBillingSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getV1DashboardBillingUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
}
