import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { rotateAlertSecrets } from '../alerts/alert-settings';
import { resolveKeyEncryptionKey } from '../bootstrap/resolve-key-encryption-key';
import { type GatewayConfig, loadConfig } from '../config';
import { createKeyCipher, parseKeyEncryptionKey } from '../secrets/key-cipher';
import { rotateSsoSecrets } from '../sso/sso-settings';
import { CliError, type CliIo } from './cli-io';
import { openStorage } from './open-storage';
import { refuseSecretFlags } from './refuse-secret-flags';
import { rotateChannelKeys } from './rotate-channel-keys';
import { rotateTotpSecrets } from './rotate-totp-secrets';

/**
 * `oneapi rotate-key [--new-key-stdin]`: moves every channel key (and the alert, sign-in
 * provider and TOTP secrets) from the current KEK
 * (KEY_ENCRYPTION_KEY, or the generated key file on the SQLite default) to a new one, read
 * from stdin or NEW_KEY_ENCRYPTION_KEY. Meant to run while no gateway is running: one still
 * on the old key cannot read the rotated channels.
 */
export async function runRotateKey(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'new-key-stdin': { type: 'boolean', default: false },
      'new-key': { type: 'string' },
    },
    strict: true,
  });
  refuseSecretFlags(values, { 'new-key': '--new-key-stdin or NEW_KEY_ENCRYPTION_KEY' });
  const newKeyText = values['new-key-stdin'] ? await io.readStdin() : io.env.NEW_KEY_ENCRYPTION_KEY;
  if (!newKeyText?.trim()) {
    throw new CliError(
      'usage',
      'rotate-key needs the new key on stdin (--new-key-stdin) or in NEW_KEY_ENCRYPTION_KEY; make one with: openssl rand -hex 32',
    );
  }
  let newKey: Buffer;
  try {
    newKey = parseKeyEncryptionKey(newKeyText);
  } catch {
    throw new CliError('usage', 'The new key must be 32 bytes as 64 hex digits or base64');
  }

  const config = loadConfig(io.env);
  const current = resolveCurrentKey(config);
  const from = createKeyCipher(current.key);
  const to = createKeyCipher(newKey);
  const { storage } = await openStorage(config);
  const { result, secrets, ssoSecrets, totpSecrets } = await (async () => {
    const channels = await rotateChannelKeys(storage, from, to);
    // The SMTP password, webhook secret, SSO client secrets and TOTP secrets are sealed
    // under the same key.
    return {
      result: channels,
      secrets: await rotateAlertSecrets(storage.repositories.options, from, to),
      ssoSecrets: await rotateSsoSecrets(storage.repositories.options, from, to),
      totpSecrets: await rotateTotpSecrets(storage, from, to),
    };
  })().finally(() => storage.close());
  io.print(
    `${result.rotated} channel(s) rotated from key ${from.keyId} to key ${to.keyId}; ${result.alreadyRotated} already under it`,
  );
  if (secrets > 0) io.print(`${secrets} alert secret(s) (SMTP password, webhook secret) rotated`);
  if (ssoSecrets > 0) io.print(`${ssoSecrets} sign-in provider client secret(s) rotated`);
  if (totpSecrets > 0) io.print(`${totpSecrets} two-factor (TOTP) secret(s) rotated`);

  if (current.file) {
    // Only now, with every row readable under the new key: a crash before this line leaves
    // the old key in place and a rerun with the same new key finishes the job.
    if (from.keyId !== to.keyId) replaceKeyFile(current.file, newKey);
    io.print(`the new key is in ${current.file}; back it up with the database`);
    io.print('database backups taken before now need the old key; restart the gateway');
  } else {
    io.print(
      `now set KEY_ENCRYPTION_KEY to the new key (id ${to.keyId}) on every instance and restart them`,
    );
  }
  return 0;
}

/** The KEK the server would use, and the file it lives in on the SQLite default. */
function resolveCurrentKey(config: GatewayConfig): { key: Buffer; file?: string } {
  if (!config.keyEncryptionKey && config.sqlDsn === '') {
    // Where resolveKeyEncryptionKey keeps it. Checked first: that function would generate a
    // fresh key when the file is missing, and a rotation must not start from a made-up key.
    const file = join(dirname(config.sqlitePath), 'key-encryption.key');
    if (!existsSync(file)) {
      throw new CliError(
        'failed',
        `No current key: KEY_ENCRYPTION_KEY is not set and ${file} does not exist`,
      );
    }
  }
  const { key, source } = resolveKeyEncryptionKey(config);
  return source === 'KEY_ENCRYPTION_KEY' ? { key } : { key, file: source };
}

/** Written beside the old file, flushed, then renamed over it: never a half-written key. */
function replaceKeyFile(file: string, key: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(descriptor, `${key.toString('hex')}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, file);
}
