import type { Attempt } from '@oneapi/router';
import type { RelayTraceEnd, RelayTraceStart } from './relay-tracer';

type Attributes = Record<string, string | number | boolean | string[]>;

// The GenAI semantic conventions' names for providers oneapi has (gen_ai.provider.name's
// well-known values); any other channel type is named by its own id.
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  azure: 'azure.ai.openai',
  bedrock: 'aws.bedrock',
  gemini: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
};

export const providerNameOf = (channelType: string) => PROVIDER_NAMES[channelType] ?? channelType;

// Prompt text, when the operator opted in, is cut here: a span is not a place for megabytes.
const MAX_CONTENT_CHARS = 64 * 1024;

/** The request span's attributes known at admission. */
export function requestStartAttributes(info: RelayTraceStart, captureContent: boolean): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': info.operation,
    'gen_ai.request.model': info.model,
    'oneapi.request_id': info.requestId,
    'oneapi.stream': info.stream,
  };
  if (captureContent && info.input) {
    const text = JSON.stringify(info.input()) ?? '';
    attributes['gen_ai.input.messages'] = text.slice(0, MAX_CONTENT_CHARS);
  }
  return attributes;
}

/** The request span's attributes once it ended: the answering provider, model, usage. */
export function requestEndAttributes(result: RelayTraceEnd): Attributes {
  const last = result.attempts.at(-1);
  return {
    'http.response.status_code': result.status,
    'oneapi.attempt.count': result.attempts.length,
    ...(last && providerAttributes(last.channelType)),
    ...responseAttributes(result),
    ...(result.error && { 'error.type': result.error.code }),
  };
}

/** One attempt span's attributes: channel, status, outcome and why it was tried. */
export function attemptAttributes(
  attempt: Attempt,
  index: number,
  result: RelayTraceEnd,
  operation: string,
): Attributes {
  const previous = index > 0 ? result.attempts[index - 1] : undefined;
  const answered = attempt.outcome === 'success';
  return {
    'gen_ai.operation.name': operation,
    'gen_ai.request.model': attempt.upstreamModel,
    ...providerAttributes(attempt.channelType),
    'oneapi.channel.id': attempt.channelId,
    ...(attempt.channelName !== undefined && { 'oneapi.channel.name': attempt.channelName }),
    'oneapi.channel.key_index': attempt.keyIndex,
    'oneapi.attempt.number': index + 1,
    'oneapi.attempt.route': attempt.route,
    'oneapi.attempt.outcome': attempt.outcome,
    ...(attempt.upstreamStatus !== undefined && {
      'http.response.status_code': attempt.upstreamStatus,
    }),
    ...(attempt.errorCode !== undefined && { 'error.type': attempt.errorCode }),
    // Why this try happened: the error of the one before it.
    ...(previous?.errorCode !== undefined && { 'oneapi.retry.reason': previous.errorCode }),
    ...(answered && responseAttributes(result)),
  };
}

function providerAttributes(channelType: string): Attributes {
  const name = providerNameOf(channelType);
  // gen_ai.system is the older name of gen_ai.provider.name; both, for backends of either age.
  return { 'gen_ai.provider.name': name, 'gen_ai.system': name };
}

function responseAttributes(result: RelayTraceEnd): Attributes {
  return {
    ...(result.responseModel !== undefined && { 'gen_ai.response.model': result.responseModel }),
    ...(result.usage && {
      'gen_ai.usage.input_tokens': result.usage.promptTokens,
      'gen_ai.usage.output_tokens': result.usage.completionTokens,
    }),
    ...(result.finishReasons &&
      result.finishReasons.length > 0 && {
        'gen_ai.response.finish_reasons': [...result.finishReasons],
      }),
  };
}
