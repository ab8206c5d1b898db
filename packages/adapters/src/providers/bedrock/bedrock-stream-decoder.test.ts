import { describe, expect, it } from 'vitest';
import { loadChunksJsonl } from '../../testing/fixtures';
import {
  decodeMessages,
  fixtureUrl,
  loadFrameMessages,
  summarize,
} from './testing/bedrock-test-fixtures';

const decodeFixture = (name: string) => decodeMessages(loadFrameMessages(name));

describe('createBedrockStreamDecoder on recorded ConverseStream captures', () => {
  it('decodes a text stream: start, text, finish, then usage after messageStop', () => {
    const events = decodeFixture('converse-stream-text.chunks.jsonl');
    expect(events[0]).toEqual({ type: 'start' });
    expect(events.map((event) => event.type).slice(-2)).toEqual(['finish', 'usage']);
    expect(summarize(events)).toEqual({
      text: 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."',
      reasoning: '',
      signatures: [],
      toolCalls: [],
      finish: ['stop'],
      usage: { promptTokens: 22, completionTokens: 55 },
      errors: [],
    });
  });

  it('decodes reasoning text, its signature, then the answer', () => {
    const events = decodeFixture('converse-stream-reasoning.chunks.jsonl');
    const summary = summarize(events);
    expect(summary.reasoning).toBe(
      'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nr appears at positions 3, 8, and 9.\n\nSo there are 3 r\'s.',
    );
    expect(summary.signatures).toHaveLength(1);
    expect(summary.signatures[0]).toMatch(/^Ep0CCkgICxABGAIq.*GAE=$/);
    expect(summary.text).toBe('There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y');
    expect(summary.finish).toEqual(['stop']);
    expect(summary.usage).toEqual({ promptTokens: 51, completionTokens: 94 });
    // The signature closes the reasoning before any answer text.
    const types = events.map((event) => event.type);
    expect(types.indexOf('reasoning-signature')).toBeLessThan(types.indexOf('text-delta'));
    expect(types).not.toContain('error');
  });

  it('numbers tool calls from 0 in order, whatever their contentBlockIndex', () => {
    const events = decodeFixture('converse-stream-tool-use.chunks.jsonl');
    const summary = summarize(events);
    expect(summary.toolCalls).toEqual([
      { index: 0, id: 'tool-1', name: 'get-weather', arguments: '{"location":"SF"}' },
      { index: 1, id: 'json-tool-id', name: 'json', arguments: '{"result":"data"}' },
    ]);
    expect(summary.text).toBe('Calling a tool first.Now JSON.');
    expect(summary.finish).toEqual(['tool_calls']);
    expect(summary.usage).toBeUndefined();
    expect(summary.errors).toEqual([]);
  });

  it('gives a tool call without arguments "{}" and takes usage sent before messageStop', () => {
    const events = decodeFixture('converse-stream-tool-no-args.chunks.jsonl');
    const summary = summarize(events);
    expect(summary.toolCalls).toEqual([
      { index: 0, id: 'tool-use-id', name: 'updateIssueList', arguments: '{}' },
    ]);
    expect(summary.text).toBe("I'll update the issue list for you.");
    expect(summary.usage).toEqual({ promptTokens: 100, completionTokens: 25 });
    expect(summary.finish).toEqual(['tool_calls']);
    expect(events.at(-1)).toEqual({ type: 'finish', choice: 0, reason: 'tool_calls' });
  });

  it.each([
    'converse-stream-text.chunks.jsonl',
    'converse-stream-reasoning.chunks.jsonl',
    'converse-stream-tool-use.chunks.jsonl',
    'converse-stream-tool-no-args.chunks.jsonl',
  ])('decodes the SDK-style envelope lines of %s like header-typed frames', (name) => {
    const enveloped = decodeMessages(loadChunksJsonl(fixtureUrl(name)));
    expect(enveloped).toEqual(decodeFixture(name));
  });
});

describe('createBedrockStreamDecoder failures', () => {
  it('turns exception messages into error events with the right code, and stops there', () => {
    const cases = [
      ['throttlingException', 'rate_limited'],
      ['modelStreamErrorException', 'upstream_server_error'],
      ['validationException', 'invalid_request'],
      ['internalServerException', 'upstream_server_error'],
      ['serviceUnavailableException', 'overloaded'],
    ] as const;
    for (const [event, code] of cases) {
      const events = decodeMessages([
        { event: 'messageStart', data: '{"role":"assistant"}' },
        { event, data: '{"message":"Something failed, please wait."}' },
        { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"late"}}' },
      ]);
      expect(events).toHaveLength(2);
      const error = events[1];
      expect(error?.type).toBe('error');
      if (error?.type !== 'error') continue;
      expect(error.error.code).toBe(code);
      expect(error.error.message).toContain('Something failed, please wait.');
    }
  });

  it('tells a context overflow from other validation errors, and a throttle from both', () => {
    const codeOf = (event: string, message: string) => {
      const [first] = decodeMessages([{ event, data: JSON.stringify({ message }) }]);
      return first?.type === 'error' ? first.error.code : undefined;
    };
    expect(codeOf('validationException', 'Input is too long for requested model.')).toBe(
      'context_length_exceeded',
    );
    expect(codeOf('validationException', 'temperature: range 0-1')).toBe('invalid_request');
    expect(codeOf('throttlingException', 'Too many tokens, please wait before trying again.')).toBe(
      'rate_limited',
    );
  });

  it('keeps the text of an exception whose payload is not JSON', () => {
    const [event] = decodeMessages([{ event: 'throttlingException', data: 'slow down' }]);
    expect(event?.type === 'error' && event.error.message).toContain('slow down');
  });

  it('reports a stream that ends before messageStop', () => {
    const events = decodeMessages(
      loadFrameMessages('converse-stream-text.chunks.jsonl').slice(0, 5),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'upstream_bad_response' },
    });
  });

  it('reports malformed payloads and a tool delta without its start as bad responses', () => {
    for (const message of [
      { event: 'contentBlockDelta', data: '{"delta":{"text":"x"}}' },
      { event: 'messageStop', data: 'not json' },
      {
        event: 'contentBlockDelta',
        data: '{"contentBlockIndex":4,"delta":{"toolUse":{"input":"{"}}}',
      },
      { data: '{"a":1,"b":2}' },
    ]) {
      const [event] = decodeMessages([message]);
      expect(event).toMatchObject({ type: 'error', error: { code: 'upstream_bad_response' } });
    }
  });

  it('ignores events it does not use', () => {
    expect(
      decodeMessages([
        { event: 'futureEvent', data: '{}' },
        { event: 'messageStop', data: '{"stopReason":"guardrail_intervened"}' },
      ]),
    ).toEqual([{ type: 'finish', choice: 0, reason: 'content_filter' }]);
  });

  it('reports cache reads and writes inside promptTokens', () => {
    const [, usage] = decodeMessages([
      { event: 'messageStop', data: '{"stopReason":"max_tokens"}' },
      {
        event: 'metadata',
        data: '{"usage":{"inputTokens":10,"outputTokens":5,"cacheReadInputTokens":100,"cacheWriteInputTokens":7}}',
      },
    ]);
    expect(usage).toEqual({
      type: 'usage',
      usage: { promptTokens: 117, completionTokens: 5, cachedTokens: 100, cacheWriteTokens: 7 },
    });
  });
});
