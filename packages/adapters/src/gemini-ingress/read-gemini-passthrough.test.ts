import { describe, expect, it } from 'vitest';
import { isAdapterError } from '../spec/adapter-error';
import { readGeminiStreamError } from './gemini-answer-usage';
import {
  countGeminiPromptTokens,
  readGeminiPassthrough,
  withMaxOutputTokens,
} from './read-gemini-passthrough';

const body = {
  contents: [{ role: 'user', parts: [{ text: 'hello there' }, { futurePart: { x: 1 } }] }],
  generationConfig: { thinkingConfig: { thinkingLevel: 'HIGH' } },
  futureField: true,
};
const text = JSON.stringify(body);
const bytes = new TextEncoder().encode(text);

describe('readGeminiPassthrough', () => {
  it('reads what the gateway needs and keeps the rest as written', () => {
    const request = readGeminiPassthrough('gemini-3-pro-preview', bytes, body, { stream: true });
    expect(request).toMatchObject({
      model: 'gemini-3-pro-preview',
      stream: true,
      body: bytes,
      maxOutputTokens: undefined,
      reasoningEffort: 'high',
      promptTokenBound: Buffer.byteLength(text),
    });
    expect(request.json).toEqual(body);
  });

  it('refuses a body without contents in the ingress’s words', () => {
    let thrown: unknown;
    try {
      readGeminiPassthrough('m', new Uint8Array([0x7b, 0x7d]), {}, { stream: false });
    } catch (error) {
      thrown = error;
    }
    expect(isAdapterError(thrown) && thrown.code).toBe('invalid_request');
    expect((thrown as Error).message).toMatch(/^contents:/);
  });

  it('sets a missing output limit and rewrites the body only then', () => {
    const request = readGeminiPassthrough('m', bytes, body, { stream: false });
    const capped = withMaxOutputTokens(request, 4096);
    expect(JSON.parse(new TextDecoder().decode(capped.body))).toEqual({
      ...body,
      generationConfig: { ...body.generationConfig, maxOutputTokens: 4096 },
    });
    expect(withMaxOutputTokens(capped, 9)).toBe(capped);
  });

  it('counts the prompt from the texts of systemInstruction and contents', async () => {
    const one = await countGeminiPromptTokens({ contents: body.contents });
    const two = await countGeminiPromptTokens({
      systemInstruction: { parts: [{ text: 'hello there' }] },
      contents: body.contents,
    });
    expect(one).toBeGreaterThan(0);
    expect(two).toBe(one * 2);
  });
});

describe('readGeminiStreamError', () => {
  it('reads an error chunk as the provider reads an error answer', () => {
    const error = readGeminiStreamError(
      JSON.stringify({
        error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' },
      }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(error?.message).toContain('Quota exceeded');
  });

  it('passes an ordinary chunk', () => {
    expect(readGeminiStreamError(JSON.stringify({ candidates: [] }))).toBeUndefined();
    expect(readGeminiStreamError('not json')).toBeUndefined();
  });
});
