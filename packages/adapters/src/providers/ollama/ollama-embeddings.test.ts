import { describe, expect, it } from 'vitest';
import { ollamaAdapter } from './ollama-adapter';

const embeddings = ollamaAdapter.embeddings!;
const local = { baseUrl: 'http://localhost:11434', apiKey: '', config: {} };

describe('ollamaEmbeddings', () => {
  it('posts {model, input} to /api/embed', async () => {
    const upstream = await embeddings.buildRequest(
      { model: 'all-minilm', input: ['a', 'b'] },
      local,
    );
    expect(upstream.url).toBe('http://localhost:11434/api/embed');
    expect(upstream.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(String(upstream.body))).toEqual({ model: 'all-minilm', input: ['a', 'b'] });
  });

  it('maps {embeddings} to the OpenAI list', () => {
    const body = {
      model: 'all-minilm',
      embeddings: [
        [0.5, -1],
        [0.25, 2],
      ],
      prompt_eval_count: 4,
    };
    const response = embeddings.parseResponse(body, { model: 'all-minilm', input: ['a', 'b'] });
    expect(response).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -1] },
        { object: 'embedding', index: 1, embedding: [0.25, 2] },
      ],
      model: 'all-minilm',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
  });

  it('refuses token arrays', async () => {
    await expect(
      embeddings.buildRequest({ model: 'm', input: [[1, 2]] }, local),
    ).rejects.toMatchObject({
      code: 'unsupported',
    });
  });
});
