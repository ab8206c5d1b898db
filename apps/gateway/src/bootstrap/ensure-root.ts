import { isUniqueViolation, type Storage } from '@oneapi/storage';
import type { GatewayConfig } from '../config';
import { hashSecret, keyPrefixOf, randomToken } from '../secrets/hash-secret';
import { hashPassword } from '../secrets/passwords';

export type RootState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'created'; readonly username: string }
  /** No account yet: the first-run page must be given this one-time token. */
  | { readonly kind: 'setup'; readonly setupToken: string };

export const ROOT_USERNAME = 'root';

/**
 * There is no default password (One API's root/123456 is a known hole). On an empty
 * database the root account comes from INITIAL_ROOT_* when given; otherwise a one-time
 * setup token is printed and the first-run endpoint waits for it.
 */
export async function ensureRoot(storage: Storage, config: GatewayConfig): Promise<RootState> {
  if ((await storage.repositories.users.count()) > 0) return { kind: 'ready' };
  const { password, accessToken, apiKey } = config.initialRoot;
  if (!password && !accessToken) return { kind: 'setup', setupToken: randomToken(32) };
  try {
    await createRoot(storage, { password, accessToken, apiKey });
  } catch (error) {
    // Instances started together on an empty database race to create root; one wins.
    if (isUniqueViolation(error)) return { kind: 'ready' };
    throw error;
  }
  return { kind: 'created', username: ROOT_USERNAME };
}

export async function createRoot(
  storage: Storage,
  credentials: {
    username?: string;
    password?: string | undefined;
    accessToken?: string | undefined;
    apiKey?: string | undefined;
  },
): Promise<void> {
  const passwordHash = credentials.password ? await hashPassword(credentials.password) : null;
  await storage.transaction(async (repositories) => {
    const root = await repositories.users.create({
      username: credentials.username ?? ROOT_USERNAME,
      displayName: 'Root',
      role: 'root',
      status: 'enabled',
      groupName: 'default',
      passwordHash,
      accessTokenHash: credentials.accessToken ? hashSecret(credentials.accessToken) : null,
      // Root's own quota is not a limit that makes sense to run out of; admins top up others.
      quota: 0,
    });
    if (credentials.apiKey) {
      await repositories.tokens.create({
        userId: root.id,
        name: 'initial',
        keyHash: hashSecret(credentials.apiKey),
        keyPrefix: keyPrefixOf(credentials.apiKey),
        unlimitedQuota: true,
      });
    }
  });
}
