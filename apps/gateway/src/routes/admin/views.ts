import type { ChannelHealthSnapshot } from '@oneapi/router';
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

/**
 * Channel keys are write-only: the view says how many there are and how each ends. `health`
 * says why health took the channel or some of its keys out and when the next probe may bring
 * them back (this instance's records; an auto-disabled channel's reason is the database's).
 */
export function toChannelView(
  channel: Channel,
  keys: readonly string[],
  health?: ChannelHealthSnapshot,
) {
  const { keyCiphertext: _ciphertext, ...view } = channel;
  return {
    ...view,
    keyCount: keys.length,
    keysMasked: keys.map(maskKey),
    health: toHealthView(channel, health),
  };
}

function toHealthView(channel: Channel, health: ChannelHealthSnapshot | undefined) {
  const retired = health?.keys.filter((key) => key.disabledReason !== undefined) ?? [];
  const probes = [health?.nextProbeAt, ...retired.map((key) => key.nextProbeAt)].filter(
    (at): at is number => at !== undefined,
  );
  const healthReason = health?.disabledDetail ?? retired[0]?.disabledDetail ?? null;
  return {
    /** Why the channel or some of its keys are out; null when nothing is. */
    reason:
      channel.status === 'auto_disabled'
        ? (channel.statusReason ?? healthReason)
        : channel.status === 'enabled'
          ? healthReason
          : null,
    /** Epoch ms of the next probe of a retired key or of the channel; null: none planned. */
    nextProbeAt: probes.length > 0 ? Math.min(...probes) : null,
    retiredKeys: retired.length,
  };
}

export const maskKey = (key: string) => (key.length <= 8 ? '****' : `****${key.slice(-4)}`);
