import type { Channel, Token, User } from '@oneapi/storage';

/** What the admin API shows of a user: never a password or access-token hash. */
export function toUserView(user: User) {
  const { passwordHash, accessTokenHash, ...view } = user;
  return { ...view, hasPassword: passwordHash !== null, hasAccessToken: accessTokenHash !== null };
}

/** What the admin API shows of an API key: its prefix, never its hash. */
export function toTokenView(token: Token) {
  const { keyHash: _hash, ...view } = token;
  return view;
}

/** Channel keys are write-only: the view says how many there are and how each ends. */
export function toChannelView(channel: Channel, keys: readonly string[]) {
  const { keyCiphertext: _ciphertext, ...view } = channel;
  return { ...view, keyCount: keys.length, keysMasked: keys.map(maskKey) };
}

export const maskKey = (key: string) => (key.length <= 8 ? '****' : `****${key.slice(-4)}`);
