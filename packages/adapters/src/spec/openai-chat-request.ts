import { z } from 'zod';

/*
 * The canonical request: OpenAI Chat Completions as sent on the wire (snake_case).
 * Objects are loose so that fields this schema does not name still reach
 * OpenAI-compatible upstreams untouched; named fields are checked precisely.
 */

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });

const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    /** An https URL or a data: URL. */
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});

const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

const filePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});

export const contentPartSchema = z.discriminatedUnion('type', [
  textPart,
  imagePart,
  audioPart,
  filePart,
]);

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const textContent = z.union([z.string(), z.array(textPart)]);

/** A thinking block as Anthropic signs it: text and signature, or redacted data. */
export const thinkingBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
]);
export type ThinkingBlock = z.infer<typeof thinkingBlockSchema>;

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: textContent, name: z.string().optional() }),
  z.looseObject({
    role: z.literal('developer'),
    content: textContent,
    name: z.string().optional(),
  }),
  z.looseObject({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(contentPartSchema)]),
    name: z.string().optional(),
  }),
  z.looseObject({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).optional(),
    /** Returned by DeepSeek-style reasoners; never sent back upstream by the adapters. */
    reasoning_content: z.string().nullish(),
    /**
     * Anthropic's signed thinking of this turn, as LiteLLM names it; sent back only to
     * Anthropic-format upstreams, which refuse a thinking tool turn without it.
     */
    thinking_blocks: z.array(thinkingBlockSchema).optional(),
    name: z.string().optional(),
  }),
  z.looseObject({ role: z.literal('tool'), content: textContent, tool_call_id: z.string() }),
]);

export const toolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, _ or -'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

export const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

export const responseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(chatMessageSchema).min(1),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

export type ContentPart = z.infer<typeof contentPartSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ChatTool = z.infer<typeof toolSchema>;
export type ChatToolChoice = z.infer<typeof toolChoiceSchema>;
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** The output token limit the caller asked for, whichever field carried it. */
export function requestedMaxTokens(request: ChatRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}

/** A message's text, with text parts joined; other parts are ignored. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { type: 'text'; text: string } => part?.type === 'text')
    .map((part) => part.text)
    .join('');
}
