import { readFileSync } from 'node:fs';

/*
 * The bodies the fault upstream sends: recorded OpenAI and Anthropic answers (see the
 * fixtures' SOURCES.md) with the requested model and a scripted usage patched in, so that a
 * test knows exactly what the gateway will bill.
 */

export type UpstreamFormat = 'openai' | 'anthropic';

/** Token counts the upstream reports; absent, the recorded ones. */
export interface ScriptedUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const OPENAI_COMPLETION = read('../../routes/relay/__fixtures__/chat-completion-text.json');
const OPENAI_STREAM = read('../../routes/relay/__fixtures__/chat-stream-include-usage.sse');
const OPENAI_401 = read('../../routes/relay/__fixtures__/error-401-invalid-api-key.json');
const ANTHROPIC_MESSAGE = read('./__fixtures__/messages-text.json');
const ANTHROPIC_STREAM = read('./__fixtures__/messages-stream-text.sse');

// OpenAI's documented `GET /v1/models` answer (platform.openai.com/docs/api-reference/models/list).
export const MODEL_LIST = JSON.stringify({
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1686935002, owned_by: 'openai' },
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  ],
});

/** A JSON answer is cut in this many pieces, so that a reset can land inside it. */
const JSON_PIECES = 4;

/**
 * A successful answer as the pieces it is written in: one per SSE event for a stream, the
 * JSON in four otherwise.
 */
export function successChunks(
  format: UpstreamFormat,
  options: { model: string; stream: boolean; includeUsage: boolean; usage?: ScriptedUsage },
): string[] {
  if (format === 'openai') {
    return options.stream ? openAIStream(options) : splitEvenly(openAICompletion(options));
  }
  return options.stream ? anthropicStream(options) : splitEvenly(anthropicMessage(options));
}

function openAICompletion({ model, usage }: { model: string; usage?: ScriptedUsage }): string {
  const body = JSON.parse(OPENAI_COMPLETION);
  body.model = model;
  if (usage) {
    body.usage.prompt_tokens = usage.promptTokens;
    body.usage.completion_tokens = usage.completionTokens;
    body.usage.total_tokens = usage.promptTokens + usage.completionTokens;
  }
  return JSON.stringify(body);
}

function openAIStream(options: {
  model: string;
  includeUsage: boolean;
  usage?: ScriptedUsage;
}): string[] {
  return sseEvents(OPENAI_STREAM).flatMap((event) => {
    if (event === 'data: [DONE]') return [`${event}\n\n`];
    const chunk = JSON.parse(event.slice('data: '.length));
    chunk.model = options.model;
    if (chunk.usage) {
      // OpenAI sends the usage chunk only to callers that asked for it.
      if (!options.includeUsage) return [];
      if (options.usage) {
        chunk.usage = {
          prompt_tokens: options.usage.promptTokens,
          completion_tokens: options.usage.completionTokens,
          total_tokens: options.usage.promptTokens + options.usage.completionTokens,
        };
      }
    }
    return [`data: ${JSON.stringify(chunk)}\n\n`];
  });
}

function anthropicMessage({ model, usage }: { model: string; usage?: ScriptedUsage }): string {
  const body = JSON.parse(ANTHROPIC_MESSAGE);
  body.model = model;
  if (usage) {
    body.usage.input_tokens = usage.promptTokens;
    body.usage.output_tokens = usage.completionTokens;
  }
  return JSON.stringify(body);
}

function anthropicStream({ model, usage }: { model: string; usage?: ScriptedUsage }): string[] {
  return sseEvents(ANTHROPIC_STREAM).map((event) => {
    const [eventLine, dataLine] = event.split('\n') as [string, string];
    const data = JSON.parse(dataLine.slice('data: '.length));
    if (data.type === 'message_start') {
      data.message.model = model;
      if (usage) data.message.usage.input_tokens = usage.promptTokens;
    }
    // message_delta's output_tokens is cumulative: the final count.
    if (data.type === 'message_delta' && usage) data.usage.output_tokens = usage.completionTokens;
    return `${eventLine}\ndata: ${JSON.stringify(data)}\n\n`;
  });
}

/** An error body as the provider words it, carelessly quoting the credential it received. */
export function errorBody(
  format: UpstreamFormat,
  kind: 'unauthorized' | 'rate-limited' | 'server-error',
  key: string,
  status = 500,
): string {
  if (format === 'anthropic') {
    const [type, message] = {
      unauthorized: ['authentication_error', `invalid x-api-key: ${key}`],
      'rate-limited': [
        'rate_limit_error',
        `Number of requests has exceeded your rate limit (key ${key})`,
      ],
      // Anthropic answers 529 when it is overloaded, with its own error type.
      'server-error':
        status === 529
          ? ['overloaded_error', `Overloaded (key ${key})`]
          : ['api_error', `Internal server error (key ${key})`],
    }[kind];
    return JSON.stringify({ type: 'error', error: { type, message } });
  }
  if (kind === 'unauthorized') return OPENAI_401.replace(/sk-VKMIs\*+wjh3/, key);
  const error =
    kind === 'rate-limited'
      ? {
          message: `Rate limit reached for requests with key ${key}. Please try again in 1s.`,
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        }
      : {
          message: `The server had an error while processing your request (key ${key}). Sorry about that!`,
          type: 'server_error',
          param: null,
          code: null,
        };
  return JSON.stringify({ error });
}

/**
 * The forms a careless upstream quotes a key in: whole, without its vendor prefix (`sk-`,
 * `sk-ant-api03-`), and masked as OpenAI's 401 shows it (first characters, stars, last four).
 */
export function quotedForms(key: string): string[] {
  const bare = key.replace(/^sk-(?:ant-api\d+-|proj-)?/, '');
  return [key, bare, `${key.slice(0, 7)}${'*'.repeat(20)}${key.slice(-4)}`];
}

/**
 * An error body that puts the keys everywhere a provider could: the message, `type`,
 * `param`, `code`, and nested details (OpenAI's shape, or Anthropic's with the same extras).
 */
export function leakyErrorBody(format: UpstreamFormat, keys: readonly string[]): string {
  const forms = keys.flatMap(quotedForms);
  const [key, bare, masked] = forms as [string, string, string];
  const error = {
    message: `Incorrect API key provided: ${forms.join(', ')}`,
    type: key,
    param: bare,
    code: masked,
    details: { keys: forms, nested: [{ credential: key, hint: `Bearer ${bare}` }] },
  };
  return JSON.stringify(format === 'anthropic' ? { type: 'error', error } : { error });
}

/** A stream's error event quoting the keys, as the upstream's format frames one. */
export function leakyStreamError(format: UpstreamFormat, keys: readonly string[]): string {
  const forms = keys.flatMap(quotedForms);
  const message = `Stream failed for key ${forms.join(', ')}`;
  if (format === 'anthropic') {
    const data = { type: 'error', error: { type: 'overloaded_error', message, param: forms[1] } };
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
  }
  const error = { message, type: 'server_error', param: forms[1], code: forms[0], details: forms };
  return `data: ${JSON.stringify({ error })}\n\n`;
}

function sseEvents(text: string): string[] {
  return text
    .split('\n\n')
    .map((event) => event.trim())
    .filter((event) => event !== '');
}

function splitEvenly(text: string): string[] {
  const size = Math.ceil(text.length / JSON_PIECES);
  return Array.from({ length: JSON_PIECES }, (_, index) =>
    text.slice(index * size, (index + 1) * size),
  ).filter((piece) => piece !== '');
}
