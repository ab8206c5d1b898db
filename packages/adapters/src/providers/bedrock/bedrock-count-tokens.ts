import { z } from 'zod';
import { AdapterError } from '../../spec/adapter-error';

/*
 * Bedrock's CountTokens (`POST /model/{modelId}/count-tokens`, free, SigV4-signed like every
 * Bedrock call): it counts the body InvokeModel would take, sent base64-encoded as
 * `{"input":{"invokeModel":{"body":"<base64>"}}}`, and answers `{"inputTokens": N}`
 * (API reference, CountTokens and InvokeModelTokensRequest).
 */

/** CountTokens' request for an InvokeModel body (the JSON text InvokeModel would be sent). */
export function toBedrockCountTokensBody(invokeModelBody: string): string {
  const body = Buffer.from(invokeModelBody, 'utf8').toString('base64');
  return JSON.stringify({ input: { invokeModel: { body } } });
}

const countTokensAnswerSchema = z.looseObject({ inputTokens: z.number().int().min(0) });

/** Bedrock's `{inputTokens}` as Anthropic's count_tokens answers it: `{input_tokens}`. */
export function fromBedrockCountTokens(answer: unknown): { input_tokens: number } {
  const parsed = countTokensAnswerSchema.safeParse(answer);
  if (!parsed.success)
    throw new AdapterError('upstream_bad_response', 'Bedrock CountTokens sent no inputTokens');
  return { input_tokens: parsed.data.inputTokens };
}
