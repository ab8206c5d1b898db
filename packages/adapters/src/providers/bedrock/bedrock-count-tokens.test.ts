import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../spec/adapter-error';
import { fromBedrockCountTokens, toBedrockCountTokensBody } from './bedrock-count-tokens';

const invokeBodyOf = (request: string) =>
  JSON.parse(Buffer.from(JSON.parse(request).input.invokeModel.body, 'base64').toString('utf8'));

describe('Bedrock CountTokens', () => {
  const messages = [{ role: 'user', content: 'héllo' }];

  it('wraps the InvokeModel body, base64-encoded, as the only input', () => {
    const request = toBedrockCountTokensBody({ anthropic_version: 'bedrock-2023-05-31', messages });
    expect(Object.keys(JSON.parse(request))).toEqual(['input']);
    expect(Object.keys(JSON.parse(request).input)).toEqual(['invokeModel']);
    expect(invokeBodyOf(request)).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      messages,
      max_tokens: 1,
    });
  });

  it('sets the max_tokens placeholder above a thinking budget, and keeps one the client set', () => {
    const thinking = { type: 'enabled', budget_tokens: 4096 };
    expect(invokeBodyOf(toBedrockCountTokensBody({ messages, thinking })).max_tokens).toBe(4097);
    expect(
      invokeBodyOf(toBedrockCountTokensBody({ messages, thinking, max_tokens: 8000 })).max_tokens,
    ).toBe(8000);
  });

  it("answers Bedrock's inputTokens as Anthropic's input_tokens, and refuses another shape", () => {
    expect(fromBedrockCountTokens({ inputTokens: 12 })).toEqual({ input_tokens: 12 });
    expect(() => fromBedrockCountTokens({ input_tokens: 12 })).toThrow(AdapterError);
  });
});
