import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults, the only ones every authenticator app reads: SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;

/** A new 160-bit secret in base32, the form authenticator apps take. */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted). */
export function totpUriOf(secret: string, issuer: string, account: string): string {
  return totpOf(secret, issuer, account).toString();
}

/**
 * The 30-second time step `code` belongs to, if it is the code of the current step or of
 * the one before or after (clock drift); undefined otherwise. The caller spends the step,
 * so the same code is refused the second time.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

function totpOf(secret: string, issuer = 'oneapi', account = '') {
  return new TOTP({
    issuer,
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}
