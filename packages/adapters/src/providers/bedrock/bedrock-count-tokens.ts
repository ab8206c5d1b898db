import { z } from 'zod';
import { asRecord } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';

/*
 * Bedrock's CountTokens (`POST /model/{modelId}/count-tokens`, free, SigV4-signed like every
 * Bedrock call): it counts the body InvokeModel would take, sent base64-encoded as
 * `{"input":{"invokeModel":{"body":"<base64>"}}}`, and answers `{"inputTokens": N}`
 * (API reference, CountTokens and InvokeModelTokensRequest).
 */

/**
 * CountTokens' request for an InvokeModel body. A count_tokens body has no `max_tokens`, which
 * InvokeModel's schema requires (and above a thinking budget): a placeholder is set, since
 * counting reads only the prompt.
 */
export function toBedrockCountTokensBody(invokeModelBody: Record<string, unknown>): string {
  const invoke = JSON.stringify(withMaxTokensPlaceholder(invokeModelBody));
  const body = Buffer.from(invoke, 'utf8').toString('base64');
  return JSON.stringify({ input: { invokeModel: { body } } });
}

function withMaxTokensPlaceholder(body: Record<string, unknown>): Record<string, unknown> {
  if (body.max_tokens !== undefined) return body;
  const budget = Number(asRecord(body.thinking).budget_tokens);
  return { ...body, max_tokens: Number.isInteger(budget) && budget > 0 ? budget + 1 : 1 };
}

const countTokensAnswerSchema = z.looseObject({ inputTokens: z.number().int().min(0) });

/** Bedrock's `{inputTokens}` as Anthropic's count_tokens answers it: `{input_tokens}`. */
export function fromBedrockCountTokens(answer: unknown): { input_tokens: number } {
  const parsed = countTokensAnswerSchema.safeParse(answer);
  if (!parsed.success)
    throw new AdapterError('upstream_bad_response', 'Bedrock CountTokens sent no inputTokens');
  return { input_tokens: parsed.data.inputTokens };
}
