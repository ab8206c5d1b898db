import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { cohereAdapter } from './cohere-adapter';

const embeddings = cohereAdapter.embeddings!;
const target = { baseUrl: 'https://api.cohere.com', apiKey: 'co-key', config: {} };
const body: unknown = JSON.parse(
  readFixture(new URL('./__fixtures__/embed-v2.json', import.meta.url)),
);

describe('cohereEmbeddings', () => {
  it('declares embeddings support', () => {
    expect(cohereAdapter.capabilities.embeddings).toBe(true);
  });

  it('posts texts to /v2/embed as float search_document embeddings', async () => {
    const upstream = await embeddings.buildRequest(
      { model: 'embed-v4.0', input: ['sunny day at the beach', 'rainy day in the city'] },
      target,
    );
    expect(upstream.url).toBe('https://api.cohere.com/v2/embed');
    expect(upstream.headers).toMatchObject({ Authorization: 'Bearer co-key' });
    expect(JSON.parse(String(upstream.body))).toEqual({
      model: 'embed-v4.0',
      texts: ['sunny day at the beach', 'rainy day in the city'],
      input_type: 'search_document',
      embedding_types: ['float'],
    });
  });

  it('refuses token-array input', async () => {
    await expect(
      embeddings.buildRequest({ model: 'e', input: [1, 2, 3] }, target),
    ).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('maps embed-v2.json to the OpenAI list shape with billed input tokens', () => {
    const response = embeddings.parseResponse(body, { model: 'embed-v4.0', input: ['a', 'b'] });
    expect(response.object).toBe('list');
    expect(response.model).toBe('embed-v4.0');
    expect(response.usage).toEqual({ prompt_tokens: 10, total_tokens: 10 });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.data[1]?.embedding).toEqual([
      -0.04660034, 0.00037765503, -0.061157227, -0.08239746, -0.010360718,
    ]);
  });

  it('encodes base64 as little-endian float32 when asked', () => {
    const response = embeddings.parseResponse(body, {
      model: 'e',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
    const bytes = Buffer.from(response.data[0]?.embedding as string, 'base64');
    expect(bytes.length).toBe(20);
    expect(bytes.readFloatLE(0)).toBeCloseTo(0.03302002, 6);
    expect(bytes.readFloatLE(16)).toBeCloseTo(0.04437256, 6);
  });
});
