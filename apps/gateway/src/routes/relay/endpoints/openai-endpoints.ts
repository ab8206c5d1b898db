import {
  asRecord,
  boundTextsTokens,
  boundTextTokens,
  countTextsTokens,
  countTextTokens,
  createResponsesStreamMeter,
  type EmbeddingsRequest,
  fromOpenAIUsage,
  readResponsesUsage,
} from '@oneapi/adapters';
import { defaultOutputCap } from '../output-cap';
import type { EndpointSpec, MeteredUsage, StreamMeter } from './endpoint-spec';
import { parseJsonOrUndefined } from './parse-json-or-undefined';

/**
 * The OpenAI endpoints besides chat, each priced the way its models are: tokens (completions,
 * embeddings, moderations, rerank, responses), images, characters (speech) or audio seconds
 * (transcription). Quota is held on an upper bound of the prompt's tokens (its UTF-8 bytes:
 * linear, no tokenizer); where the upstream reports usage it is billed, otherwise the prompt
 * as the tokenizer counts it, flagged as estimated in the log.
 */
export const OPENAI_ENDPOINTS: readonly EndpointSpec[] = [
  {
    path: '/completions',
    bodyType: 'json',
    estimate: async ({ json }) => ({
      promptTokens: await boundTokensIn(json?.prompt),
      // The legacy endpoint's own default is 16.
      maxTokens: integerOr(json?.max_tokens, 16) * integerOr(json?.n, 1),
    }),
    countPrompt: ({ json }) => countTokensIn(json?.prompt),
    usageOf: (answer) => tokenUsage(fromOpenAIUsage(asRecord(answer).usage)),
    // Sent explicitly: an OpenAI-compatible server's own default may be longer than 16.
    outputCap: { field: 'max_tokens', defaultCap: () => 16 },
    upstreamPatch: ({ json }) =>
      json?.stream === true && asRecord(json.stream_options).include_usage !== true
        ? { stream_options: { ...asRecord(json.stream_options), include_usage: true } }
        : undefined,
    streamMeter: ({ json }) =>
      completionsMeter(
        () => countTokensIn(json?.prompt),
        asRecord(json?.stream_options).include_usage === true,
      ),
  },
  {
    path: '/embeddings',
    bodyType: 'json',
    estimate: async ({ json }) => ({
      promptTokens: await boundTokensIn(json?.input),
      maxTokens: 0,
    }),
    countPrompt: ({ json }) => countTokensIn(json?.input),
    usageOf: (answer) => tokenUsage(fromOpenAIUsage(asRecord(answer).usage)),
    // Native providers (Gemini, Vertex, Cohere, ...) have embeddings too, in their own shape.
    accepts: (adapter) => adapter.embeddings !== undefined,
    send: async (client, body, upstreamModel, signal) =>
      Response.json(
        await client.embeddings(
          { ...(body.json as unknown as EmbeddingsRequest), model: upstreamModel },
          {
            signal,
          },
        ),
      ),
  },
  {
    path: '/images/generations',
    bodyType: 'json',
    estimate: async ({ json }) => ({
      promptTokens: await boundTokensIn(json?.prompt),
      maxTokens: 0,
      images: integerOr(json?.n, 1),
    }),
    countPrompt: ({ json }) => countTokensIn(json?.prompt),
    usageOf: imageUsage,
  },
  {
    path: '/images/edits',
    bodyType: 'multipart',
    estimate: async ({ form }) => ({
      promptTokens: await boundTokensIn(form?.get('prompt')),
      maxTokens: 0,
      images: integerOr(Number(form?.get('n') ?? 1), 1),
    }),
    countPrompt: ({ form }) => countTokensIn(form?.get('prompt')),
    usageOf: imageUsage,
  },
  {
    path: '/audio/speech',
    bodyType: 'json',
    estimate: ({ json }) => {
      const input = typeof json?.input === 'string' ? json.input : '';
      return { promptTokens: boundTextTokens(input), maxTokens: 0, characters: input.length };
    },
    // The answer is audio; the input's characters are exactly what is billed.
    usageOf: async (_answer, { json }, estimate) => ({
      promptTokens: await countTokensIn(json?.input),
      completionTokens: 0,
      characters: estimate.characters ?? 0,
    }),
  },
  transcription('/audio/transcriptions'),
  transcription('/audio/translations'),
  {
    path: '/moderations',
    bodyType: 'json',
    estimate: async ({ json }) => ({
      promptTokens: await boundTokensIn(json?.input),
      maxTokens: 0,
    }),
    countPrompt: ({ json }) => countTokensIn(json?.input),
    usageOf: () => undefined,
  },
  {
    path: '/rerank',
    bodyType: 'json',
    estimate: async ({ json }) => ({
      promptTokens: (await boundTokensIn(json?.query)) + (await boundTokensIn(json?.documents)),
      maxTokens: 0,
    }),
    countPrompt: async ({ json }) =>
      (await countTokensIn(json?.query)) + (await countTokensIn(json?.documents)),
    // Jina and vLLM report tokens; Cohere reports search units, billed per request.
    usageOf: (answer) => {
      const usage = asRecord(asRecord(answer).usage);
      const total = usage.total_tokens ?? usage.prompt_tokens;
      return typeof total === 'number' ? { promptTokens: total, completionTokens: 0 } : undefined;
    },
  },
];

/**
 * POST /v1/responses passed through to the channels that serve it (OpenAI, Azure, and the
 * compatible vendors that list it); responses-route.ts translates it for the others.
 */
