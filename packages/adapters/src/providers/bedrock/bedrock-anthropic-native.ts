import { toAnthropicError } from '../../anthropic-ingress/anthropic-error';
import { asRecord } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { NativeRequestInit, NativeSupport } from '../../spec/provider-adapter';
import { fromBedrockCountTokens, toBedrockCountTokensBody } from './bedrock-count-tokens';
import { buildBedrockOperation } from './build-bedrock-request';
import { codeForBedrockException } from './parse-bedrock-error';
import { readAwsEventStream } from './read-aws-event-stream';
import { isBedrockException } from './read-bedrock-stream-event';

const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

/**
 * Claude on Bedrock through InvokeModel, which takes Anthropic's Messages body: an Anthropic
 * client's body as written, with `model` moved into the URL, `stream` into the operation
 * (`invoke` or `invoke-with-response-stream`), Bedrock's `anthropic_version` unless the
 * client set one, and the client's `anthropic-beta` as the body's `anthropic_beta` list,
 * where Bedrock reads betas. Its stream is re-framed from AWS event-stream into SSE, and
 * count_tokens goes to CountTokens, its `{inputTokens}` answered as `{input_tokens}`.
 */
export const bedrockAnthropicNative: NativeSupport = {
  format: 'anthropic-messages',
  // InvokeModel's Messages body is Claude's; other models on Bedrock have their own.
  servesModel: (model) => /claude/i.test(model),
  async buildRequest(init, target) {
    const operation = init.stream ? 'invoke-with-response-stream' : 'invoke';
    const body = JSON.stringify(toInvokeModelBody(init));
    return buildBedrockOperation(target, init.model, operation, body);
  },
  // Counted by Bedrock's CountTokens, on the very body InvokeModel would be sent.
  async buildCountTokensRequest(init, target) {
    const body = toBedrockCountTokensBody(toInvokeModelBody(init));
    return buildBedrockOperation(target, init.model, 'count-tokens', body);
  },
  toFormatCountTokens: fromBedrockCountTokens,
  toFormatStream: (body) => toReadableStream(toAnthropicSse(body)),
};

/** The client's Messages body as InvokeModel takes it (see above). */
function toInvokeModelBody(init: NativeRequestInit): Record<string, unknown> {
  const { model: _inUrl, stream: _inOperation, ...body } = init.json;
  const betas = (init.headers['anthropic-beta'] ?? '')
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '');
  return {
    anthropic_version: BEDROCK_ANTHROPIC_VERSION,
    ...(betas.length > 0 && { anthropic_beta: betas }),
    ...body,
  };
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Each `chunk` frame carries one Anthropic event, base64-encoded in `bytes`: it goes out as
 * `event: <type>` and its JSON as it was. An exception frame becomes Anthropic's `error` event.
 */
async function* toAnthropicSse(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const message of readAwsEventStream(body)) {
    if (message.event !== undefined && isBedrockException(message.event)) {
      const text = asRecord(safeParse(message.data)).message;
      const reason = typeof text === 'string' ? text : message.event;
      const code = codeForBedrockException(message.event, reason) ?? 'upstream_server_error';
      const error = toAnthropicError(new AdapterError(code, reason));
      yield encoder.encode(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
      return;
    }
    const bytes = asRecord(safeParse(message.data)).bytes;
    if (typeof bytes !== 'string') continue;
    const event = utf8.decode(Uint8Array.from(atob(bytes), (char) => char.charCodeAt(0)));
    const type = asRecord(safeParse(event)).type;
    yield encoder.encode(`${typeof type === 'string' ? `event: ${type}\n` : ''}data: ${event}\n\n`);
  }
}

function toReadableStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
