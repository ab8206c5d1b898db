import { parseArgs } from 'node:util';
import { isUniqueViolation } from '@oneapi/storage';
import { createRoot } from '../bootstrap/ensure-root';
import { loadConfig } from '../config';
import { randomToken } from '../secrets/hash-secret';
import { CliError, type CliIo } from './cli-io';
import { openStorage } from './open-storage';
import { refuseSecretFlags } from './refuse-secret-flags';

// The rule the first-run page and the users API apply.
const USERNAME = /^[a-zA-Z0-9_.-]{3,64}$/;

/**
 * `oneapi create-root --username <name> [--password-stdin] [--generate-access-token]`.
 * Secrets never come from argv (shell history, `ps`): the password from stdin or
 * INITIAL_ROOT_PASSWORD, a chosen access token from INITIAL_ROOT_ACCESS_TOKEN.
 */
export async function runCreateRoot(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      'generate-access-token': { type: 'boolean', default: false },
      password: { type: 'string' },
      'access-token': { type: 'string' },
    },
    strict: true,
  });
  refuseSecretFlags(values, {
    password: '--password-stdin or INITIAL_ROOT_PASSWORD',
    'access-token': '--generate-access-token or INITIAL_ROOT_ACCESS_TOKEN',
  });
  const username = values.username;
  if (!username) throw new CliError('usage', 'create-root needs --username <name>');
  if (!USERNAME.test(username)) {
    throw new CliError('usage', '--username must be 3-64 letters, digits, _ . or -');
  }
  const config = loadConfig(io.env);
  const password = values['password-stdin']
    ? // A trailing newline from `echo` or a file is not part of the password.
      (await io.readStdin()).replace(/\r?\n$/, '')
    : config.initialRoot.password;
  if (password !== undefined && (password.length < 8 || password.length > 256)) {
    throw new CliError('usage', 'The password must be 8 to 256 characters');
  }
  const accessToken = values['generate-access-token']
    ? `at-${randomToken(40)}`
    : config.initialRoot.accessToken;
  if (!password && !accessToken) {
    throw new CliError(
      'usage',
      'create-root needs a password (--password-stdin or INITIAL_ROOT_PASSWORD) or an access token (--generate-access-token or INITIAL_ROOT_ACCESS_TOKEN)',
    );
  }

  const { storage } = await openStorage(config);
  try {
    if (await storage.repositories.users.findByUsername(username)) {
      throw new CliError('failed', `A user named "${username}" already exists; nothing changed`);
    }
    await createRoot(storage, {
      username,
      password,
      accessToken,
      apiKey: config.initialRoot.apiKey,
    }).catch((error: unknown) => {
      // Another process created the name between the check and the insert.
      if (isUniqueViolation(error)) {
        throw new CliError('failed', `A user named "${username}" already exists; nothing changed`);
      }
      throw error;
    });
  } finally {
    await storage.close();
  }
  io.print(`root account "${username}" created`);
  if (values['generate-access-token']) {
    io.print(`admin API access token (shown once): ${accessToken}`);
  }
  return 0;
}
