/** The identity providers a user can sign in through; the `identities.provider` values. */
export type SsoProvider = 'oidc' | 'github';

export const SSO_PROVIDERS: readonly SsoProvider[] = ['oidc', 'github'];

/** Who a provider says signed in, after it has been checked (tokens, state, nonce). */
export interface ExternalIdentity {
  readonly provider: SsoProvider;
  /** The provider's stable account id: OIDC `sub`, GitHub's numeric user id as text. */
  readonly subject: string;
  /** An email the provider has verified belongs to the account; null: none. */
  readonly verifiedEmail: string | null;
  /** A login name to start a new account's username from (`preferred_username`, GitHub login). */
  readonly preferredUsername: string | null;
  /** The person's name, for a new account's display name. */
  readonly name: string | null;
}

/** Why a sign-in through a provider was refused; the sign-in page explains each one. */
export type SsoErrorCode =
  | 'not_enabled'
  | 'bad_state'
  | 'provider_failed'
  | 'sign_up_closed'
  | 'email_ambiguous'
  | 'account_disabled';

export class SsoError extends Error {
  override readonly name = 'SsoError';
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
