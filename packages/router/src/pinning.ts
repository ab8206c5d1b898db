/**
 * Pinning sends one request to one channel, bypassing selection and health: for admins testing
 * a channel. The gateway must check that the caller is an admin before honouring either form.
 */

/** The header form: `x-oneapi-channel-id: 12`. */
export const PINNED_CHANNEL_HEADER = 'x-oneapi-channel-id';

export interface PinnedToken {
  /** The token with the channel suffix removed, to look up as usual. */
  readonly token: string;
  readonly channelId: number | undefined;
}

/**
 * One API's form `sk-<token>-<channelId>`: tokens contain no `-`, so a numeric part after the
 * token's own is the channel id. Other tokens come back unchanged.
 */
export function parsePinnedToken(token: string): PinnedToken {
  const prefix = token.startsWith('sk-') ? 'sk-' : '';
  const parts = token.slice(prefix.length).split('-');
  const channelId = parseChannelId(parts[1]);
  if (parts.length !== 2 || channelId === undefined) return { token, channelId: undefined };
  return { token: `${prefix}${parts[0]}`, channelId };
}

/** Reads the pin header from any fetch-style Headers. */
export function readPinnedChannel(headers: Headers): number | undefined {
  return parseChannelId(headers.get(PINNED_CHANNEL_HEADER) ?? undefined);
}

function parseChannelId(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
