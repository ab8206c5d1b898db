import {
  asRecord,
  boundPromptTokens,
  type ChatRequest,
  countPromptTokens,
  createOpenAIStreamDecoder,
  createUsageMeter,
  fromOpenAIUsage,
  messageText,
  requestedMaxTokens,
} from '@oneapi/adapters';
import { defaultOutputCap } from '../output-cap';
import type { EndpointSpec, StreamMeter } from './endpoint-spec';
import { parseJsonOrUndefined } from './parse-json-or-undefined';

/**
 * Chat Completions to channels that answer in OpenAI's own format (`/chat/completions` in
 * their passthrough list): the client's bytes go up with only the gateway's fields set
 * (model, the output cap, stream usage), and the upstream's answer comes back as it is,
 * named with the model the client asked for. Billed as the translated chat is: the usage
 * the answer reports, or the prompt and the delivered text as the tokenizer counts them.
 */
export const CHAT_COMPLETIONS_PASSTHROUGH: EndpointSpec = {
  path: '/chat/completions',
  bodyType: 'json',
  estimate: async ({ json }) => ({
    // An upper bound that needs no tokenizer, as the translated chat holds.
    promptTokens: await boundPromptTokens(chatOf(json)),
    maxTokens: (requestedMaxTokens(chatOf(json)) ?? 0) * choicesOf(json),
  }),
  countPrompt: ({ json }) => countPromptTokens(chatOf(json)),
  usageOf: async (answer, { json }) => {
    const reported = fromOpenAIUsage(asRecord(answer).usage);
    if (reported) return reported;
    const meter = createUsageMeter(chatOf(json));
    const choices = asRecord(answer).choices;
    for (const choice of Array.isArray(choices) ? choices : []) {
      const text = messageText(asRecord(asRecord(choice).message).content);
      meter.observe({ type: 'text-delta', choice: 0, text });
    }
    return meter.usage();
  },
  outputCap: {
    field: 'max_completion_tokens',
    alsoLimitedBy: ['max_tokens'],
    defaultCap: ({ json }, defaultMaxTokens) =>
      defaultOutputCap(defaultMaxTokens, json?.reasoning_effort),
  },
  // Billing needs the usage chunk; the meter hides it from a client that did not ask.
  upstreamPatch: ({ json }) =>
    json?.stream === true && !callerAskedForUsage(json)
      ? { stream_options: { ...asRecord(json.stream_options), include_usage: true } }
      : undefined,
  streamMeter: ({ json }) => chatStreamMeter(chatOf(json), callerAskedForUsage(json)),
  streamError: (_event, data) =>
    createOpenAIStreamDecoder()
      .decode({ data })
      .find((event) => event.type === 'error')?.error,
  answersWithClientModel: true,
};

/** The body as a chat request: validated by the route (`parseOpenAIChatRequest`) before. */
const chatOf = (json: RelayBodyJson) => json as unknown as ChatRequest;

type RelayBodyJson = Readonly<Record<string, unknown>> | undefined;

function choicesOf(json: RelayBodyJson): number {
  const n = json?.n;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
}

function callerAskedForUsage(json: RelayBodyJson): boolean {
  return asRecord(json?.stream_options).include_usage === true;
}

/**
 * A chat stream's events decoded as the translated path decodes them, so a stream without a
 * usage chunk (one cut short) is counted from the same text; the usage-only chunk (`choices:
 * []`) the gateway asked for goes to the client only when it asked too.
 */
function chatStreamMeter(request: ChatRequest, askedForUsage: boolean): StreamMeter {
  const decoder = createOpenAIStreamDecoder();
  const meter = createUsageMeter(request);
  let failure: string | undefined;
  let responseModel: string | undefined;
  const finishReasons: string[] = [];
  return {
    observe(_event, data) {
      if (data === '[DONE]') return true;
      let events: ReturnType<typeof decoder.decode>;
      try {
        events = decoder.decode({ data });
      } catch {
        // Not JSON: relayed as it came, nothing to count in it.
        return true;
      }
      for (const event of events) {
        if (event.type === 'error') failure ??= event.error.message;
        else meter.observe(event);
        if (event.type === 'start') responseModel ??= event.model;
        else if (event.type === 'finish') finishReasons.push(event.reason);
      }
      if (askedForUsage || !data.includes('"usage"')) return true;
      const choices = asRecord(parseJsonOrUndefined(data)).choices;
      return !(Array.isArray(choices) && choices.length === 0);
    },
    usage: () => meter.usage(),
    get failure() {
      return failure;
    },
    get responseModel() {
      return responseModel;
    },
    finishReasons,
  };
}
