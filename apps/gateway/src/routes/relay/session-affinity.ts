import { asRecord } from '@oneapi/adapters';

/**
 * Headers coding agents put their conversation in, most specific first (names lower-case).
 * - `x-claude-code-session-id`: Claude Code since 2.1.86, one UUID per session.
 * - `session-id`: Codex CLI today (its thread id); `session_id` and `conversation_id`: the
 *   spellings of earlier Codex releases.
 * - `x-session-id`, `x-session-affinity`: OpenCode (and clients that copied it).
 */
export const SESSION_HEADERS = [
  'x-claude-code-session-id',
  'session-id',
  'session_id',
  'conversation_id',
  'x-session-id',
  'x-session-affinity',
] as const;

/**
 * Gemini CLI sends no session id with an API key; this header carries its installation id
 * (only while its usage statistics are on), so a user's machine keeps to one channel.
 */
const INSTALLATION_HEADER = 'x-gemini-api-privileged-user-id';

/** Longer hints are cut: a session id is a UUID, and hashing stays bounded per request. */
const MAX_HINT_LENGTH = 256;

/**
 * The session a request belongs to, for sticky routing, or undefined when it names none.
 * The first present of: an agent's session header; the body's `prompt_cache_key` (Codex sets
 * it to its thread id; OpenAI routes its own cache by it); Anthropic's `metadata.user_id`
 * (Claude Code writes its session id into it); OpenAI's `user`; Gemini CLI's installation id.
 * `previous_response_id` is not one: it names the previous turn, so it changes every turn.
 * The result is scoped by the caller's key (`tokenId`): two keys never share a session.
 */
export function deriveSessionKey(
  headers: Headers,
  body: unknown,
  tokenId: number,
): string | undefined {
  const hint = readSessionHint(headers, asRecord(body));
  return hint === undefined ? undefined : `${tokenId}:${hint.slice(0, MAX_HINT_LENGTH)}`;
}

function readSessionHint(
  headers: Headers,
  body: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const name of SESSION_HEADERS) {
    const value = headers.get(name)?.trim();
    if (value) return `h:${value}`;
  }
  // Each source keeps its own prefix, so a value in one never collides with another's.
  const fields: Array<[string, unknown]> = [
    ['c', body.prompt_cache_key],
    ['m', asRecord(body.metadata).user_id],
    ['u', body.user],
  ];
  for (const [source, value] of fields)
    if (typeof value === 'string' && value.trim() !== '') return `${source}:${value.trim()}`;
  const installation = headers.get(INSTALLATION_HEADER)?.trim();
  return installation ? `i:${installation}` : undefined;
}
