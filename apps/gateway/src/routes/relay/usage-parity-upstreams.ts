import { readFileSync } from 'node:fs';
import type { FixtureReply, RecordedRequest } from '@oneapi/adapters/testing';

/*
 * Mock upstreams for the usage parity tests: each answers a buffered and a streamed request
 * with its provider's recorded answers, both reporting one usage that has cache reads, cache
 * writes (Anthropic) and reasoning tokens, in that provider's own words. Where a recording
 * reports a zero the numbers are constructed (noted), so that every usage class counts.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const lines = (name: string) =>
  fixture(name)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const isStream = (request: RecordedRequest) =>
  request.url.includes(':streamGenerateContent') || JSON.parse(request.body).stream === true;
const sse = (body: string): FixtureReply => ({
  headers: { 'content-type': 'text/event-stream' },
  body,
  // Cut inside events, to exercise the parsers on both sides.
  splitAt: [9, 160, 161, 420],
});
const json = (body: unknown): FixtureReply => ({ body: JSON.stringify(body) });

/**
 * OpenAI's chat usage in the recorded shape (chat-completion-text.json); the recording's cache
 * and reasoning counts are 0, these are constructed. Reasoning is inside completion_tokens.
 */
const OPENAI_CHAT_USAGE = {
  prompt_tokens: 1_216,
  completion_tokens: 363,
  total_tokens: 1_579,
  prompt_tokens_details: { cached_tokens: 1_024, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 320,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};
/** The recorded Responses usage (reasoning 59 of 226 output), with a constructed cache read. */
const RESPONSES_ANSWER = (() => {
  const answer = JSON.parse(fixture('response-reasoning-summary.json'));
  answer.usage.input_tokens_details.cached_tokens = 16;
  return answer;
})();

/** OpenAI: Chat Completions on `/chat/completions`, the Responses API on `/responses`. */
export function answerAsOpenAI(request: RecordedRequest): FixtureReply {
  if (request.url.endsWith('/responses')) {
    if (!isStream(request)) return json(RESPONSES_ANSWER);
    // The recorded stream; its response.completed carries the usage of the buffered answer.
    return sse(
      fixture('responses-stream-function-call.sse').replace(
        /^data: (\{"type":"response\.completed".*)$/m,
        (_line, data: string) => {
          const event = JSON.parse(data);
          event.response.usage = RESPONSES_ANSWER.usage;
          return `data: ${JSON.stringify(event)}`;
        },
      ),
    );
  }
  if (!isStream(request))
    return json({ ...JSON.parse(fixture('chat-completion-text.json')), usage: OPENAI_CHAT_USAGE });
  return sse(
    fixture('chat-stream-include-usage.sse').replace(
      /"usage":\{[^}]*\}/,
      `"usage":${JSON.stringify(OPENAI_CHAT_USAGE)}`,
    ),
  );
}

/**
 * xAI, recorded (grok-3-mini): reasoning_tokens are NOT inside completion_tokens
 * (291 + 26 + 189 = total 506). The stream's final usage chunk reports the buffered answer's
 * usage here (the two recordings are different requests).
 */
const XAI_ANSWER = JSON.parse(fixture('xai/chat-tool-call.json'));
export function answerAsXAI(request: RecordedRequest): FixtureReply {
  if (!isStream(request)) return json(XAI_ANSWER);
  const chunks = lines('xai/chat-stream-tool-call.chunks.jsonl');
  const last = chunks.at(-1)!;
  chunks[chunks.length - 1] = { ...last, usage: XAI_ANSWER.usage };
  return sse(
    `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`,
  );
}

/**
 * Anthropic, recorded (messages-cache-usage.json): 3 uncached input, 418 written, 1111 read.
 * The recording wrote all 418 for 5 minutes; 100 of them are moved to the 1-hour lifetime
 * (constructed) so that the split counts.
 */
const ANTHROPIC_ANSWER = (() => {
  const answer = JSON.parse(fixture('messages-cache-usage.json'));
  answer.usage.cache_creation = { ephemeral_1h_input_tokens: 100, ephemeral_5m_input_tokens: 318 };
  return answer;
})();
export function answerAsAnthropic(request: RecordedRequest): FixtureReply {
  if (!isStream(request)) return json(ANTHROPIC_ANSWER);
  const { output_tokens, cache_creation, ...input } = ANTHROPIC_ANSWER.usage;
  const event = (type: string, data: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  // As Anthropic streams it (messages-thinking-stream.sse): message_start has the input usage
  // with the cache_creation split; message_delta restates the counts, without the split.
  return sse(
    [
      event('message_start', {
        message: {
          ...ANTHROPIC_ANSWER,
          content: [],
          stop_reason: null,
          usage: { ...input, cache_creation, output_tokens: 1 },
        },
      }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
      event('content_block_delta', {
        index: 0,
        delta: { type: 'text_delta', text: ANTHROPIC_ANSWER.content[0].text },
      }),
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: input.input_tokens,
          cache_creation_input_tokens: input.cache_creation_input_tokens,
          cache_read_input_tokens: input.cache_read_input_tokens,
          output_tokens,
        },
      }),
      event('message_stop', {}),
    ].join(''),
  );
}

/**
 * Gemini, recorded (gemini-2.5-flash): 5 prompt of which 3 cached, 238 candidates and 41
 * thoughts, which are not in candidatesTokenCount. The stream is the recorded thinking stream
 * (usage on every chunk, cumulative), its usage set to the buffered answer's.
 */
const GEMINI_ANSWER = (
  JSON.parse(fixture('gemini/recording-cached-content-token-count.json')) as {
    interactions: Array<{ response: { bodySegments: Array<Record<string, unknown>> } }>;
  }
).interactions[0]!.response.bodySegments[0]!;
export function answerAsGemini(request: RecordedRequest): FixtureReply {
  if (!isStream(request)) return json(GEMINI_ANSWER);
  const chunks = lines('gemini/stream-reasoning.chunks.jsonl');
  const usage = GEMINI_ANSWER.usageMetadata as { candidatesTokenCount: number };
  return sse(
    chunks
      .map((chunk, index) => {
        // Earlier chunks count the candidates so far; the last one has the final count.
        const candidates = index === chunks.length - 1 ? usage.candidatesTokenCount : index + 1;
        const usageMetadata = { ...usage, candidatesTokenCount: candidates };
        return `data: ${JSON.stringify({ ...chunk, usageMetadata })}\r\n\r\n`;
      })
      .join(''),
  );
}

/** What each upstream reports, as the gateway bills it: reasoning is output. */
export const RECORDED_USAGE = {
  openai: { promptTokens: 1_216, completionTokens: 363, cachedTokens: 1_024 },
  responses: { promptTokens: 34, completionTokens: 226, cachedTokens: 16 },
  // 3 + 418 + 1111 in; 318 written for 5 minutes, 100 for an hour.
  anthropic: {
    promptTokens: 1_532,
    completionTokens: 33,
    cachedTokens: 1_111,
    cacheWriteTokens: 418,
    cacheWrite1hTokens: 100,
  },
  // 238 candidates + 41 thoughts.
  gemini: { promptTokens: 5, completionTokens: 279, cachedTokens: 3 },
  // 26 completion + 189 reasoning.
  xai: { promptTokens: 291, completionTokens: 215, cachedTokens: 244 },
} as const;
