import type { GatewayServices } from '../compose';
import { hashRecoveryCode, isRecoveryCodeShape } from './recovery-codes';
import { matchTotpStep } from './totp';

/**
 * Checks a code from a user's authenticator app, or one of their recovery codes, and spends
 * it: a TOTP code's time step and a recovery code are each good once. Says which it was,
 * or undefined when neither matched (wrong, reused, or no confirmed authenticator).
 */
export async function verifyTotpCode(
  services: GatewayServices,
  userId: number,
  code: string,
): Promise<'totp' | 'recovery_code' | undefined> {
  const { totpFactors } = services.storage.repositories;
  const factor = await totpFactors.find(userId);
  if (factor?.confirmedAt == null) return undefined;
  if (isRecoveryCodeShape(code))
    return (await totpFactors.spendRecoveryCode(userId, hashRecoveryCode(code)))
      ? 'recovery_code'
      : undefined;
  const step = matchTotpStep(services.cipher.decrypt(factor.secret), code.trim());
  if (step === undefined) return undefined;
  return (await totpFactors.spendStep(userId, step)) ? 'totp' : undefined;
}
