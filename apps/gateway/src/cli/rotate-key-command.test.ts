import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_SETTINGS_OPTION, createAlertSettingsStore } from '../alerts/alert-settings';
import { createLocalChangeBus } from '../cluster/change-bus';
import { createLogger } from '../log/create-logger';
import { openChannelKeys, sealChannelKeys } from '../routes/admin/channel-keys';
import { createKeyCipher, type KeyCipher } from '../secrets/key-cipher';
import { createSsoSettingsStore, SSO_OPTION } from '../sso/sso-settings';
import { createTempDatabase, createTestIo } from '../testing/cli/create-test-cli';
import { rotateChannelKeys } from './rotate-channel-keys';
import { runCli } from './run-cli';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const keyC = randomBytes(32);
const [cipherA, cipherB, cipherC] = [keyA, keyB, keyC].map(createKeyCipher) as [
  KeyCipher,
  KeyCipher,
  KeyCipher,
];
const plaintexts = [['sk-one'], ['sk-two-a', 'sk-two-b'], ['sk-three']];

let database: ReturnType<typeof createTempDatabase>;
let storage: Storage;
beforeEach(async () => {
  database = createTempDatabase();
  storage = await createStorage({ sqlitePath: database.sqlitePath });
  await storage.migrate();
});
afterEach(async () => {
  await storage.close();
  database.dispose();
});

/** One channel per plaintext, each sealed under the cipher at the same position. */
async function createChannels(ciphers: KeyCipher[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, keys] of plaintexts.entries()) {
    const channel = await storage.repositories.channels.create({
      type: 'openai',
      name: `channel-${index}`,
      keyCiphertext: sealChannelKeys(ciphers[index]!, keys),
      models: ['gpt-4o'],
      groups: ['default'],
    });
    ids.push(channel.id);
  }
  return ids;
}

const readCiphertexts = async () =>
  (await storage.repositories.channels.listAll()).map((channel) => channel.keyCiphertext);

async function expectAllUnder(cipher: KeyCipher, other: KeyCipher) {
  const ciphertexts = await readCiphertexts();
  expect(ciphertexts.map((ciphertext) => openChannelKeys(cipher, ciphertext))).toEqual(plaintexts);
  for (const ciphertext of ciphertexts) expect(() => other.decrypt(ciphertext)).toThrow();
}

