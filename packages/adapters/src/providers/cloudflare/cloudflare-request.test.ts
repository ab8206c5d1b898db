import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import type { UpstreamTarget } from '../../spec/provider-adapter';
import { cloudflareAdapter } from './cloudflare-adapter';

const target: UpstreamTarget = {
  baseUrl: 'https://api.cloudflare.com/client/v4',
  apiKey: 'cf-token',
  config: { accountId: '023e105f4ecef8ad9ca31a8372d0c353' },
};
const RUN = 'https://api.cloudflare.com/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/ai/run';

async function build(request: unknown, to = target) {
  const upstream = await cloudflareAdapter.buildChatRequest(chatRequestSchema.parse(request), to);
  return { ...upstream, json: JSON.parse(String(upstream.body)) };
}

describe('toCloudflareRequest', () => {
  it('posts to ai/run with the model path kept in segments and only the fields sent', async () => {
    const upstream = await build({
      model: '@cf/meta/llama-3.1-8b-instruct',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      max_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      seed: 5,
    });
    expect(upstream.url).toBe(`${RUN}/@cf/meta/llama-3.1-8b-instruct`);
    expect(upstream.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer cf-token',
    });
    expect(upstream.json).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      stream: false,
      max_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      seed: 5,
    });
  });

  it('sends tools and a tool-call round trip in the OpenAI shape', async () => {
    const upstream = await build({
      model: '@hf/nousresearch/hermes-2-pro-mistral-7b',
      stream: true,
      messages: [
        { role: 'user', content: 'Weather in Tokyo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '22C' },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    });
    expect(upstream.url).toBe(`${RUN}/@hf/nousresearch/hermes-2-pro-mistral-7b`);
    expect(upstream.json).toEqual({
      stream: true,
      messages: [
        { role: 'user', content: 'Weather in Tokyo?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
            },
          ],
        },
        { role: 'tool', content: '22C', tool_call_id: 'c1' },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    });
  });

  it('encodes odd characters inside a segment and refuses path traversal', async () => {
    const upstream = await build({
      model: '@cf/acme/model name?x',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(upstream.url).toBe(`${RUN}/@cf/acme/model%20name%3Fx`);
    await expect(
      build({ model: '@cf/../../tokens', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ code: 'invalid_request', param: 'model' });
  });

  it('fails clearly without an accountId', async () => {
    await expect(
      build(
        { model: '@cf/meta/llama-3.1-8b-instruct', messages: [{ role: 'user', content: 'x' }] },
        {
          ...target,
          config: {},
        },
      ),
    ).rejects.toMatchObject({ code: 'upstream_auth_failed' });
    expect(cloudflareAdapter.configFields).toEqual([
      expect.objectContaining({ name: 'accountId', required: true }),
    ]);
  });

  it('refuses image parts (text only)', async () => {
    await expect(
      build({
        model: '@cf/meta/llama-3.2-11b-vision-instruct',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});