export const RESPONSES_ENDPOINT: EndpointSpec = {
  path: '/responses',
  bodyType: 'json',
  estimate: async ({ json }) => ({
    promptTokens: (await boundTokensIn(json?.input)) + (await boundTokensIn(json?.instructions)),
    maxTokens: typeof json?.max_output_tokens === 'number' ? json.max_output_tokens : null,
  }),
  countPrompt: async ({ json }) =>
    (await countTokensIn(json?.input)) + (await countTokensIn(json?.instructions)),
  usageOf: readResponsesUsage,
  outputCap: {
    field: 'max_output_tokens',
    defaultCap: ({ json }, defaultMaxTokens) =>
      defaultOutputCap(defaultMaxTokens, asRecord(json?.reasoning).effort),
  },
  streamMeter: ({ json }) =>
    createResponsesStreamMeter(
      async () => (await countTokensIn(json?.input)) + (await countTokensIn(json?.instructions)),
    ),
};

function transcription(path: '/audio/transcriptions' | '/audio/translations'): EndpointSpec {
  return {
    path,
    bodyType: 'multipart',
    // The duration is unknown until the upstream has decoded the file: reserve as if it were
    // 32 kbit/s audio (compressed speech is rarely thinner), bill what the answer reports.
    estimate: ({ fileBytes }) => ({
      promptTokens: 0,
      maxTokens: 0,
      audioSeconds: Math.max(1, Math.ceil(fileBytes / 4000)),
    }),
    usageOf: async (answer) => {
      const body = asRecord(answer);
      const usage = asRecord(body.usage);
      const text = typeof body.text === 'string' ? body.text : '';
      if (usage.type === 'tokens' && typeof usage.input_tokens === 'number')
        return {
          promptTokens: usage.input_tokens,
          completionTokens:
            typeof usage.output_tokens === 'number'
              ? integerOr(usage.output_tokens, 0)
              : await countTextTokens(text),
        };
      const seconds =
        usage.type === 'duration' && typeof usage.seconds === 'number'
          ? usage.seconds
          : typeof body.duration === 'number'
            ? body.duration
            : undefined;
      return seconds === undefined
        ? undefined
        : {
            promptTokens: 0,
            completionTokens: await countTextTokens(text),
            audioSeconds: Math.ceil(seconds),
          };
    },
  };
}

function imageUsage(answer: unknown): MeteredUsage | undefined {
  const body = asRecord(answer);
  if (!Array.isArray(body.data)) return undefined;
  // gpt-image-1 reports tokens; DALL-E is priced per image.
  const usage = asRecord(body.usage);
  // Edits count the input images apart (input_tokens_details.image_tokens), priced apart.
  const imageInputTokens = integerOr(asRecord(usage.input_tokens_details).image_tokens, 0);
  return {
    promptTokens: integerOr(usage.input_tokens, 0),
    completionTokens: integerOr(usage.output_tokens, 0),
    ...(imageInputTokens > 0 && { imageInputTokens }),
    images: body.data.length,
  };
}

/** Legacy completions stream: usage from the usage chunk, else the text that went by. */
function completionsMeter(
  countPrompt: () => Promise<number>,
  callerAskedForUsage: boolean,
): StreamMeter {
  let reported: MeteredUsage | undefined;
  let text = '';
  return {
    observe(_event, data) {
      if (data === '[DONE]') return true;
      const chunk = asRecord(parseJsonOrUndefined(data));
      if (Array.isArray(chunk.choices))
        for (const choice of chunk.choices) {
          const piece = asRecord(choice).text;
          if (typeof piece === 'string') text += piece;
        }
      if (chunk.usage) {
        reported = tokenUsage(fromOpenAIUsage(chunk.usage)) ?? reported;
        const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0;
        if (usageOnly && !callerAskedForUsage) return false;
      }
      return true;
    },
    usage: async () =>
      reported ?? {
        promptTokens: await countPrompt(),
        completionTokens: await countTextTokens(text),
        estimated: true,
      },
    failure: undefined,
  };
}

function tokenUsage(usage: ReturnType<typeof fromOpenAIUsage>): MeteredUsage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    ...(usage.cachedTokens !== undefined && { cachedTokens: usage.cachedTokens }),
  };
}

/**
 * At least the tokens in a prompt-like field (a string, strings, token ids, or structured
 * input items): their UTF-8 bytes, linear in the body and with no tokenizer (see
 * `boundTextTokens`), for the quota held before the upstream is asked.
 */
async function boundTokensIn(value: unknown): Promise<number> {
  const { texts, tokenIds } = promptTextsIn(value);
  return tokenIds + (await boundTextsTokens(texts));
}

/** The tokens in a prompt-like field as the tokenizer counts them (in slices), for billing. */
async function countTokensIn(value: unknown): Promise<number> {
  const { texts, tokenIds } = promptTextsIn(value);
  // One count of them all: the counter runs in a worker, and 300,000 inputs one message each
  // would cost this thread more than counting them did.
  return tokenIds + (await countTextsTokens(texts));
}

/**
 * The texts of a prompt-like field, and how many token ids it holds. A loop over a stack, not
 * nested generators: 300,000 inputs through `yield*` held the event loop 100 ms.
 */
function promptTextsIn(value: unknown): { texts: string[]; tokenIds: number } {
  const texts: string[] = [];
  let tokenIds = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') texts.push(next);
    else if (typeof next === 'number') tokenIds++;
    else if (Array.isArray(next)) for (const item of next) pending.push(item);
    else if (typeof next === 'object' && next !== null) {
      // Structured input (Responses items, rerank documents): the text fields.
      const record = next as Record<string, unknown>;
      for (const key of PROMPT_TEXT_FIELDS) if (key in record) pending.push(record[key]);
    }
  }
  return { texts, tokenIds };
}

const PROMPT_TEXT_FIELDS = ['text', 'content', 'input', 'output'] as const;

function integerOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}
