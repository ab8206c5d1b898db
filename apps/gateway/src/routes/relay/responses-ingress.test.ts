import { startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAsAnthropic } from './gemini-upstreams';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

// The official openai SDK's Responses client against every channel family: passed through
// to OpenAI and Azure, translated for a chat-only OpenAI-compatible vendor, Anthropic and
// Gemini. Each mock upstream asks for a tool call first and answers text once the call's
// result comes back paired with it (refusing it otherwise, as the real APIs do).
describe('POST /v1/responses through every channel family', () => {
  let testbed: ResponsesTestbed;
  let sdk: OpenAI;
  let upstreams: ResponsesTestbed['upstreams'];

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    upstreams = testbed.upstreams;
    sdk = new OpenAI({
      apiKey: testbed.apiKey,
      baseURL: `${testbed.gateway.url}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(() => testbed?.close());

  const consumeLogs = (model: string) => testbed.consumeLogs(model);

  /** The follow-up input of a tool round trip: the question, the call, and its result. */
  const followUp = (call: { call_id: string; name: string; arguments: string }) => [
    { role: 'user' as const, content: 'What is the weather in Paris?' },
    { type: 'function_call' as const, ...call },
    { type: 'function_call_output' as const, call_id: call.call_id, output: 'Sunny, 21 C' },
  ];

  it.each([
    ['OpenAI (passthrough)', 'gpt-4o', 'openai', 'Hello'],
    ['Azure (passthrough)', 'gpt-4.1', 'azure', 'Hello'],
    [
      'a chat-only OpenAI-compatible',
      'deepseek-chat',
      'deepseek',
      '{"city":"San Francisco","units":"c"}',
    ],
    ['Anthropic', 'claude-sonnet-4-5', 'anthropic', 'Hello there!'],
    ['Gemini 3', 'gemini-2.5-pro', 'gemini', 'The capital of Mexico is Mexico City.'],
  ])('streams a tool round trip through %s', async (_family, model, upstream, answer) => {
    const before = upstreams[upstream]!.requests.length;
    const first = await sdk.responses
      .stream({ model, input: 'What is the weather in Paris?', tools: [WEATHER_TOOL] })
      .finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toBeDefined();
    expect(first.usage?.input_tokens).toBeGreaterThan(0);
    const { call_id, name, arguments: args } = call as OpenAI.Responses.ResponseFunctionToolCall;
    const second = await sdk.responses
      .stream({ model, input: followUp({ call_id, name, arguments: args }), tools: [WEATHER_TOOL] })
      .finalResponse();
    expect(second.output_text).toBe(answer);
    expect(second.status).toBe('completed');
    // Both turns reached the upstream; the second was refused there unless paired.
    expect(upstreams[upstream]!.requests.length - before).toBe(2);
    // Each turn billed on the usage its answer reported.
    await expect.poll(async () => (await consumeLogs(model)).length).toBeGreaterThanOrEqual(2);
    const [secondLog, firstLog] = await consumeLogs(model);
    expect(firstLog).toMatchObject({
      promptTokens: first.usage!.input_tokens,
      completionTokens: first.usage!.output_tokens,
    });
    expect(secondLog).toMatchObject({
      promptTokens: second.usage!.input_tokens,
      completionTokens: second.usage!.output_tokens,
    });
  });

  it.each([
    ['OpenAI (passthrough)', 'gpt-4o', 'Word'],
    ['Azure (passthrough)', 'gpt-4.1', 'Word'],
    ['a chat-only OpenAI-compatible', 'deepseek-chat', undefined],
    ['Anthropic', 'claude-sonnet-4-5', undefined],
  ])('answers a buffered tool round trip through %s', async (_family, model, recorded) => {
    const first = await sdk.responses.create({
      model,
      input: 'What is the weather in Paris?',
      tools: [WEATHER_TOOL],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', status: 'completed' });
    const { call_id, name, arguments: args } = call as OpenAI.Responses.ResponseFunctionToolCall;
    const second = await sdk.responses.create({
      model,
      input: followUp({ call_id, name, arguments: args }),
      tools: [WEATHER_TOOL],
    });
    expect(second.output_text).not.toBe('');
    if (recorded) expect(second.output_text).toBe(recorded);
    const [log] = await consumeLogs(model);
    expect(log).toMatchObject({
      promptTokens: second.usage!.input_tokens,
      completionTokens: second.usage!.output_tokens,
    });
  });

  it('answers a buffered function call from Gemini', async () => {
    const answer = await sdk.responses.create({
      model: 'gemini-2.0-flash',
      input: 'Turn the lights down',
      tools: [WEATHER_TOOL],
    });
    expect(answer.output).toMatchObject([{ type: 'function_call', status: 'completed' }]);
    expect(answer.usage?.input_tokens).toBeGreaterThan(0);
  });

  it.each([
    ['OpenAI', 'gpt-4o', 'openai', 'gpt-4o-2024-08-06', '/v1/responses'],
    ['Azure', 'gpt-4.1', 'azure', 'gpt-4.1', '/openai/v1/responses'],
  ])(
    'passes the client body through to %s field by field, the model mapped',
    async (_name, model, upstream, upstreamModel, path) => {
      const sent = {
        model,
        input: [{ role: 'user' as const, content: 'Hi' }],
        instructions: 'Be brief.',
        max_output_tokens: 500,
        store: true,
        include: ['reasoning.encrypted_content' as const],
        prompt_cache_key: 'session-1',
        tools: [WEATHER_TOOL, { type: 'web_search' as const }],
        metadata: { run: 'passthrough' },
      };
      await sdk.responses.create(sent);
      const request = upstreams[upstream]!.requests.at(-1)!;
      expect(JSON.parse(request.body)).toEqual({ ...sent, model: upstreamModel });
      expect(request.url).toBe(path);
      expect(JSON.stringify(request.headers)).toContain(`${upstream}-upstream-key`);
    },
  );

  it('answers a model no channel serves with 404 model_not_found, asking no upstream', async () => {
    const asked = Object.values(upstreams).reduce((sum, up) => sum + up.requests.length, 0);
    const failure = await sdk.responses
      .create({ model: 'no-such-model', input: 'Hi' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    expect(failure).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(Object.values(upstreams).reduce((sum, up) => sum + up.requests.length, 0)).toBe(asked);
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_1234' }],
    ['tools', { tools: [{ type: 'web_search' as const }] }],
  ])('refuses %s on a translated path with a 400 in OpenAI shape', async (param, extra) => {
    const asked = upstreams.anthropic!.requests.length;
    const failure = await sdk.responses
      .create({ model: 'claude-sonnet-4-5', input: 'Hi', ...extra })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(failure).toMatchObject({ status: 400, param, type: 'invalid_request_error' });
    expect((failure as Error).message).toContain(param);
    expect(upstreams.anthropic!.requests.length).toBe(asked);
  });
  it('keeps a model whose pool mixes OpenAI and other channels on the passthrough', async () => {
    const mixed = await startFixtureServer(answerAsAnthropic);
    await testbed.addChannel('anthropic', mixed.url, ['gpt-4o']);
    try {
      for (let turn = 0; turn < 6; turn++)
        await sdk.responses.create({ model: 'gpt-4o', input: 'Hi', tools: [WEATHER_TOOL] });
      // A failover to the translated channel would lose what the passthrough keeps.
      expect(mixed.requests).toHaveLength(0);
    } finally {
      await mixed.close();
    }
  });
});
