import { describe, expect, it } from 'vitest';
import { PINNED_CHANNEL_HEADER, parsePinnedToken, readPinnedChannel } from './pinning';

describe('pinning', () => {
  it("splits One API's sk-<token>-<channelId> form", () => {
    expect(parsePinnedToken('sk-abc123-42')).toEqual({ token: 'sk-abc123', channelId: 42 });
  });

  it('leaves ordinary and malformed tokens alone', () => {
    expect(parsePinnedToken('sk-abc123')).toEqual({ token: 'sk-abc123', channelId: undefined });
    expect(parsePinnedToken('sk-abc-x1')).toEqual({ token: 'sk-abc-x1', channelId: undefined });
    expect(parsePinnedToken('sk-a-1-2').channelId).toBeUndefined();
  });

  it('reads the header form', () => {
    expect(readPinnedChannel(new Headers({ [PINNED_CHANNEL_HEADER]: ' 7 ' }))).toBe(7);
    expect(readPinnedChannel(new Headers({ [PINNED_CHANNEL_HEADER]: 'seven' }))).toBeUndefined();
    expect(readPinnedChannel(new Headers())).toBeUndefined();
  });
});
