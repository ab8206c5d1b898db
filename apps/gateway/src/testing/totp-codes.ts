import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app shows `steps` time steps (30 s) from now. */
export const totpCodeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

/**
 * Codes are made for the step before, now and after; the server accepts those three. Near a
 * step's end, a code made now could be two steps old when checked: wait for a fresh step.
 */
export async function atFreshTotpStep(): Promise<void> {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 22_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep));
}