describe('on the SQLite default, with the generated key file', () => {
  const keyFile = () => join(database.directory, 'key-encryption.key');
  const env = () => ({
    SQLITE_PATH: database.sqlitePath,
    NEW_KEY_ENCRYPTION_KEY: keyB.toString('hex'),
  });

  beforeEach(() => writeFileSync(keyFile(), `${keyA.toString('hex')}\n`, { mode: 0o600 }));

  it('re-encrypts every channel, then replaces the key file; a second run rotates none', async () => {
    await createChannels([cipherA, cipherA, cipherA]);
    const io = createTestIo(env());
    expect(await runCli(['rotate-key'], io)).toBe(0);
    expect(io.output[0]).toBe(
      `3 channel(s) rotated from key ${cipherA.keyId} to key ${cipherB.keyId}; 0 already under it`,
    );
    await expectAllUnder(cipherB, cipherA);
    expect(readFileSync(keyFile(), 'utf8')).toBe(`${keyB.toString('hex')}\n`);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(database.directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const again = createTestIo(env());
    expect(await runCli(['rotate-key'], again)).toBe(0);
    expect(again.output[0]).toBe(
      `0 channel(s) rotated from key ${cipherB.keyId} to key ${cipherB.keyId}; 3 already under it`,
    );
    await expectAllUnder(cipherB, cipherA);
  });

  it('moves the SMTP password and the webhook secret to the new key too', async () => {
    await createChannels([cipherA, cipherA, cipherA]);
    const changes = createLocalChangeBus(createLogger({ level: 'silent' }));
    const options = storage.repositories.options;
    await createAlertSettingsStore(options, changes, cipherA).update({
      smtpPassword: 'smtp-password-rotated',
      webhookSecret: 'webhook-secret-rotated-0001',
    });
    const io = createTestIo(env());
    expect(await runCli(['rotate-key'], io)).toBe(0);
    expect(io.output[1]).toBe('2 alert secret(s) (SMTP password, webhook secret) rotated');
    const underB = await createAlertSettingsStore(options, changes, cipherB).read();
    expect(underB).toMatchObject({
      smtpPassword: 'smtp-password-rotated',
      webhookSecret: 'webhook-secret-rotated-0001',
    });
    expect(JSON.stringify(await options.get(ALERT_SETTINGS_OPTION))).not.toContain('rotated');
  });

  it('moves the sign-in providers’ client secrets to the new key too', async () => {
    const options = storage.repositories.options;
    await createSsoSettingsStore(options, cipherA).update({
      oidcClientSecret: 'oidc-client-secret-rotated',
      githubClientSecret: 'github-client-secret-rotated',
    });
    const io = createTestIo(env());
    expect(await runCli(['rotate-key'], io)).toBe(0);
    expect(io.output).toContain('2 sign-in provider client secret(s) rotated');
    expect(await createSsoSettingsStore(options, cipherB).readConfig()).toMatchObject({
      oidcClientSecret: 'oidc-client-secret-rotated',
      githubClientSecret: 'github-client-secret-rotated',
    });
    expect(JSON.stringify(await options.get(SSO_OPTION))).not.toContain('rotated');
  });

  it('moves the users’ TOTP secrets to the new key too', async () => {
    const user = await storage.repositories.users.create({
      username: 'tess',
      displayName: 'Tess',
      role: 'user',
      status: 'enabled',
      groupName: 'default',
      quota: 0,
    });
    await storage.repositories.totpFactors.startEnrolment(
      user.id,
      cipherA.encrypt('JBSWY3DPEHPK3PXP'),
    );
    const io = createTestIo(env());
    expect(await runCli(['rotate-key'], io)).toBe(0);
    expect(io.output).toContain('1 two-factor (TOTP) secret(s) rotated');
    const { secret } = (await storage.repositories.totpFactors.find(user.id))!;
    expect(cipherB.decrypt(secret)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => cipherA.decrypt(secret)).toThrow();
  });

  it('fails before writing anything when a channel is under an unknown key', async () => {
    const ids = await createChannels([cipherA, cipherC, cipherA]);
    const before = await readCiphertexts();
    const io = createTestIo(env());
    expect(await runCli(['rotate-key'], io)).toBe(1);
    expect(io.errors[0]).toContain('Nothing was changed');
    expect(io.errors[0]).toContain(`channel ${ids[1]}: Encrypted under another key-encryption key`);
    expect(io.errors[0]).not.toContain(`channel ${ids[0]}:`);
    expect(await readCiphertexts()).toEqual(before);
    expect(readFileSync(keyFile(), 'utf8')).toBe(`${keyA.toString('hex')}\n`);
  });
});

describe('with KEY_ENCRYPTION_KEY (as SQL_DSN setups have it)', () => {
  const env = () => ({
    SQLITE_PATH: database.sqlitePath,
    KEY_ENCRYPTION_KEY: keyA.toString('hex'),
  });

  it('finishes an interrupted rotation and says to change KEY_ENCRYPTION_KEY everywhere', async () => {
    // As a run stopped after the second row left it.
    await createChannels([cipherB, cipherB, cipherA]);
    const io = createTestIo(env(), `${keyB.toString('base64')}\n`);
    expect(await runCli(['rotate-key', '--new-key-stdin'], io)).toBe(0);
    expect(io.output).toEqual([
      `1 channel(s) rotated from key ${cipherA.keyId} to key ${cipherB.keyId}; 2 already under it`,
      `now set KEY_ENCRYPTION_KEY to the new key (id ${cipherB.keyId}) on every instance and restart them`,
    ]);
    await expectAllUnder(cipherB, cipherA);
    // The key came from the environment: no key file is made.
    expect(readdirSync(database.directory).some((name) => name.includes('key'))).toBe(false);
  });

  it('leaves no channel behind when one is edited under the old key mid-run', async () => {
    const ids = await createChannels([cipherA, cipherA, cipherA]);
    const channels = storage.repositories.channels;
    // A gateway still on key A saves channel 2's keys between the read and the write.
    const racing = {
      ...storage,
      repositories: {
        ...storage.repositories,
        channels: {
          ...channels,
          async replaceKeyCiphertext(id: number, expected: string, next: string) {
            if (id === ids[1]) {
              await channels.update(id, { keyCiphertext: sealChannelKeys(cipherA, ['edited']) });
            }
            return channels.replaceKeyCiphertext(id, expected, next);
          },
        },
      },
    } satisfies Storage;
    await expect(rotateChannelKeys(racing, cipherA, cipherB)).rejects.toThrow(
      `2 channel(s) rotated, but channel(s) ${ids[1]} changed during the rotation`,
    );
    const edited = (await channels.findById(ids[1]!))!.keyCiphertext;
    expect(openChannelKeys(cipherA, edited)).toEqual(['edited']);
    // A rerun, nobody racing now, picks up the edited keys.
    expect(await rotateChannelKeys(storage, cipherA, cipherB)).toEqual({
      rotated: 1,
      alreadyRotated: 2,
    });
  });

  it.each([
    [{}, 'needs the new key'],
    [{ NEW_KEY_ENCRYPTION_KEY: 'not-a-key' }, 'must be 32 bytes'],
  ])('exits 2 when the new key is missing or malformed (%j)', async (extra, message) => {
    await createChannels([cipherA, cipherA, cipherA]);
    const before = await readCiphertexts();
    const io = createTestIo({ ...env(), ...extra });
    expect(await runCli(['rotate-key'], io)).toBe(2);
    expect(io.errors[0]).toContain(message);
    expect(await readCiphertexts()).toEqual(before);
  });

  it('refuses the new key as a command-line argument', async () => {
    const io = createTestIo(env());
    expect(await runCli(['rotate-key', '--new-key', keyB.toString('hex')], io)).toBe(2);
    expect(io.errors[0]).toContain('--new-key is refused');
  });
});

it('refuses to start from a key that does not exist yet', async () => {
  await createChannels([cipherA, cipherA, cipherA]);
  const io = createTestIo({
    SQLITE_PATH: database.sqlitePath,
    NEW_KEY_ENCRYPTION_KEY: keyB.toString('hex'),
  });
  expect(await runCli(['rotate-key'], io)).toBe(1);
  expect(io.errors[0]).toContain('No current key');
  expect(readdirSync(database.directory).some((name) => name.includes('key'))).toBe(false);
});
