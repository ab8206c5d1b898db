import { describe, expect, it } from 'vitest';
import { deriveSessionKey, SESSION_HEADERS } from './session-affinity';

const derive = (headers: Record<string, string>, body: unknown = {}, tokenId = 7) =>
  deriveSessionKey(new Headers(headers), body, tokenId);

describe('deriveSessionKey', () => {
  it('reads each agent session header, the most specific first', () => {
    for (const name of SESSION_HEADERS) expect(derive({ [name]: 'abc' })).toBe('7:h:abc');
    expect(
      derive({ 'session-id': 'codex', 'x-claude-code-session-id': 'claude', 'x-session-id': 'o' }),
    ).toBe('7:h:claude');
    // A header beats the body, so a client sending both keeps one key for the session.
    expect(derive({ 'x-claude-code-session-id': 'claude' }, { metadata: { user_id: 'u' } })).toBe(
      '7:h:claude',
    );
  });

  it('falls back to prompt_cache_key, then metadata.user_id, then user, then an installation id', () => {
    const body = { prompt_cache_key: 'thread', metadata: { user_id: 'session' }, user: 'end-user' };
    expect(derive({}, body)).toBe('7:c:thread');
    expect(derive({}, { ...body, prompt_cache_key: undefined })).toBe('7:m:session');
    expect(derive({}, { user: 'end-user' })).toBe('7:u:end-user');
    expect(derive({ 'x-gemini-api-privileged-user-id': 'install' }, { user: ' ' })).toBe(
      '7:i:install',
    );
  });

  it('names no session for a request without hints, or with hints of the wrong type', () => {
    expect(derive({})).toBeUndefined();
    expect(derive({ 'session-id': '  ' }, { user: 42, metadata: 'x', prompt_cache_key: {} })).toBe(
      undefined,
    );
    expect(derive({}, [1, 2])).toBeUndefined();
    // previous_response_id names the previous turn, so it changes every turn: not a session.
    expect(derive({}, { previous_response_id: 'resp_1' })).toBeUndefined();
  });

  it('scopes the session by the caller key, and sources never collide', () => {
    expect(derive({ 'session-id': 'same' }, {}, 1)).not.toBe(
      derive({ 'session-id': 'same' }, {}, 2),
    );
    expect(derive({}, { user: 'x' })).not.toBe(derive({}, { prompt_cache_key: 'x' }));
  });

  it('keeps at most 256 characters of a hint', () => {
    const key = derive({}, { user: 'u'.repeat(1_000_000) }) as string;
    expect(key).toBe(`7:u:${'u'.repeat(254)}`);
  });
});
