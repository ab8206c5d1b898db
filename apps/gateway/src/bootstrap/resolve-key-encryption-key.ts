import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GatewayConfig } from '../config';
import { ConfigError } from '../config';
import { parseKeyEncryptionKey } from '../secrets/key-cipher';

/**
 * The key that encrypts channel keys. From KEY_ENCRYPTION_KEY when set. On the embedded
 * SQLite default without it, one is generated once into `key-encryption.key` beside the
 * database (mode 0600), so a one-command install just works. With MySQL or PostgreSQL it is
 * required: every instance must share it, and a key generated on one machine would leave
 * the others unable to read channel keys.
 */
export function resolveKeyEncryptionKey(config: GatewayConfig): { key: Buffer; source: string } {
  if (config.keyEncryptionKey) {
    try {
      return { key: parseKeyEncryptionKey(config.keyEncryptionKey), source: 'KEY_ENCRYPTION_KEY' };
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration:\n  KEY_ENCRYPTION_KEY: ${(error as Error).message}`,
      );
    }
  }
  if (config.sqlDsn !== '') {
    throw new ConfigError(
      'KEY_ENCRYPTION_KEY is required with SQL_DSN (every instance must share it). Generate one with: openssl rand -hex 32',
    );
  }
  const file = join(dirname(config.sqlitePath), 'key-encryption.key');
  if (existsSync(file)) {
    return { key: parseKeyEncryptionKey(readFileSync(file, 'utf8')), source: file };
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: parseKeyEncryptionKey(readFileSync(file, 'utf8')), source: file };
}
