import { z } from 'zod';
import { countTokensUnder } from '../core/count-tokens-under';
import { withJsonMember } from '../core/with-json-model';
import { AdapterError } from '../spec/adapter-error';
import type { NativeRequestInit } from '../spec/provider-adapter';
import { toReasoningEffort } from './to-reasoning-effort';

// Only what the gateway itself needs: contents to have something to send, the output limit
// to hold, the thinking controls to size a default limit. Everything else is the upstream's
// to judge, so new fields and part types need no release.
const passthroughSchema = z.looseObject({
  contents: z.array(z.unknown()).min(1),
  generationConfig: z
    .looseObject({
      maxOutputTokens: z.number().int().min(1).optional(),
      thinkingConfig: z
        .looseObject({
          thinkingBudget: z.number().int().optional(),
          thinkingLevel: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** A GenerateContent request to pass through, with what the gateway reads of it. */
export interface GeminiPassthroughRequest extends Omit<NativeRequestInit, 'model'> {
  readonly model: string;
  /** `generationConfig.maxOutputTokens`; undefined when the client set no limit. */
  readonly maxOutputTokens: number | undefined;
  /** The thinking controls as the canonical effort, to size a default output limit. */
  readonly reasoningEffort: string | undefined;
  /** An upper bound on its prompt tokens for the hold: the body's UTF-8 bytes. */
  readonly promptTokenBound: number;
}

/**
 * Reads a GenerateContent request for a passthrough (`model` comes from the URL; `body` is
 * the body as received, UTF-8, `json` its parse). Refuses, in the ingress's words, only what the
 * gateway cannot route or hold.
 */
export function readGeminiPassthrough(
  model: string,
  body: Uint8Array,
  json: unknown,
  options: { readonly stream: boolean },
): GeminiPassthroughRequest {
  const parsed = passthroughSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
  }
  const config = parsed.data.generationConfig;
  return {
    body,
    json: parsed.data,
    model,
    stream: options.stream,
    // Gemini clients send nothing the upstream needs besides the body: the key is the channel's.
    headers: {},
    maxOutputTokens: config?.maxOutputTokens,
    reasoningEffort: toReasoningEffort(config?.thinkingConfig),
    promptTokenBound: body.byteLength,
  };
}

/**
 * The request with `generationConfig.maxOutputTokens` set: the gateway's default limit for a
 * client that set none, so the upstream cannot write more than was held. Only then is the
 * body changed, and only its `generationConfig` member; every other byte goes as written.
 */
export function withMaxOutputTokens(
  request: GeminiPassthroughRequest,
  maxOutputTokens: number,
): GeminiPassthroughRequest {
  if (request.maxOutputTokens !== undefined) return request;
  const generationConfig = { ...(request.json.generationConfig as object), maxOutputTokens };
  const json = { ...request.json, generationConfig };
  const body = withJsonMember(request.body, 'generationConfig', generationConfig);
  return { ...request, json, body, maxOutputTokens };
}

// Where a GenerateContent body keeps its prompt's texts: contents[].parts[].text.
const PROMPT_TEXT_KEYS = new Set(['parts', 'text']);

/**
 * The prompt's tokens as the tokenizer counts the texts of `systemInstruction` and
 * `contents`, for an answer that reported no usage (Gemini reports it; a cut stream may not).
 */
export function countGeminiPromptTokens(json: Readonly<Record<string, unknown>>): Promise<number> {
  return countTokensUnder([json.systemInstruction, json.contents], PROMPT_TEXT_KEYS);
}
