import { request, setCsrfToken } from './request';
import type { User } from './types';

/** The admin API's own shapes, generated from the gateway's OpenAPI document (admin-api.gen.ts). */
type Operations = import('./admin-api.gen').operations;

/** GET /api/user/self/totp: whether two-factor sign-in is on, and recovery codes left. */
export type TotpStatus =
  Operations['getApiUserSelfTotp']['responses'][200]['content']['application/json'];
/** The secret and otpauth:// URI of an enrolment just started; shown this once. */
export type TotpEnrolment =
  Operations['postApiUserSelfTotp']['responses'][201]['content']['application/json'];
type RecoveryCodes =
  Operations['postApiUserSelfTotpConfirm']['responses'][200]['content']['application/json'];
/** Turning it off takes a current code (or a recovery code) or the password. */
export type TotpProof = NonNullable<
  Operations['postApiUserSelfTotpDisable']['requestBody']
>['content']['application/json'];

/** What a sign-in that needs a second factor can use. */
export type SecondFactorMethod = 'totp' | 'passkey';

export const getTotpStatus = () => request<TotpStatus>('GET', '/api/user/self/totp');

export const startTotpEnrolment = () => request<TotpEnrolment>('POST', '/api/user/self/totp');

/** Turns TOTP on; answers the recovery codes, which are never shown again. */
export const confirmTotp = async (code: string) =>
  (await request<RecoveryCodes>('POST', '/api/user/self/totp/confirm', { code })).recoveryCodes;

export const disableTotp = (proof: TotpProof) =>
  request<void>('POST', '/api/user/self/totp/disable', proof);

/** An admin's reset of a user's second factors (TOTP, recovery codes and passkeys). */
export const resetSecondFactors = (userId: number) =>
  request<void>('DELETE', `/api/users/${userId}/second-factors`);

/** A session started: keeps its CSRF token, as a password sign-in does. */
export async function signedInAs(result: { user: User; csrfToken: string }): Promise<User> {
  setCsrfToken(result.csrfToken);
  return result.user;
}

/** The second step of a pending sign-in with a code from the app or a recovery code. */
export const signInWithCode = async (code: string) =>
  signedInAs(
    await request<{ user: User; csrfToken: string }>('POST', '/api/auth/second-factor', { code }),
  );

/** Abandons the pending sign-in, so that a reload shows the first factor again. */
export const abandonSignIn = () => request<void>('DELETE', '/api/auth/second-factor');
