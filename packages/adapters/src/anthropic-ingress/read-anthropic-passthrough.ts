import { z } from 'zod';
import { countTokensUnder } from '../core/count-tokens-under';
import { AdapterError } from '../spec/adapter-error';
import type { NativeRequestInit } from '../spec/provider-adapter';

/**
 * Client headers an Anthropic-format upstream receives: the API version and the betas the
 * client opted into. Nothing else (credentials are the channel's).
 */
export const ANTHROPIC_FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

// Only what the gateway itself needs: the model to route, max_tokens to hold, stream to answer.
// Everything else is the upstream's to judge, so new fields and block types need no release.
const passthroughSchema = z.looseObject({
  model: z.string().min(1).max(256),
  max_tokens: z.number().int().min(1),
  messages: z.array(z.unknown()).min(1),
  stream: z.boolean().optional(),
});

/** A Messages request to pass through, with what the gateway reads of it. */
export interface AnthropicPassthroughRequest extends Omit<NativeRequestInit, 'model'> {
  readonly model: string;
  readonly maxTokens: number;
  /**
   * An upper bound on its prompt tokens for the hold: the body's UTF-8 bytes (every token
   * stands for at least one byte). Its length: nothing to read, whatever the text.
   */
  readonly promptTokenBound: number;
}

/**
 * Reads a Messages request for a passthrough: `body` is the body as received (UTF-8), `json`
 * its parse. Refuses, in the ingress's words, only what the gateway cannot route or hold.
 */
export function readAnthropicPassthrough(
  body: Uint8Array,
  json: unknown,
  headers: Headers,
): AnthropicPassthroughRequest {
  const parsed = passthroughSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
  }
  const forwarded: Record<string, string> = {};
  for (const name of ANTHROPIC_FORWARDED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) forwarded[name] = value;
  }
  return {
    body,
    json: parsed.data,
    model: parsed.data.model,
    maxTokens: parsed.data.max_tokens,
    stream: parsed.data.stream === true,
    headers: forwarded,
    promptTokenBound: body.byteLength,
  };
}

// Where a Messages body keeps its prompt's texts.
const PROMPT_TEXT_KEYS = new Set(['text', 'content', 'thinking']);

/**
 * The prompt's tokens as the tokenizer counts the texts of `system` and `messages`, for a
 * stream whose upstream reported no usage (Anthropic always does; a cut connection may not).
 */
export function countAnthropicPromptTokens(
  json: Readonly<Record<string, unknown>>,
): Promise<number> {
  return countTokensUnder([json.system, json.messages], PROMPT_TEXT_KEYS);
}
