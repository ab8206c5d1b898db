import { request } from './request';
import type { SelfUser } from './types';

/** The admin API's own shapes, generated from the gateway's OpenAPI document (admin-api.gen.ts). */
type Operations = import('./admin-api.gen').operations;

/** POST /api/user/self/email-verification: where the link went. */
export type VerificationSent =
  Operations['postApiUserSelfEmailVerification']['responses'][202]['content']['application/json'];
/** POST /api/auth/email-verification/confirm: the address now verified, and when. */
export type EmailVerified =
  Operations['postApiAuthEmailVerificationConfirm']['responses'][200]['content']['application/json'];
export type PasswordResetConfirm = NonNullable<
  Operations['postApiAuthPasswordResetConfirm']['requestBody']
>['content']['application/json'];

/** Mails a verification link to one's own address. */
export const requestEmailVerification = () =>
  request<VerificationSent>('POST', '/api/user/self/email-verification');

export const confirmEmailVerification = (token: string) =>
  request<EmailVerified>('POST', '/api/auth/email-verification/confirm', { token });

/** Answers the same whether or not an account has the address. */
export const requestPasswordReset = (email: string) =>
  request<{ ok: true }>('POST', '/api/auth/password-reset', { email });

/** Sets the new password; every session of the account ends, this browser's too. */
export const confirmPasswordReset = (body: PasswordResetConfirm) =>
  request<{ ok: true }>('POST', '/api/auth/password-reset/confirm', body);

/** A mailed link carries its token after `#token=` (never sent to a server by the browser). */
export function readLinkToken(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** Sets or (null) removes one's address; a new address is unverified until its link is opened. */
export const updateOwnEmail = (email: string | null) =>
  request<SelfUser>('PATCH', '/api/user/self', { email });

/** Where the gateway's mailed links point (apps/gateway/src/mail/account-mail.ts). */
export const VERIFY_EMAIL_PATH = '/verify-email';
export const RESET_PASSWORD_PATH = '/reset-password';
/** The "Forgot password?" form. */
export const FORGOT_PASSWORD_PATH = '/forgot-password';
